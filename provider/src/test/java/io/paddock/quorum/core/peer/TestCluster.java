package io.paddock.quorum.core.peer;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Forwarded;
import io.paddock.quorum.core.LogOp;
import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.RandomSource;
import io.paddock.quorum.core.Ready;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.StableState;
import io.paddock.quorum.core.SyncCompletion;
import io.paddock.txn.Txn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A hand-driven ensemble for unit tests: instant FIFO delivery, instant disks, and hooks to drop or
 * hold messages. Everything a peer outputs is recorded so tests can assert on it.
 */
final class TestCluster {
  final Membership membership;
  final Map<Long, Peer> peers = new TreeMap<>();
  final Map<Long, List<Txn>> applied = new TreeMap<>();
  final Map<Long, List<LogOp>> logOps = new TreeMap<>();
  final Map<Long, List<SyncCompletion>> syncs = new TreeMap<>();
  final Map<Long, List<Role>> roles = new TreeMap<>();
  final List<Envelope> sent = new ArrayList<>();
  final Deque<Envelope> inflight = new ArrayDeque<>();
  final List<Envelope> held = new ArrayList<>();

  /** Messages matching this are dropped. */
  Predicate<Envelope> drop = e -> false;

  /** Messages matching this are held until {@link #release()}. */
  Predicate<Envelope> hold = e -> false;

  /** Servers that are down: they neither send nor receive. */
  final java.util.Set<Long> down = new java.util.TreeSet<>();

  boolean autoPersist = true;
  long timeMs = 1_000_000;

  TestCluster(Membership membership, java.util.function.LongFunction<PeerConfig> config) {
    this(membership, config, id -> StableState.empty());
  }

  TestCluster(
      Membership membership,
      java.util.function.LongFunction<PeerConfig> config,
      java.util.function.LongFunction<StableState> stable) {
    this.membership = membership;
    List<Long> all = new ArrayList<>(membership.participants());
    all.addAll(membership.observers());
    for (long id : all) {
      applied.put(id, new ArrayList<>());
      logOps.put(id, new ArrayList<>());
      syncs.put(id, new ArrayList<>());
      roles.put(id, new ArrayList<>());
      peers.put(id, new Peer(config.apply(id), stable.apply(id), random(id)));
    }
  }

  static RandomSource random(long seed) {
    SplittableRandom r = new SplittableRandom(seed * 7919);
    return new RandomSource() {
      @Override
      public int nextInt(int bound) {
        return r.nextInt(bound);
      }

      @Override
      public long nextLong() {
        return r.nextLong();
      }
    };
  }

  static PeerConfig config(long id, Membership m) {
    return PeerConfig.of(id, m, 10, 5);
  }

  Peer peer(long id) {
    return peers.get(id);
  }

  /** Drains every peer's Ready and delivers messages until nothing moves. */
  void settle() {
    for (int i = 0; i < 100_000; i++) {
      boolean moved = false;
      for (Map.Entry<Long, Peer> e : peers.entrySet()) {
        if (!down.contains(e.getKey()) && e.getValue().hasReady()) {
          handle(e.getKey(), e.getValue().ready());
          moved = true;
        }
      }
      Envelope next = inflight.poll();
      if (next != null) {
        moved = true;
        if (!down.contains(next.to()) && !down.contains(next.from())) {
          if (hold.test(next)) {
            held.add(next);
          } else if (!drop.test(next)) {
            peers.get(next.to()).step(next);
          }
        }
      }
      if (!moved) {
        return;
      }
    }
    throw new AssertionError("cluster does not settle");
  }

  void release() {
    inflight.addAll(held);
    held.clear();
    settle();
  }

  void tick(int ticks) {
    for (int t = 0; t < ticks; t++) {
      for (Map.Entry<Long, Peer> e : peers.entrySet()) {
        if (!down.contains(e.getKey())) {
          e.getValue().tick();
        }
      }
      settle();
    }
  }

  private void handle(long id, Ready ready) {
    Peer peer = peers.get(id);
    long lastAppend = -1;
    for (LogOp op : ready.log()) {
      logOps.get(id).add(op);
      if (op instanceof LogOp.Append a) {
        lastAppend = a.txn().zxid();
      } else if (op instanceof LogOp.InstallSnapshot snap) {
        List<Txn> state = new ArrayList<>(applied.get(snap.leaderId()));
        applied.put(id, state);
        long at = state.isEmpty() ? 0 : state.get(state.size() - 1).zxid();
        peer.snapshotInstalled(at);
      }
    }
    sent.addAll(ready.messages());
    inflight.addAll(ready.messages());
    for (Txn txn : ready.committed()) {
      List<Txn> list = applied.get(id);
      if (!list.isEmpty() && list.get(list.size() - 1).zxid() >= txn.zxid()) {
        throw new AssertionError("server " + id + " applied out of order: " + txn);
      }
      list.add(txn);
    }
    if (ready.status() != null) {
      roles.get(id).add(ready.status().role());
    }
    for (Forwarded f : ready.forwarded()) {
      Txn d = f.draft();
      peer.propose(new Txn(0, timeMs, d.sessionId(), d.cxid(), d.authIds(), d.op()));
    }
    syncs.get(id).addAll(ready.syncs());
    if (autoPersist && lastAppend >= 0) {
      peer.persisted(lastAppend);
    }
  }

  /** The one serving leader, or -1. */
  long leader() {
    long found = -1;
    for (Peer p : peers.values()) {
      if (!down.contains(p.id()) && p.role() == Role.LEADING && p.status().serving()) {
        if (found >= 0) {
          throw new AssertionError("two serving leaders: " + found + " and " + p.id());
        }
        found = p.id();
      }
    }
    return found;
  }

  /** Ticks until a leader serves and every live learner serves too. */
  long electAndSync(int ticksMax) {
    for (int t = 0; t < ticksMax; t++) {
      tick(1);
      long leader = leader();
      if (leader >= 0
          && peers.values().stream()
              .filter(p -> !down.contains(p.id()))
              .allMatch(p -> p.status().serving())) {
        return leader;
      }
    }
    throw new AssertionError("no leader within " + ticksMax + " ticks: " + peers.values());
  }
}
