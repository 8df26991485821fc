package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * The read load: a prepared tree and a random mix of reads over it, run by {@link LoadRunner}.
 *
 * <p>The tree: {@code /bench/g-<i>} for each group, each with {@code c-<j>} children holding {@code
 * valueBytes} of data. Each op is getData (1/2), exists (1/4) on a random child or getChildren
 * (1/4) on a random group, chosen by a seeded random per session.
 */
final class ReadLoad {
  static final String ROOT = "/bench";

  /** Creates in flight while preparing the tree. */
  private static final int PREPARE_IN_FLIGHT = 1000;

  private ReadLoad() {}

  /** Creates the tree once per server, pipelining the creates. */
  static void prepare(ServerProcess server, BenchOptions options) throws Exception {
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      zk.create(ROOT, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      PipelinedCreates.create(zk, options.groups(), ReadLoad::group, i -> null, PREPARE_IN_FLIGHT);
      int children = options.childrenPerGroup();
      PipelinedCreates.create(
          zk,
          options.groups() * children,
          i -> child(i / children, i % children),
          i -> value(options.valueBytes()),
          PREPARE_IN_FLIGHT);
    }
  }

  static String group(int index) {
    return ROOT + "/g-" + index;
  }

  private static String child(int group, int index) {
    return group(group) + "/c-" + index;
  }

  private static byte[] value(int bytes) {
    byte[] value = new byte[bytes];
    Arrays.fill(value, (byte) 'v');
    return value;
  }

  /** The read mix over the tree {@link #prepare} made. */
  static LoadRunner.Workload workload(BenchOptions options) {
    List<String> children = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < options.groups(); g++) {
      groups.add(group(g));
      for (int c = 0; c < options.childrenPerGroup(); c++) {
        children.add(child(g, c));
      }
    }
    String[] childPaths = children.toArray(new String[0]);
    String[] groupPaths = groups.toArray(new String[0]);
    return session -> {
      Random random = new Random(options.seed() + session);
      return (zk, done, issuedNanos) -> {
        int choice = random.nextInt(4);
        if (choice < 2) {
          zk.getData(childPaths[random.nextInt(childPaths.length)], false, done, issuedNanos);
        } else if (choice == 2) {
          zk.exists(childPaths[random.nextInt(childPaths.length)], false, done, issuedNanos);
        } else {
          zk.getChildren(groupPaths[random.nextInt(groupPaths.length)], false, done, issuedNanos);
        }
      };
    };
  }
}
