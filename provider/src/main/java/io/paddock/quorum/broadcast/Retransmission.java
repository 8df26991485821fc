package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Message;
import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;

/**
 * Repairs lost broadcast messages: when a learner's reported log end has not moved for {@link
 * #RETRANSMIT_AFTER_TICKS} ticks while the leader has more for it, the leader re-sends a bounded
 * batch of what follows (proposals to a follower, informs to an observer). Duplicates are harmless:
 * learners log nothing twice and nothing out of order.
 */
final class Retransmission {
  /** A learner whose log did not move for this many ticks gets the proposals it misses again. */
  static final int RETRANSMIT_AFTER_TICKS = 2;

  private Retransmission() {}

  /**
   * Re-sends what {@code s} misses if it stalled.
   *
   * @return null, or why the learner must resync instead (what it misses is no longer in memory)
   */
  /** Re-sends what a learner misses when its log did not move for a while (a message was lost). */
  static String ifStalled(LocalState local, LearnerSession s, long epoch, int batchMax) {
    long target = s.observer ? local.commitZxid() : local.lastZxid();
    if (s.reportedZxid < 0
        || s.reportedZxid >= target
        || local.now() - s.progressTick < RETRANSMIT_AFTER_TICKS) {
      return null;
    }
    if (!local.history().containsPoint(s.reportedZxid)) {
      // Nothing to re-send from memory. A learner whose disk is merely slow (a snapshot, a GC)
      // misses nothing: TCP delivered it all. Resyncing it would drop its clients, so it gets
      // syncLimit ticks of no progress before that.
      if (local.now() - s.progressTick < local.config().syncLimitTicks()) {
        return null;
      }
      return "learner at " + Zxid.toHex(s.reportedZxid) + " is behind the kept history";
    }
    s.progressTick = local.now();
    long prev = s.reportedZxid;
    for (Txn txn : local.history().range(prev, target, batchMax)) {
      Message m =
          s.observer
              ? new Message.Inform(epoch, prev, txn)
              : new Message.Proposal(epoch, prev, txn);
      local.send(s.sid, m);
      prev = txn.zxid();
    }
    return null;
  }
}
