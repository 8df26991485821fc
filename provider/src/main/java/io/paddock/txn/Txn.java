package io.paddock.txn;

import io.paddock.api.Id;
import java.util.List;
import java.util.Objects;

/**
 * One transaction, stamped once by the leader.
 *
 * @param zxid its position in the global order
 * @param timeMs the leader's wall-clock time, used for ctime/mtime and TTL bookkeeping
 * @param sessionId the session that issued it (0 for server-originated transactions)
 * @param cxid the client's request id (xid), for diagnostics
 * @param authIds the caller's authenticated identities at submission, for ACL checks in apply
 * @param op what to do
 */
public record Txn(long zxid, long timeMs, long sessionId, int cxid, List<Id> authIds, TxnOp op) {
  public Txn {
    authIds = List.copyOf(authIds);
    Objects.requireNonNull(op, "op");
  }
}
