package io.paddock.tree;

import io.paddock.api.ErrorCode;
import io.paddock.api.OpResult;
import java.util.List;

/**
 * What applying a transaction did.
 *
 * @param zxid the transaction's zxid
 * @param error OK, or why the transaction changed nothing
 * @param results one result per op (one for a single op; for a failed multi, ErrorResult(OK) before
 *     the failing op, its code for it, RUNTIME_INCONSISTENCY after it, as ZooKeeper reports)
 * @param changes the changes to report to watchers, in order; empty when nothing changed
 */
public record TxnResult(
    long zxid, ErrorCode error, List<OpResult> results, List<TreeChange> changes) {}
