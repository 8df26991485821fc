package io.paddock.tree;

import static io.paddock.tree.TreeHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.OpResult;
import io.paddock.txn.TxnOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi: all-or-nothing, later ops see earlier ones, results shaped as ZooKeeper reports them. */
class DataTreeMultiTest {
  private final TreeHarness h = new TreeHarness();

  @Test
  void successfulMultiAppliesInOrderAndReportsPerOpResults() {
    h.create("/p");
    TxnResult r =
        h.apply(
            new TxnOp.Multi(
                List.of(
                    TreeHarness.createOp("/m", CreateMode.PERSISTENT),
                    TreeHarness.createOp("/m/x", CreateMode.PERSISTENT_SEQUENTIAL),
                    TreeHarness.createOp("/m/x", CreateMode.PERSISTENT_SEQUENTIAL),
                    new TxnOp.Check("/m", 0),
                    new TxnOp.SetData("/m", bytes("hi"), 0),
                    new TxnOp.Delete("/p", -1))));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.path()).isNull();
    assertThat(r.opResults()).hasSize(6);
    assertThat(((OpResult.CreateResult) r.opResults().get(0)).path()).isEqualTo("/m");
    assertThat(((OpResult.CreateResult) r.opResults().get(1)).path()).isEqualTo("/m/x0000000000");
    assertThat(((OpResult.CreateResult) r.opResults().get(2)).path()).isEqualTo("/m/x0000000001");
    assertThat(r.opResults().get(3)).isEqualTo(new OpResult.CheckResult());
    OpResult.SetDataResult set = (OpResult.SetDataResult) r.opResults().get(4);
    assertThat(set.stat().version()).isEqualTo(1);
    assertThat(set.stat().numChildren()).isEqualTo(2);
    assertThat(set.stat().czxid()).isEqualTo(h.zxid);
    assertThat(r.opResults().get(5)).isEqualTo(new OpResult.DeleteResult());
    assertThat(r.changes())
        .containsExactly(
            new TreeChange("/m", EventType.NODE_CREATED),
            new TreeChange("/", EventType.NODE_CHILDREN_CHANGED),
            new TreeChange("/m/x0000000000", EventType.NODE_CREATED),
            new TreeChange("/m", EventType.NODE_CHILDREN_CHANGED),
            new TreeChange("/m/x0000000001", EventType.NODE_CREATED),
            new TreeChange("/m", EventType.NODE_CHILDREN_CHANGED),
            new TreeChange("/m", EventType.NODE_DATA_CHANGED),
            new TreeChange("/p", EventType.NODE_DELETED),
            new TreeChange("/", EventType.NODE_CHILDREN_CHANGED));
    assertThat(h.node("/p")).isNull();
  }

  @Test
  void failedMultiChangesNothingAndReportsOkThenCodeThenRuntimeInconsistency() {
    h.openSession();
    h.create("/p");
    h.create("/p/gone");
    h.create("/c", CreateMode.CONTAINER);
    String before = TreeDump.dump(h.tree);
    TxnResult r =
        h.apply(
            new TxnOp.Multi(
                List.of(
                    TreeHarness.createOp("/m", CreateMode.PERSISTENT),
                    TreeHarness.createOp("/m/e", CreateMode.EPHEMERAL_SEQUENTIAL),
                    TreeHarness.createOp("/c/k", CreateMode.PERSISTENT),
                    new TxnOp.Create(
                        "/t", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 9),
                    new TxnOp.SetData("/p", bytes("changed"), -1),
                    new TxnOp.Delete("/p/gone", -1),
                    new TxnOp.Check("/p", 0), // version is now 1: fails
                    new TxnOp.Delete("/p", -1),
                    TreeHarness.createOp("/z", CreateMode.PERSISTENT))));
    assertThat(r.error()).isEqualTo(ErrorCode.BAD_VERSION);
    assertThat(r.changes()).isEmpty();
    assertThat(r.opResults())
        .containsExactly(
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.BAD_VERSION),
            new OpResult.ErrorResult(ErrorCode.RUNTIME_INCONSISTENCY),
            new OpResult.ErrorResult(ErrorCode.RUNTIME_INCONSISTENCY));
    String zxidBefore = "lastZxid=" + (h.zxid - 1);
    assertThat(TreeDump.dump(h.tree)).isEqualTo(before.replace(zxidBefore, "lastZxid=" + h.zxid));
    // The rolled-back creates did not consume sequence numbers.
    assertThat(h.create("/p/s", CreateMode.PERSISTENT_SEQUENTIAL).path())
        .isEqualTo("/p/s0000000001");
  }

  @Test
  void firstOpFailingGivesItsCodeThenRuntimeInconsistency() {
    TxnResult r =
        h.apply(
            new TxnOp.Multi(
                List.of(new TxnOp.Check("/missing", -1), new TxnOp.Delete("/missing", -1))));
    assertThat(r.error()).isEqualTo(ErrorCode.NO_NODE);
    assertThat(r.opResults())
        .containsExactly(
            new OpResult.ErrorResult(ErrorCode.NO_NODE),
            new OpResult.ErrorResult(ErrorCode.RUNTIME_INCONSISTENCY));
  }

  @Test
  void emptyMultiSucceedsWithNoResults() {
    TxnResult r = h.apply(new TxnOp.Multi(List.of()));
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.opResults()).isEmpty();
  }

  @Test
  void createThenDeleteInOneMultiRollsBackCleanly() {
    h.create("/p");
    String before = TreeDump.dump(h.tree);
    TxnResult r =
        h.apply(
            new TxnOp.Multi(
                List.of(
                    TreeHarness.createOp("/p/a", CreateMode.PERSISTENT),
                    new TxnOp.Delete("/p/a", -1),
                    new TxnOp.Delete("/p", -1),
                    TreeHarness.createOp("/p/b", CreateMode.PERSISTENT))));
    assertThat(r.error()).isEqualTo(ErrorCode.NO_NODE);
    assertThat(TreeDump.dump(h.tree))
        .isEqualTo(before.replace("lastZxid=" + (h.zxid - 1), "lastZxid=" + h.zxid));
  }

  @Test
  void onlyWritesAndChecksAreAllowedInside() {
    assertThatThrownBy(() -> new TxnOp.Multi(List.of(new TxnOp.CloseSession(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TxnOp.Multi(List.of(new TxnOp.Multi(List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new TxnOp.Multi(List.of(new TxnOp.SetAcl("/a", Acl.OPEN_ACL_UNSAFE, -1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
