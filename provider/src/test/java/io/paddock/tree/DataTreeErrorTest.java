package io.paddock.tree;

import static io.paddock.tree.TreeHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.acl.Digests;
import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every error path of apply, with ZooKeeper's codes, and that a failure changes nothing. */
class DataTreeErrorTest {
  private static final Id BOB = new Id("digest", Digests.digest("bob", "pw"));
  private final TreeHarness h = new TreeHarness(new TreeConfig(16));

  private ErrorCode failsUnchanged(TxnOp op) {
    String before = TreeDump.dump(h.tree);
    TxnResult r = h.apply(op);
    assertThat(r.changes()).isEmpty();
    assertThat(r.stat()).isNull();
    assertThat(TreeDump.dump(h.tree))
        .isEqualTo(before.replace("lastZxid=" + (h.zxid - 1), "lastZxid=" + h.zxid));
    return r.error();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "/a/", "/a//b", "/a/./b", "/a/..", "/a\u0000b", "/\u0001", ""})
  void invalidPathsAreBadArguments(String path) {
    h.create("/a");
    assertThat(failsUnchanged(TreeHarness.createOp(path, CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(new TxnOp.SetData(path, null, -1)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(new TxnOp.Delete(path, -1))).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(new TxnOp.Check(path, -1))).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(new TxnOp.SetAcl(path, Acl.OPEN_ACL_UNSAFE, -1)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void dataLongerThanTheLimitIsBadArguments() {
    byte[] limit = new byte[16];
    byte[] over = new byte[17];
    assertThat(h.apply(create("/a", limit)).error()).isEqualTo(ErrorCode.OK);
    assertThat(failsUnchanged(create("/b", over))).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(new TxnOp.SetData("/a", over, -1)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void missingParentOrNodeIsNoNode() {
    assertThat(failsUnchanged(TreeHarness.createOp("/x/y", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NO_NODE);
    assertThat(failsUnchanged(new TxnOp.Delete("/x", -1))).isEqualTo(ErrorCode.NO_NODE);
    assertThat(failsUnchanged(new TxnOp.Delete("/x/y", -1))).isEqualTo(ErrorCode.NO_NODE);
    assertThat(failsUnchanged(new TxnOp.SetData("/x", null, 3))).isEqualTo(ErrorCode.NO_NODE);
    assertThat(failsUnchanged(new TxnOp.Check("/x", -1))).isEqualTo(ErrorCode.NO_NODE);
    assertThat(failsUnchanged(new TxnOp.SetAcl("/x", Acl.OPEN_ACL_UNSAFE, -1)))
        .isEqualTo(ErrorCode.NO_NODE);
  }

  @Test
  void existingNodeIsNodeExists() {
    h.create("/a");
    assertThat(failsUnchanged(TreeHarness.createOp("/a", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NODE_EXISTS);
    assertThat(failsUnchanged(TreeHarness.createOp("/", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NODE_EXISTS);
  }

  @Test
  void childOfSessionEphemeralIsRefusedButContainersAndTtlNodesTakeChildren() {
    h.openSession();
    h.create("/e", CreateMode.EPHEMERAL);
    assertThat(failsUnchanged(TreeHarness.createOp("/e/x", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
    h.create("/c", CreateMode.CONTAINER);
    assertThat(h.create("/c/x").error()).isEqualTo(ErrorCode.OK);
    h.apply(new TxnOp.Create("/t", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 5));
    assertThat(h.create("/t/x").error()).isEqualTo(ErrorCode.OK);
  }

  @Test
  void versionMismatchIsBadVersionAndMinusOneMatchesAny() {
    h.create("/a");
    assertThat(failsUnchanged(new TxnOp.SetData("/a", null, 1))).isEqualTo(ErrorCode.BAD_VERSION);
    assertThat(failsUnchanged(new TxnOp.Delete("/a", 1))).isEqualTo(ErrorCode.BAD_VERSION);
    assertThat(failsUnchanged(new TxnOp.Check("/a", 1))).isEqualTo(ErrorCode.BAD_VERSION);
    assertThat(failsUnchanged(new TxnOp.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, 1)))
        .isEqualTo(ErrorCode.BAD_VERSION);
    assertThat(h.apply(new TxnOp.SetData("/a", null, -1)).error()).isEqualTo(ErrorCode.OK);
    assertThat(h.apply(new TxnOp.Check("/a", 1)).error()).isEqualTo(ErrorCode.OK);
    assertThat(h.apply(new TxnOp.Delete("/a", 1)).error()).isEqualTo(ErrorCode.OK);
  }

  @Test
  void deleteWithChildrenIsNotEmpty() {
    h.create("/a");
    h.create("/a/b");
    assertThat(failsUnchanged(new TxnOp.Delete("/a", -1))).isEqualTo(ErrorCode.NOT_EMPTY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config"})
  void specialNodesCannotBeDeleted(String path) {
    h.auth = List.of(new Id("super", ""));
    if (path.equals("/zookeeper/quota")) {
      assertThat(h.create("/zookeeper/quota/x").error()).isEqualTo(ErrorCode.OK);
      h.apply(new TxnOp.Delete("/zookeeper/quota/x", -1));
    }
    assertThat(failsUnchanged(new TxnOp.Delete(path, -1))).isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void zookeeperSubtreeFollowsZooKeepersAcls() {
    assertThat(h.create("/zookeeper/mine").error()).isEqualTo(ErrorCode.OK);
    assertThat(h.create("/zookeeper/quota/app").error()).isEqualTo(ErrorCode.OK);
    assertThat(failsUnchanged(TreeHarness.createOp("/zookeeper/config/x", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NO_AUTH);
    assertThat(failsUnchanged(new TxnOp.SetData("/zookeeper/config", bytes("x"), -1)))
        .isEqualTo(ErrorCode.NO_AUTH);
  }

  @Test
  void aclFailuresAreNoAuth() {
    List<Acl> bobOnly = List.of(new Acl(Perms.ALL, BOB));
    h.apply(new TxnOp.Create("/p", null, bobOnly, CreateMode.PERSISTENT, 0));
    h.auth = List.of(BOB);
    h.create("/p/c");
    h.apply(new TxnOp.Create("/p/c/x", null, bobOnly, CreateMode.PERSISTENT, 0));
    h.auth = List.of(new Id("digest", Digests.digest("eve", "pw")));
    assertThat(failsUnchanged(TreeHarness.createOp("/p/x", CreateMode.PERSISTENT)))
        .isEqualTo(ErrorCode.NO_AUTH);
    assertThat(failsUnchanged(new TxnOp.Delete("/p/c", -1))).isEqualTo(ErrorCode.NO_AUTH);
    // As ZooKeeper: NO_AUTH on the parent wins over the node being missing.
    assertThat(failsUnchanged(new TxnOp.Delete("/p/missing", -1))).isEqualTo(ErrorCode.NO_AUTH);
    assertThat(failsUnchanged(new TxnOp.SetData("/p", null, -1))).isEqualTo(ErrorCode.NO_AUTH);
    assertThat(failsUnchanged(new TxnOp.SetAcl("/p", Acl.OPEN_ACL_UNSAFE, -1)))
        .isEqualTo(ErrorCode.NO_AUTH);
    assertThat(failsUnchanged(new TxnOp.Check("/p", -1))).isEqualTo(ErrorCode.NO_AUTH);
    // Open /p/c but guarded /p/c/x: deleting x needs DELETE on /p/c only.
    assertThat(h.apply(new TxnOp.SetData("/p/c", null, -1)).error()).isEqualTo(ErrorCode.OK);
    assertThat(h.apply(new TxnOp.Delete("/p/c/x", -1)).error()).isEqualTo(ErrorCode.OK);
    h.auth = List.of(new Id("super", ""));
    assertThat(h.apply(new TxnOp.SetData("/p", null, -1)).error()).isEqualTo(ErrorCode.OK);
  }

  @Test
  void badAclIsInvalidAclAndWinsOverMissingParent() {
    List<Acl> bad = List.of(new Acl(Perms.ALL, new Id("world", "foo")));
    assertThat(failsUnchanged(new TxnOp.Create("/x/y", null, bad, CreateMode.PERSISTENT, 0)))
        .isEqualTo(ErrorCode.INVALID_ACL);
    assertThat(failsUnchanged(new TxnOp.Create("/a", null, List.of(), CreateMode.PERSISTENT, 0)))
        .isEqualTo(ErrorCode.INVALID_ACL);
    assertThat(failsUnchanged(new TxnOp.SetAcl("/missing", bad, -1)))
        .isEqualTo(ErrorCode.INVALID_ACL);
    // "auth" with no authenticated (non-ip) id of the caller.
    assertThat(
            failsUnchanged(
                new TxnOp.Create("/a", null, Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT, 0)))
        .isEqualTo(ErrorCode.INVALID_ACL);
    h.auth = List.of(new Id("ip", "127.0.0.1"), BOB);
    h.apply(new TxnOp.Create("/a", null, Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT, 0));
    assertThat(h.node("/a").acl()).containsExactly(new Acl(Perms.ALL, BOB));
  }

  @Test
  void ttlRulesAreBadArguments() {
    long max = EphemeralOwners.TTL_MAX_MS;
    assertThat(failsUnchanged(ttlCreate("/t", CreateMode.PERSISTENT_WITH_TTL, 0)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(ttlCreate("/t", CreateMode.PERSISTENT_WITH_TTL, -5)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(ttlCreate("/t", CreateMode.PERSISTENT_WITH_TTL, max + 1)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(ttlCreate("/t", CreateMode.PERSISTENT, 100)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(failsUnchanged(ttlCreate("/t", CreateMode.CONTAINER, 100)))
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    TxnResult r = h.apply(ttlCreate("/t", CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, max));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(h.node(r.path()).ephemeralOwnerRaw()).isEqualTo(0xFF00_00FF_FFFF_FFFFL);
    assertThat(r.stat().ephemeralOwner()).isZero();
  }

  @Test
  void ephemeralNeedsAnOpenSession() {
    assertThat(failsUnchanged(TreeHarness.createOp("/e", CreateMode.EPHEMERAL)))
        .isEqualTo(ErrorCode.SESSION_EXPIRED);
    h.openSession();
    assertThat(h.create("/e", CreateMode.EPHEMERAL).error()).isEqualTo(ErrorCode.OK);
    h.apply(new TxnOp.CloseSession(h.sessionId));
    assertThat(failsUnchanged(TreeHarness.createOp("/e2", CreateMode.EPHEMERAL_SEQUENTIAL)))
        .isEqualTo(ErrorCode.SESSION_EXPIRED);
  }

  @Test
  void reservedSessionIdsAreRefused() {
    for (long id : new long[] {0, Long.MIN_VALUE, 0xFF00_0000_0000_0001L}) {
      assertThat(failsUnchanged(new TxnOp.CreateSession(id, 1000)))
          .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    }
    assertThat(failsUnchanged(new TxnOp.CreateSession(5, 0))).isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void zxidMustIncrease() {
    h.create("/a");
    Txn stale = new Txn(h.zxid, 0, 0, 0, List.of(), new TxnOp.Check("/a", -1));
    assertThatThrownBy(() -> h.tree.apply(stale))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0x1");
  }

  private static TxnOp.Create create(String path, byte[] data) {
    return new TxnOp.Create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0);
  }

  private static TxnOp.Create ttlCreate(String path, CreateMode mode, long ttlMs) {
    return new TxnOp.Create(path, null, Acl.OPEN_ACL_UNSAFE, mode, ttlMs);
  }
}
