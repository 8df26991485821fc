package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.History;
import io.paddock.quorum.core.Message.Sync;
import io.paddock.quorum.core.Message.SyncMode;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.Zxid;
import java.util.List;

/**
 * Decides how a learner catches up with the leader's history (Zab synchronization).
 *
 * <ul>
 *   <li>DIFF when the learner's last zxid is a point of the leader's history: send what follows.
 *   <li>TRUNC when the learner has a tail the leader does not (an uncommitted proposal of a dead
 *       epoch) or is ahead: cut it back to the last zxid they share, then DIFF from there. Zxids
 *       are unique per epoch and an epoch has one leader, so the shared point is the largest leader
 *       zxid at or below the learner's last one.
 *   <li>SNAP when that point is not in the leader's memory: the learner is too far behind; and when
 *       the transactions a DIFF or TRUNC would carry exceed {@link #DIFF_BYTES_MAX}: one message
 *       must fit a transport frame, while a snapshot travels in chunks.
 * </ul>
 *
 * <p>A follower is synced to the leader's whole history, committed or not; an observer only to what
 * is committed, so it never needs TRUNC.
 */
final class SyncPlanner {
  /**
   * The most transaction bytes a DIFF or TRUNC carries (half the transport's 64 MiB frame limit,
   * leaving room for framing); beyond it a snapshot is cheaper to send anyway.
   */
  static final long DIFF_BYTES_MAX = 32L << 20;

  private SyncPlanner() {}

  static Sync plan(
      History history,
      long syncId,
      long epoch,
      long learnerZxid,
      long commitZxid,
      boolean observer) {
    long target = observer ? commitZxid : history.lastZxid();
    if (learnerZxid <= target && history.containsPoint(learnerZxid)) {
      List<Txn> entries = history.range(learnerZxid, target, Integer.MAX_VALUE);
      if (fits(entries)) {
        return new Sync(syncId, epoch, SyncMode.DIFF, learnerZxid, entries, target, commitZxid);
      }
    } else if (!observer) {
      long shared = history.floor(Math.min(learnerZxid, target));
      if (shared > history.baseZxid() || baseIsShared(history.baseZxid(), learnerZxid)) {
        List<Txn> entries = history.range(shared, target, Integer.MAX_VALUE);
        if (fits(entries)) {
          return new Sync(syncId, epoch, SyncMode.TRUNC, shared, entries, target, commitZxid);
        }
      }
    }
    List<Txn> tail = history.range(commitZxid, target, Integer.MAX_VALUE);
    return new Sync(syncId, epoch, SyncMode.SNAP, commitZxid, tail, target, commitZxid);
  }

  /**
   * Whether {@code entries} stay within {@link #DIFF_BYTES_MAX} (encoded, as the log stores them).
   */
  private static boolean fits(List<Txn> entries) {
    long bytes = 0;
    for (Txn t : entries) {
      bytes += TxnCodec.encode(t).length;
      if (bytes > DIFF_BYTES_MAX) {
        return false;
      }
    }
    return true;
  }

  /**
   * The leader's base (the zxid its memory starts after) is in the learner's log too if nothing was
   * ever trimmed (base 0), or if it is a proposal of the epoch of the learner's last zxid: within
   * one epoch a log holds a prefix of that epoch's proposals, without holes.
   */
  private static boolean baseIsShared(long base, long learnerZxid) {
    return base == 0
        || (Zxid.epoch(base) == Zxid.epoch(learnerZxid)
            && Zxid.counter(base) > 0
            && base <= learnerZxid);
  }
}
