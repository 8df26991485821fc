package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.txn.TxnOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions, ephemerals, containers and TTL nodes. */
class DataTreeSessionTest {
  private final TreeHarness h = new TreeHarness();

  @Test
  void sessionsAreTrackedUntilClosed() {
    h.openSession();
    h.apply(new TxnOp.CreateSession(7, 5000));
    assertThat(h.tree.sessions()).isEqualTo(Map.of(TreeHarness.SESSION, 30_000, 7L, 5000));
    h.apply(new TxnOp.CloseSession(7));
    assertThat(h.tree.sessions()).isEqualTo(Map.of(TreeHarness.SESSION, 30_000));
    // Closing an unknown session is harmless.
    assertThat(h.apply(new TxnOp.CloseSession(99)).error()).isEqualTo(ErrorCode.OK);
  }

  @Test
  void ephemeralsCarryTheSessionAndVanishWithIt() {
    h.openSession();
    h.create("/app");
    h.create("/app/b", CreateMode.EPHEMERAL);
    h.create("/app/a", CreateMode.EPHEMERAL_SEQUENTIAL);
    h.create("/x", CreateMode.EPHEMERAL);
    long other = 0x2000_0000_0000_0001L;
    h.apply(new TxnOp.CreateSession(other, 5000));
    h.sessionId = other;
    h.create("/theirs", CreateMode.EPHEMERAL);
    h.sessionId = TreeHarness.SESSION;

    assertThat(h.node("/x").stat().ephemeralOwner()).isEqualTo(TreeHarness.SESSION);
    assertThat(h.tree.ephemeralsOf(TreeHarness.SESSION))
        .containsExactly("/app/a0000000001", "/app/b", "/x");
    assertThat(h.tree.ephemerals(TreeHarness.SESSION, "/app/"))
        .containsExactly("/app/a0000000001", "/app/b");
    assertThat(h.tree.ephemeralsOf(other)).containsExactly("/theirs");

    TxnResult r = h.apply(new TxnOp.CloseSession(TreeHarness.SESSION));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.changes())
        .containsExactly(
            new TreeChange("/app/a0000000001", EventType.NODE_DELETED),
            new TreeChange("/app", EventType.NODE_CHILDREN_CHANGED),
            new TreeChange("/app/b", EventType.NODE_DELETED),
            new TreeChange("/app", EventType.NODE_CHILDREN_CHANGED),
            new TreeChange("/x", EventType.NODE_DELETED),
            new TreeChange("/", EventType.NODE_CHILDREN_CHANGED));
    assertThat(h.tree.ephemeralsOf(TreeHarness.SESSION)).isEmpty();
    assertThat(h.node("/x")).isNull();
    assertThat(h.node("/app").stat().numChildren()).isZero();
    assertThat(h.node("/app").stat().pzxid()).isEqualTo(h.zxid);
    assertThat(h.node("/theirs")).isNotNull();
  }

  @Test
  void deletingAnEphemeralUnindexesIt() {
    h.openSession();
    h.create("/e", CreateMode.EPHEMERAL);
    h.apply(new TxnOp.Delete("/e", -1));
    assertThat(h.tree.ephemeralsOf(TreeHarness.SESSION)).isEmpty();
    assertThat(h.apply(new TxnOp.CloseSession(TreeHarness.SESSION)).changes()).isEmpty();
  }

  @Test
  void containersBecomeCandidatesOnceTheyHadAndLostChildren() {
    TxnResult c = h.create("/c", CreateMode.CONTAINER);
    assertThat(c.stat().ephemeralOwner()).isZero(); // as ZooKeeper shows it
    assertThat(h.node("/c").ephemeralOwnerRaw()).isEqualTo(0x8000_0000_0000_0000L);
    h.create("/never", CreateMode.CONTAINER);
    assertThat(h.tree.containersToReap()).isEmpty();
    h.create("/c/k");
    assertThat(h.tree.containersToReap()).isEmpty();
    h.apply(new TxnOp.Delete("/c/k", -1));
    assertThat(h.tree.containersToReap()).containsExactly("/c");

    assertThat(h.apply(new TxnOp.DeleteContainer("/never")).error())
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    h.create("/c/again");
    assertThat(h.apply(new TxnOp.DeleteContainer("/c")).error()).isEqualTo(ErrorCode.NOT_EMPTY);
    h.apply(new TxnOp.Delete("/c/again", -1));
    TxnResult r = h.apply(new TxnOp.DeleteContainer("/c"));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.changes())
        .containsExactly(
            new TreeChange("/c", EventType.NODE_DELETED),
            new TreeChange("/", EventType.NODE_CHILDREN_CHANGED));
    assertThat(h.tree.containersToReap()).isEmpty();
    assertThat(h.apply(new TxnOp.DeleteContainer("/c")).error()).isEqualTo(ErrorCode.NO_NODE);
    h.create("/plain");
    assertThat(h.apply(new TxnOp.DeleteContainer("/plain")).error())
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void ttlNodesExpireAfterTtlSinceLastDataChange() {
    h.apply(new TxnOp.Create("/t", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 100));
    long mtime = h.timeMs;
    assertThat(h.node("/t").ephemeralOwnerRaw()).isEqualTo(0xFF00_0000_0000_0064L);
    assertThat(h.node("/t").stat().ephemeralOwner()).isZero();
    assertThat(h.tree.expiredTtlNodes(mtime + 100)).isEmpty();
    assertThat(h.tree.expiredTtlNodes(mtime + 101)).containsExactly("/t");

    h.create("/t/k");
    assertThat(h.tree.expiredTtlNodes(mtime + 1000)).isEmpty();
    h.apply(new TxnOp.Delete("/t/k", -1));
    h.apply(new TxnOp.SetData("/t", null, -1));
    long touched = h.timeMs;
    assertThat(h.tree.expiredTtlNodes(touched + 100)).isEmpty();
    assertThat(h.tree.expiredTtlNodes(touched + 101)).containsExactly("/t");

    // The DeleteContainer txn is judged at its own time: too early is a no-op.
    h.timeMs = touched + 50;
    assertThat(h.apply(new TxnOp.DeleteContainer("/t")).error()).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(h.node("/t")).isNotNull();
    h.timeMs = touched + 200;
    assertThat(h.apply(new TxnOp.DeleteContainer("/t")).error()).isEqualTo(ErrorCode.OK);
    assertThat(h.node("/t")).isNull();
    assertThat(h.tree.expiredTtlNodes(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void maximumTtlDoesNotOverflow() {
    h.apply(
        new TxnOp.Create(
            "/t",
            null,
            Acl.OPEN_ACL_UNSAFE,
            CreateMode.PERSISTENT_WITH_TTL,
            EphemeralOwners.TTL_MAX_MS));
    assertThat(h.tree.expiredTtlNodes(h.timeMs + 1000)).isEmpty();
    assertThat(h.tree.expiredTtlNodes(h.timeMs + EphemeralOwners.TTL_MAX_MS + 1))
        .containsExactly("/t");
    assertThat(List.of(h.node("/t").stat().ephemeralOwner())).containsExactly(0L);
  }
}
