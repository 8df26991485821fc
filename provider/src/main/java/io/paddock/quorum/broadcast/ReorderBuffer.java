package io.paddock.quorum.broadcast;

import io.paddock.txn.Txn;
import java.util.Map;
import java.util.TreeMap;

/**
 * Proposals (or informs) that arrived before the one they follow, held until the gap is filled so
 * that a reordering network does not cost a retransmission round per message. Bounded: when full,
 * the newest are dropped (the leader re-sends them when it sees the learner's log stalled).
 */
final class ReorderBuffer {
  private final int max;
  private final Map<Long, Txn> byPrevious = new TreeMap<>();

  ReorderBuffer(int max) {
    this.max = max;
  }

  /** Holds {@code txn}, which follows {@code prevZxid}. */
  void hold(long prevZxid, Txn txn) {
    if (byPrevious.size() < max || byPrevious.containsKey(prevZxid)) {
      byPrevious.put(prevZxid, txn);
    }
  }

  /** The held transaction that follows {@code zxid}, removed; null if none. */
  Txn next(long zxid) {
    return byPrevious.remove(zxid);
  }

  /** Forgets held transactions at or before {@code zxid} (already logged). */
  void dropUpTo(long zxid) {
    byPrevious.keySet().removeIf(prev -> prev < zxid);
  }

  void clear() {
    byPrevious.clear();
  }
}
