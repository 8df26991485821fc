package io.paddock.quorum.sim;

import io.paddock.quorum.core.HardState;
import io.paddock.quorum.core.StableState;
import io.paddock.txn.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One server's disk: durable state (hard state, snapshot, log after it) and appends not yet synced.
 * A crash loses the unsynced appends, except that with a torn tail a prefix of them survives (a
 * partly written batch). Hard state, truncation and snapshot installs are synchronous. Every change
 * to what is durable is reported to the invariants (acknowledged writes must stay on a quorum of
 * disks).
 */
final class SimDisk {
  interface Listener {
    void added(long server, List<Long> zxids);

    void removed(long server, List<Long> zxids);
  }

  private final long server;
  private final Listener listener;
  private HardState hard = HardState.INITIAL;
  private SimSnapshot snapshot;
  private final List<Txn> log = new ArrayList<>();
  private final List<Txn> unsynced = new ArrayList<>();

  SimDisk(long server, SimSnapshot initial, Listener listener) {
    this.server = server;
    this.listener = listener;
    this.snapshot = initial;
    listener.added(server, zxids(initial.txns()));
  }

  private static List<Long> zxids(List<Txn> txns) {
    List<Long> out = new ArrayList<>(txns.size());
    for (Txn t : txns) {
      out.add(t.zxid());
    }
    return out;
  }

  StableState stable() {
    return new StableState(hard, snapshot.zxid(), log);
  }

  SimSnapshot snapshot() {
    return snapshot;
  }

  HardState hardState() {
    return hard;
  }

  void saveHardState(HardState next) {
    hard = next;
  }

  void append(Txn txn) {
    unsynced.add(txn);
  }

  boolean hasUnsynced() {
    return !unsynced.isEmpty();
  }

  /** The last durable zxid (log or snapshot). */
  long lastDurableZxid() {
    return log.isEmpty() ? snapshot.zxid() : log.get(log.size() - 1).zxid();
  }

  /** An fsync: everything appended is durable. Returns the last zxid synced, or -1. */
  long sync() {
    if (unsynced.isEmpty()) {
      return -1;
    }
    log.addAll(unsynced);
    listener.added(server, zxids(unsynced));
    long last = unsynced.get(unsynced.size() - 1).zxid();
    unsynced.clear();
    return last;
  }

  /** Synchronous: the log durably ends at {@code zxid}. */
  void truncate(long zxid) {
    sync();
    List<Long> dropped = new ArrayList<>();
    while (!log.isEmpty() && log.get(log.size() - 1).zxid() > zxid) {
      dropped.add(log.remove(log.size() - 1).zxid());
    }
    if (zxid < snapshot.zxid()) {
      throw new AssertionError(
          "server " + server + " truncating to " + zxid + " below its snapshot " + snapshot.zxid());
    }
    listener.removed(server, dropped);
  }

  /** Synchronous: the leader's snapshot replaces everything. */
  void install(SimSnapshot leaderSnapshot) {
    List<Long> after = zxids(leaderSnapshot.txns());
    listener.added(server, after); // first, so what both hold never looks lost
    java.util.Set<Long> kept = new java.util.HashSet<>(after);
    List<Long> gone = new ArrayList<>();
    for (long z : zxids(snapshot.txns())) {
      if (!kept.contains(z)) {
        gone.add(z);
      }
    }
    for (long z : zxids(log)) {
      if (!kept.contains(z)) {
        gone.add(z);
      }
    }
    unsynced.clear();
    log.clear();
    snapshot = leaderSnapshot;
    listener.removed(server, gone);
  }

  /** The server snapshotted its own applied state; the log before it is no longer needed. */
  void snapshotLocally(SimSnapshot local) {
    if (local.zxid() <= snapshot.zxid() || local.zxid() > lastDurableZxid()) {
      return;
    }
    List<Long> covered = zxids(local.txns());
    snapshot = local;
    log.removeIf(t -> t.zxid() <= local.zxid());
    listener.added(server, covered); // a set: re-adding what the log held changes nothing
  }

  /** Power loss: unsynced appends are lost, or with a torn tail only their suffix is. */
  void crash(SplittableRandom random, boolean tornTail, boolean lying) {
    if (tornTail && !unsynced.isEmpty()) {
      int survive = random.nextInt(unsynced.size() + 1);
      List<Txn> kept = new ArrayList<>(unsynced.subList(0, survive));
      log.addAll(kept);
      listener.added(server, zxids(kept));
    }
    unsynced.clear();
    if (lying && !log.isEmpty()) {
      // A broken disk: the last synced batch was acknowledged but never reached the platter.
      int lose = 1 + random.nextInt(Math.min(3, log.size()));
      List<Long> lost = new ArrayList<>();
      for (int i = 0; i < lose; i++) {
        lost.add(log.remove(log.size() - 1).zxid());
      }
      listener.removed(server, lost);
    }
  }
}
