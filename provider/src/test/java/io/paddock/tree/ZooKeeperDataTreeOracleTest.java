package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.OpResult;
import io.paddock.api.Perms;
import io.paddock.api.Stat;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.DataTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stat bookkeeping checked against ZooKeeper 3.9.5's own DataTree (test scope only): random ops go
 * through our apply; each one that succeeds is replayed on ZooKeeper's tree with the parameters
 * ZooKeeper's request processor would compute from its own state; then every node's stat, children
 * and ACL must agree.
 */
class ZooKeeperDataTreeOracleTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  /**
   * ZooKeeper's DataTree needs Dropwizard metrics-core at class-init time; the provider module does
   * not have it on its test classpath yet, so these oracle checks run only where it is present (for
   * example with {@code -Dmaven.test.additionalClasspath=<metrics-core.jar>}).
   */
  @BeforeEach
  void needsZooKeeperMetrics() {
    boolean present;
    try {
      Class.forName("com.codahale.metrics.Reservoir", false, getClass().getClassLoader());
      present = true;
    } catch (ClassNotFoundException e) {
      present = false;
    }
    assumeTrue(present, "io.dropwizard.metrics:metrics-core missing from the test classpath");
  }

  @Test
  void initialTreesAgree() throws Exception {
    assertSameTrees(new TreeHarness().tree, new DataTree());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomHistoriesAgree(long seed) throws Exception {
    Random random = new Random(seed);
    TreeHarness h = new TreeHarness();
    h.openSession();
    DataTree zk = new DataTree();
    int replayed = 0;
    for (int step = 0; step < 1000; step++) {
      TxnOp op = randomOp(random);
      if (random.nextInt(10) == 0) {
        List<TxnOp> ops = new ArrayList<>();
        while (ops.size() <= random.nextInt(4)) {
          TxnOp sub = randomOp(random);
          if (!(sub instanceof TxnOp.SetAcl)) {
            ops.add(sub);
          }
        }
        op = new TxnOp.Multi(ops);
      }
      if (random.nextInt(50) == 0) {
        op = new TxnOp.CloseSession(h.sessionId);
      }
      TxnResult r = h.apply(op);
      if (r.error() == ErrorCode.OK) {
        replay(zk, op, r, h);
        replayed++;
      }
      if (op instanceof TxnOp.CloseSession) {
        h.openSession();
      }
    }
    assertThat(replayed).isGreaterThan(100);
    assertSameTrees(h.tree, zk);
  }

  private static TxnOp randomOp(Random random) {
    StringBuilder path = new StringBuilder();
    for (int depth = 1 + random.nextInt(3); depth > 0; depth--) {
      path.append('/').append(NAMES.get(random.nextInt(NAMES.size())));
    }
    String p = path.toString();
    int version = random.nextInt(4) == 0 ? random.nextInt(3) : -1;
    byte[] data = new byte[random.nextInt(4)];
    random.nextBytes(data);
    switch (random.nextInt(6)) {
      case 0, 1 -> {
        CreateMode mode =
            List.of(
                    CreateMode.PERSISTENT,
                    CreateMode.PERSISTENT_SEQUENTIAL,
                    CreateMode.EPHEMERAL,
                    CreateMode.EPHEMERAL_SEQUENTIAL,
                    CreateMode.CONTAINER)
                .get(random.nextInt(5));
        return new TxnOp.Create(p, data, Acl.OPEN_ACL_UNSAFE, mode, 0);
      }
      case 2 -> {
        return new TxnOp.Delete(p, version);
      }
      case 3 -> {
        return new TxnOp.SetData(p, data, version);
      }
      case 4 -> {
        int perms = random.nextBoolean() ? Perms.ALL : Perms.ALL & ~Perms.DELETE;
        return new TxnOp.SetAcl(
            p, List.of(new Acl(perms, io.paddock.api.Id.ANYONE)), random.nextInt(2) - 1);
      }
      default -> {
        return new TxnOp.Check(p, version);
      }
    }
  }

  /** Replays a successful op on ZooKeeper's tree, as its PrepRequestProcessor would. */
  private static void replay(DataTree zk, TxnOp op, TxnResult r, TreeHarness h) throws Exception {
    long zxid = h.zxid;
    long time = h.timeMs;
    if (op instanceof TxnOp.Multi m) {
      for (int i = 0; i < m.ops().size(); i++) {
        OpResult sub = r.opResults().get(i);
        String created = sub instanceof OpResult.CreateResult c ? c.path() : null;
        replayOne(zk, m.ops().get(i), created, zxid, time, h);
      }
    } else if (op instanceof TxnOp.CloseSession) {
      for (TreeChange change : r.changes()) {
        if (change.type() == EventType.NODE_DELETED) {
          zk.deleteNode(change.path(), zxid);
        }
      }
    } else {
      replayOne(zk, op, r.path(), zxid, time, h);
    }
  }

  private static void replayOne(
      DataTree zk, TxnOp op, String createdPath, long zxid, long time, TreeHarness h)
      throws Exception {
    if (op instanceof TxnOp.Create c) {
      String parentPath = parentOf(c.path());
      int parentCversion = persistedCversion(zk.statNode(parentPath, null));
      String expected =
          c.mode().isSequential()
              ? c.path() + String.format(Locale.ENGLISH, "%010d", parentCversion)
              : c.path();
      assertThat(createdPath).isEqualTo(expected);
      long owner = h.tree.get(createdPath).ephemeralOwnerRaw();
      zk.createNode(createdPath, c.data(), zkAcl(c.acl()), owner, parentCversion + 1, zxid, time);
    } else if (op instanceof TxnOp.Delete d) {
      zk.deleteNode(d.path(), zxid);
    } else if (op instanceof TxnOp.SetData s) {
      int version = zk.statNode(s.path(), null).getVersion() + 1;
      zk.setData(s.path(), s.data(), version, zxid, time);
    } else if (op instanceof TxnOp.SetAcl s) {
      zk.setACL(s.path(), zkAcl(s.acl()), zk.statNode(s.path(), null).getAversion() + 1);
    }
  }

  /**
   * ZooKeeper persists the number of child creates and reports {@code 2 * creates - children}; we
   * recover the persisted value from the reported stat rather than touch its DataNode class (whose
   * SpotBugs annotations are not on our classpath and would trip javac's -Werror).
   */
  private static int persistedCversion(org.apache.zookeeper.data.Stat stat) {
    return (stat.getCversion() + stat.getNumChildren()) / 2;
  }

  private static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  private static List<ACL> zkAcl(List<Acl> acl) {
    List<ACL> out = new ArrayList<>();
    for (Acl a : acl) {
      out.add(new ACL(a.perms(), new Id(a.id().scheme(), a.id().id())));
    }
    return out;
  }

  private static void assertSameTrees(io.paddock.tree.DataTree ours, DataTree zk) throws Exception {
    List<String> paths = new ArrayList<>();
    ours.forEachNode(n -> paths.add(n.path()));
    // ZooKeeper indexes the root under "" and "/"; the rest is one entry per node.
    assertThat(zk.getNodeCount()).isEqualTo(paths.size() + 1);
    for (String path : paths) {
      NodeView n = ours.get(path);
      org.apache.zookeeper.data.Stat zs = zk.statNode(path, null);
      Stat expected =
          new Stat(
              zs.getCzxid(),
              zs.getMzxid(),
              zs.getCtime(),
              zs.getMtime(),
              zs.getVersion(),
              zs.getCversion(),
              zs.getAversion(),
              zs.getEphemeralOwner(),
              zs.getDataLength(),
              zs.getNumChildren(),
              zs.getPzxid());
      assertThat(n.stat()).as(path).isEqualTo(expected);
      assertThat(n.cversionRaw()).as(path).isEqualTo(persistedCversion(zs));
      assertThat(ours.children(path))
          .as(path)
          .containsExactlyInAnyOrderElementsOf(zk.getChildren(path, null, null));
      assertThat(zkAcl(n.acl())).as(path).isEqualTo(zk.getACL(path, null));
    }
  }
}
