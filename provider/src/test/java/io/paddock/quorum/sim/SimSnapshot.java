package io.paddock.quorum.sim;

import io.paddock.txn.Txn;
import java.util.List;

/**
 * A snapshot in the simulator: the committed transactions up to {@code zxid}, which a server
 * replays into a fresh tree. Real snapshots serialize the tree; replaying gives the same state.
 */
record SimSnapshot(long zxid, List<Txn> txns) {
  SimSnapshot {
    txns = List.copyOf(txns);
    long last = txns.isEmpty() ? 0 : txns.get(txns.size() - 1).zxid();
    if (last != zxid) {
      throw new IllegalArgumentException("snapshot at " + zxid + " ends with " + last);
    }
  }
}
