package io.paddock.tree;

import io.paddock.api.ErrorCode;
import io.paddock.api.OpResult;
import io.paddock.api.Stat;
import java.util.List;
import java.util.Objects;

/**
 * What applying one transaction did. A result with an error other than {@link ErrorCode#OK} changed
 * nothing in the tree (the zxid still counts as applied).
 *
 * <table>
 *   <caption>Fields per transaction kind</caption>
 *   <tr><th>op</th><th>path</th><th>stat</th><th>opResults</th></tr>
 *   <tr><td>Create</td><td>the actual path (with sequence suffix)</td><td>new node's</td>
 *       <td>empty</td></tr>
 *   <tr><td>SetData, SetAcl</td><td>the op's path</td><td>after the change</td><td>empty</td></tr>
 *   <tr><td>Delete, Check, DeleteContainer</td><td>the op's path</td><td>null</td>
 *       <td>empty</td></tr>
 *   <tr><td>Multi</td><td>null</td><td>null</td><td>one per op</td></tr>
 *   <tr><td>CreateSession, CloseSession</td><td>null</td><td>null</td><td>empty</td></tr>
 * </table>
 *
 * <p>On a failure {@code stat} is null and {@code path} is the requested path. For a failed multi,
 * {@code error} is the failing op's code and {@code opResults} are, as ZooKeeper reports them,
 * {@code ErrorResult(OK)} for the ops before the failing one, {@code ErrorResult(code)} for it and
 * {@code ErrorResult(RUNTIME_INCONSISTENCY)} for the ops after it. (On the wire ZooKeeper sends a
 * failed multi with reply-header error 0 and lets the client find the failure in the results.)
 *
 * @param error OK or why the transaction failed
 * @param path see the table
 * @param stat see the table
 * @param opResults the per-op results of a multi
 * @param changes the changes in the order they happened, for the watch table; empty on failure
 */
public record TxnResult(
    ErrorCode error, String path, Stat stat, List<OpResult> opResults, List<TreeChange> changes) {
  public TxnResult {
    Objects.requireNonNull(error, "error");
    opResults = List.copyOf(opResults);
    changes = List.copyOf(changes);
  }

  /** Whether the transaction succeeded. */
  public boolean ok() {
    return error == ErrorCode.OK;
  }

  static TxnResult failed(ErrorCode error, String path) {
    return new TxnResult(error, path, null, List.of(), List.of());
  }
}
