package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.txn.Zxid;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.TreeSet;

/**
 * A leader's epochs: the one it leads, the next one it is moving to without an election (the
 * NEWEPOCH handshake), and when each becomes its durable current epoch.
 *
 * <p>An epoch becomes current only once the log is durable up to the last zxid of the history it
 * starts from: a current epoch claims that history in elections, so it must never reach the disk
 * before the history does (the simulator found a lost committed write when it did).
 */
final class LeaderEpochs {
  private final LocalState local;
  private final Set<Long> acks = new TreeSet<>();

  /** Pairs of (epoch, zxid): make the epoch current once the log is durable up to the zxid. */
  private final ArrayDeque<long[]> currentAfter = new ArrayDeque<>();

  private long epoch = -1;
  private long pending = -1;
  private long highestAcceptedSeen;

  LeaderEpochs(LocalState local) {
    this.local = local;
  }

  /** The epoch led (-1 before discovery chose one). */
  long epoch() {
    return epoch;
  }

  /** The epoch being moved to, or -1. */
  long pending() {
    return pending;
  }

  /** The epoch followers should have accepted: the pending one if any, else the led one. */
  long target() {
    return pending >= 0 ? pending : epoch;
  }

  /** Zxids this leader can still stamp in its epoch before the 32-bit counter runs out. */
  long counterRoom() {
    long last = local.lastZxid();
    long used = Zxid.epoch(last) == epoch ? Zxid.counter(last) : local.config().counterStart();
    return PeerConfig.COUNTER_MAX - used;
  }

  /** The zxid for the next proposal: the next counter of the led epoch. */
  long nextZxid() {
    long last = local.lastZxid();
    long counter =
        Zxid.epoch(last) == epoch ? Zxid.counter(last) + 1 : local.config().counterStart() + 1;
    return Zxid.of(epoch, counter);
  }

  /** Discovery chose {@code chosen}; it is accepted (persisted) as mine. */
  void choose(long chosen) {
    epoch = chosen;
    local.saveHardState(local.hardState().accept(chosen, local.myId()));
  }

  /** A participant reported having accepted {@code accepted} (from whichever candidate). */
  void sawAccepted(long accepted) {
    highestAcceptedSeen = Math.max(highestAcceptedSeen, accepted);
  }

  /** Make the led epoch current once the log is durable up to {@code historyEnd}. */
  void makeCurrentAfter(long historyEnd) {
    currentAfter.add(new long[] {epoch, historyEnd});
    raiseIfPersisted();
  }

  /** Raises the durable current epoch as far as the persisted log allows. */
  void raiseIfPersisted() {
    while (!currentAfter.isEmpty() && currentAfter.peek()[1] <= local.persistedZxid()) {
      long next = currentAfter.poll()[0];
      if (next > local.hardState().currentEpoch()) {
        local.saveHardState(local.hardState().withCurrentEpoch(next));
      }
    }
  }

  /** Starts moving to an epoch above the led one and every accepted one seen; returns it. */
  long startChange() {
    pending = Math.max(epoch, highestAcceptedSeen) + 1;
    local.saveHardState(local.hardState().accept(pending, local.myId()));
    acks.clear();
    acks.add(local.myId());
    return pending;
  }

  /** Follower {@code sid} accepted {@code acked}; switches when a quorum has the pending epoch. */
  void acked(long sid, long acked) {
    if (acked == pending) {
      acks.add(sid);
      switchIfQuorum();
    }
  }

  /**
   * Switches to the pending epoch once a quorum accepted it: later proposals are stamped with it,
   * and it becomes current once everything proposed before it is durable.
   */
  void switchIfQuorum() {
    if (pending < 0 || !local.membership().isQuorum(acks)) {
      return;
    }
    epoch = pending;
    pending = -1;
    acks.clear();
    makeCurrentAfter(local.lastZxid());
  }
}
