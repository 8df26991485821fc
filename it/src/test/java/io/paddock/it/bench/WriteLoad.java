package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerProcess;
import java.util.Random;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * The write loads, run by {@link LoadRunner}: creates of new nodes and setData on a pool of
 * existing nodes, every value {@code valueBytes} of seeded random bytes (incompressible, so neither
 * server's log or snapshot gains from the values being trivial).
 *
 * <p>The tree: {@code /wbench/pool/p-<i>} (the setData targets) and one parent per session, {@code
 * /wbench/s-<k>}, under which that session creates {@code n-<counter>} (or sequential {@code n-}
 * nodes), so sessions never collide and no single parent gets every child.
 */
final class WriteLoad {
  static final String ROOT = "/wbench";

  private static final int PREPARE_IN_FLIGHT = 1000;

  private WriteLoad() {}

  /** Creates the root, the per-session parents and the pool. */
  static void prepare(ServerProcess server, WriteOptions options) throws Exception {
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      zk.create(ROOT, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.create(ROOT + "/pool", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      PipelinedCreates.create(
          zk, options.sessions(), WriteLoad::sessionParent, i -> null, PREPARE_IN_FLIGHT);
      Random random = new Random(options.seed());
      PipelinedCreates.create(
          zk,
          options.poolNodes(),
          WriteLoad::poolNode,
          i -> randomValue(random, options.valueBytes()),
          PREPARE_IN_FLIGHT);
    }
  }

  /**
   * Creates: each session under its own parent. The counter runs on across warm-up, windows and
   * variants of the same run (the workload object is made once per server), so names never repeat.
   */
  static LoadRunner.Workload creates(WriteOptions options) {
    long[] counters = new long[options.sessions()];
    return session -> {
      byte[] value = randomValue(new Random(options.seed() + session), options.valueBytes());
      String prefix = sessionParent(session) + "/n-";
      if (options.sequentialNames()) {
        return (zk, done, issuedNanos) ->
            zk.create(
                prefix,
                value,
                Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL,
                done,
                issuedNanos);
      }
      return (zk, done, issuedNanos) ->
          zk.create(
              prefix + counters[session]++,
              value,
              Ids.OPEN_ACL_UNSAFE,
              CreateMode.PERSISTENT,
              done,
              issuedNanos);
    };
  }

  /** setData of a fresh value (version -1) on a random pool node. */
  static LoadRunner.Workload setData(WriteOptions options) {
    return session -> {
      Random random = new Random(options.seed() + 1000 + session);
      byte[] value = randomValue(random, options.valueBytes());
      return (zk, done, issuedNanos) ->
          zk.setData(poolNode(random.nextInt(options.poolNodes())), value, -1, done, issuedNanos);
    };
  }

  static String sessionParent(int session) {
    return ROOT + "/s-" + session;
  }

  private static String poolNode(int index) {
    return ROOT + "/pool/p-" + index;
  }

  /**
   * A fresh array: the client keeps a reference until the request is sent, so an array handed to it
   * is never changed afterwards.
   */
  static byte[] randomValue(Random random, int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return value;
  }
}
