package io.paddock.tree;

import static io.paddock.tree.TreeHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.Perms;
import io.paddock.api.Stat;
import io.paddock.txn.TxnOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stat bookkeeping of every op, as ZooKeeper keeps it. */
class DataTreeStatTest {
  private final TreeHarness h = new TreeHarness();

  @Test
  void initialTreeIsZooKeepers() {
    DataTree tree = h.tree;
    assertThat(tree.children("/")).containsExactly("zookeeper");
    assertThat(tree.children("/zookeeper")).containsExactlyInAnyOrder("quota", "config");
    assertThat(tree.children("/zookeeper/quota")).isEmpty();
    // The client-visible cversion is 2 * creates - children: ZooKeeper shows -1 and -2 here.
    assertThat(tree.get("/").stat()).isEqualTo(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0));
    assertThat(tree.get("/zookeeper").stat()).isEqualTo(new Stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0));
    assertThat(tree.get("/zookeeper/quota").stat())
        .isEqualTo(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(tree.get("/zookeeper/config").stat())
        .isEqualTo(new Stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    assertThat(tree.get("/").acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
    assertThat(tree.get("/zookeeper/config").acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
    assertThat(tree.get("/").data()).isEmpty();
    assertThat(tree.nodeCount()).isEqualTo(4);
    assertThat(tree.lastAppliedZxid()).isZero();
    assertThat(tree.allChildrenNumber("/")).isEqualTo(3);
  }

  @Test
  void createStampsNodeAndParent() {
    h.create("/a");
    long before = h.node("/").stat().cversion();
    TxnResult r = h.create("/a/b");
    long zxid = h.zxid;
    long t = h.timeMs;
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.path()).isEqualTo("/a/b");
    assertThat(r.stat()).isEqualTo(new Stat(zxid, zxid, t, t, 0, 0, 0, 0, 1, 0, zxid));
    assertThat(h.node("/a/b").stat()).isEqualTo(r.stat());
    Stat parent = h.node("/a").stat();
    assertThat(parent.cversion()).isEqualTo(1);
    assertThat(parent.numChildren()).isEqualTo(1);
    assertThat(parent.pzxid()).isEqualTo(zxid);
    assertThat(parent.mzxid()).isEqualTo(zxid - 1); // the parent's own data is untouched
    assertThat(h.node("/").stat().cversion()).isEqualTo(before);
    assertThat(r.changes())
        .containsExactly(
            new TreeChange("/a/b", EventType.NODE_CREATED),
            new TreeChange("/a", EventType.NODE_CHILDREN_CHANGED));
    assertThat(h.create("/c").changes())
        .contains(new TreeChange("/", EventType.NODE_CHILDREN_CHANGED));
  }

  @Test
  void deleteBumpsParentCversionAndPzxidButNotTheSequenceCounter() {
    h.create("/p");
    h.create("/p/a");
    assertThat(h.node("/p").stat().cversion()).isEqualTo(1);
    TxnResult r = h.apply(new TxnOp.Delete("/p/a", -1));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.stat()).isNull();
    assertThat(r.changes())
        .containsExactly(
            new TreeChange("/p/a", EventType.NODE_DELETED),
            new TreeChange("/p", EventType.NODE_CHILDREN_CHANGED));
    Stat parent = h.node("/p").stat();
    assertThat(parent.cversion()).isEqualTo(2);
    assertThat(parent.numChildren()).isZero();
    assertThat(parent.pzxid()).isEqualTo(h.zxid);
    assertThat(h.node("/p/a")).isNull();
    // ZooKeeper: the suffix is the number of creates, so after create+delete it is 1, not 2.
    assertThat(h.create("/p/s", CreateMode.PERSISTENT_SEQUENTIAL).path())
        .isEqualTo("/p/s0000000001");
    assertThat(h.create("/p/", CreateMode.PERSISTENT_SEQUENTIAL).path()).isEqualTo("/p/0000000002");
  }

  @Test
  void setDataBumpsVersionMzxidMtimeAndLength() {
    h.create("/a");
    long czxid = h.zxid;
    long ctime = h.timeMs;
    TxnResult r = h.apply(new TxnOp.SetData("/a", bytes("hello"), 0));
    assertThat(r.stat())
        .isEqualTo(new Stat(czxid, h.zxid, ctime, h.timeMs, 1, 0, 0, 0, 5, 0, czxid));
    assertThat(h.node("/a").data()).containsExactly(bytes("hello"));
    assertThat(r.changes()).containsExactly(new TreeChange("/a", EventType.NODE_DATA_CHANGED));
    assertThat(h.apply(new TxnOp.SetData("/a", null, -1)).stat().dataLength()).isZero();
    assertThat(h.node("/a").data()).isNull();
    assertThat(h.node("/a").version()).isEqualTo(2);
  }

  @Test
  void setAclBumpsAversionOnlyAndFiresNothing() {
    h.create("/a");
    Stat before = h.node("/a").stat();
    List<Acl> readOnly = List.of(new Acl(Perms.READ | Perms.ADMIN, io.paddock.api.Id.ANYONE));
    TxnResult r = h.apply(new TxnOp.SetAcl("/a", readOnly, 0));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.stat())
        .isEqualTo(
            new Stat(
                before.czxid(),
                before.mzxid(),
                before.ctime(),
                before.mtime(),
                0,
                0,
                1,
                0,
                1,
                0,
                before.pzxid()));
    assertThat(r.changes()).isEmpty();
    assertThat(h.node("/a").acl()).isEqualTo(readOnly);
    assertThat(h.apply(new TxnOp.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, 0)).error())
        .isEqualTo(ErrorCode.BAD_VERSION);
  }

  @Test
  void checkChangesNothing() {
    h.create("/a");
    String before = TreeDump.dump(h.tree);
    TxnResult r = h.apply(new TxnOp.Check("/a", 0));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.changes()).isEmpty();
    assertThat(TreeDump.dump(h.tree)).isEqualTo(before.replace("lastZxid=1", "lastZxid=2"));
  }

  @Test
  void nullDataIsStoredAsNull() {
    TxnResult r =
        h.apply(new TxnOp.Create("/n", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0));
    assertThat(r.stat().dataLength()).isZero();
    assertThat(h.node("/n").data()).isNull();
  }

  @Test
  void storedDataIsTheCallersArrayWithoutCopy() {
    byte[] data = bytes("x");
    h.apply(new TxnOp.Create("/n", data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0));
    assertThat(h.node("/n").data()).isSameAs(data);
  }

  @Test
  void readsReportCountsSizesAndChildren() {
    h.create("/a");
    h.create("/a/b");
    h.create("/a/b/c");
    h.create("/a/d");
    assertThat(h.tree.allChildrenNumber("/a")).isEqualTo(3);
    assertThat(h.tree.allChildrenNumber("/a/b/c")).isZero();
    assertThat(h.tree.allChildrenNumber("/missing")).isEqualTo(-1);
    assertThat(h.tree.allChildrenNumber("/")).isEqualTo(7);
    assertThat(h.tree.children("/a")).containsExactlyInAnyOrder("b", "d");
    assertThat(h.tree.children("/missing")).isNull();
    assertThat(h.tree.get("/missing")).isNull();
    assertThat(h.tree.nodeCount()).isEqualTo(8);
    long bytesBefore = h.tree.approximateDataBytes();
    h.apply(new TxnOp.SetData("/a/d", bytes("12345"), -1));
    assertThat(h.tree.approximateDataBytes()).isEqualTo(bytesBefore + 4);
    h.apply(new TxnOp.Delete("/a/d", -1));
    assertThat(h.tree.approximateDataBytes()).isEqualTo(bytesBefore - "/a/d".length() - 1);
    assertThat(h.tree.lastAppliedZxid()).isEqualTo(h.zxid);
  }

  @Test
  void equalAclsAreSharedAndReleased() {
    int initial = h.tree.aclCount(); // open and read-only
    assertThat(initial).isEqualTo(2);
    h.create("/a");
    h.create("/b");
    assertThat(h.node("/a").acl()).isSameAs(h.node("/b").acl());
    List<Acl> custom = List.of(new Acl(Perms.ALL, new io.paddock.api.Id("ip", "10.0.0.0/8")));
    h.apply(new TxnOp.SetAcl("/a", custom, -1));
    assertThat(h.tree.aclCount()).isEqualTo(3);
    h.apply(new TxnOp.Delete("/a", -1));
    assertThat(h.tree.aclCount()).isEqualTo(2);
  }
}
