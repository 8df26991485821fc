package io.paddock.server;

import io.paddock.admin.DurationHistogram;
import io.paddock.admin.QuorumFigures;
import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.PeerType;
import io.paddock.quorum.config.ServerSpec;
import io.paddock.quorum.core.LearnerProgress;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.peer.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an ensemble member measures of its replication, for {@code mntr}, {@code /metrics} and the
 * {@code leader} / {@code voting_view} admin commands.
 *
 * <p>The driver thread records appends and commits and publishes the peer's learner table once a
 * tick; any thread reads {@link #figures}. Commit latency is timed per zxid in a fixed ring of
 * {@value #SLOTS} slots: a transaction whose slot was reused before it committed (more than that
 * many in flight) is simply not timed, so the memory stays bounded whatever the load.
 */
final class ReplicationFigures {
  static final int SLOTS = 1 << 16;

  private final EnsembleConfig ensemble;
  private final long[] slotZxid = new long[SLOTS];
  private final long[] slotStartNs = new long[SLOTS];
  private final DurationHistogram commitLatency =
      new DurationHistogram(QuorumFigures.COMMIT_BOUNDS_SECONDS);
  private final AtomicLong proposals = new AtomicLong();
  private volatile Published published = new Published(-1, -1, List.of());

  private record Published(
      long lastZxid, long committedZxid, List<QuorumFigures.Learner> learners) {}

  ReplicationFigures(EnsembleConfig ensemble) {
    this.ensemble = ensemble;
  }

  /** Driver thread: {@code zxid} went to the replicated log at {@code nowNs}. */
  void appended(long zxid, long nowNs) {
    int i = slot(zxid);
    slotZxid[i] = zxid;
    slotStartNs[i] = nowNs;
    proposals.lazySet(proposals.get() + 1); // one writer (the driver thread): no CAS needed
  }

  /** Driver thread: {@code zxid} is known committed at {@code nowNs}. */
  void committed(long zxid, long nowNs) {
    int i = slot(zxid);
    if (slotZxid[i] == zxid && zxid != 0) {
      commitLatency.record(nowNs - slotStartNs[i]);
      slotZxid[i] = 0;
    }
  }

  /** Driver thread: the log positions and learner table now (once a tick: it allocates). */
  void publish(Peer peer) {
    List<QuorumFigures.Learner> learners = new ArrayList<>();
    for (LearnerProgress p : peer.learners()) {
      learners.add(
          new QuorumFigures.Learner(
              p.id(), p.observer(), p.synced(), p.ackedZxid(), p.lagTransactions()));
    }
    published = new Published(peer.lastZxid(), peer.commitZxid(), List.copyOf(learners));
  }

  /** Any thread: the figures for {@code status}. */
  QuorumFigures figures(PeerStatus status) {
    Published p = published;
    long leader = status.leaderId();
    ServerSpec leaderSpec = leader < 0 ? null : spec(leader);
    return new QuorumFigures(
        true,
        leader,
        leaderSpec == null ? null : leaderSpec.host(),
        status.epoch(),
        p.lastZxid(),
        p.committedZxid(),
        proposals.get(),
        commitLatency.snapshot(),
        status.role() == Role.LEADING ? p.learners() : List.of(),
        votingView(ensemble));
  }

  /** Voting member id to its {@code server.N} value, in zoo.cfg's syntax. */
  static SortedMap<Long, String> votingView(EnsembleConfig ensemble) {
    SortedMap<Long, String> out = new TreeMap<>();
    for (ServerSpec s : ensemble.servers()) {
      if (s.type() == PeerType.PARTICIPANT) {
        out.put(s.id(), s.configValue());
      }
    }
    return out;
  }

  private ServerSpec spec(long id) {
    for (ServerSpec s : ensemble.servers()) {
      if (s.id() == id) {
        return s;
      }
    }
    return null;
  }

  private static int slot(long zxid) {
    return (int) zxid & (SLOTS - 1);
  }
}
