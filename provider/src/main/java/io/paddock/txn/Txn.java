package io.paddock.txn;

import io.paddock.api.Id;
import java.util.List;
import java.util.Objects;

/**
 * One transaction: a write as the leader stamped it. The header fields are flat on this record
 * (there is no separate header type) because every consumer needs all of them together.
 *
 * <p>Nothing here is decided by a replica: {@code timeMs} is the leader's clock, {@code authIds}
 * the caller's identities at the time the leader admitted the request. That is what makes {@code
 * apply} deterministic.
 *
 * @param zxid the transaction id; see {@link Zxid}. Strictly increasing along a history.
 * @param timeMs the leader's wall-clock time, milliseconds since the epoch (ctime/mtime)
 * @param sessionId the session that issued the write (owner of ephemerals it creates); 0 for
 *     server-originated transactions such as {@link TxnOp.DeleteContainer}
 * @param cxid the client's request id, echoed in the reply
 * @param authIds the caller's authenticated identities (including {@code ip:<address>}), used for
 *     ACL checks and for expanding the {@code auth} ACL scheme
 * @param op what to do
 */
public record Txn(long zxid, long timeMs, long sessionId, int cxid, List<Id> authIds, TxnOp op) {
  public Txn {
    authIds = List.copyOf(authIds);
    Objects.requireNonNull(op, "op");
  }

  @Override
  public String toString() {
    return "Txn{zxid="
        + Zxid.toHex(zxid)
        + ", timeMs="
        + timeMs
        + ", session=0x"
        + Long.toHexString(sessionId)
        + ", cxid="
        + cxid
        + ", auth="
        + authIds
        + ", op="
        + op
        + "}";
  }
}
