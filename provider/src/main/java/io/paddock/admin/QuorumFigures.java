package io.paddock.admin;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A server's replication figures at one moment: its role, the leader, the voting members as
 * configured and, on a leader, how far each learner is behind.
 *
 * @param ensemble false for a standalone server (everything below is then empty or -1)
 * @param leaderId the current leader's id, -1 when none is known
 * @param leaderHost the leader's peer address as configured, null when none is known
 * @param epoch the current epoch, -1 when none is established
 * @param lastZxid the last transaction in this server's replicated log
 * @param committedZxid the last transaction known committed
 * @param proposals transactions this server appended to its replicated log since it started
 * @param commitLatency from appending a transaction to the replicated log (proposing it, on a
 *     leader; receiving it, on a follower) to learning it is committed
 * @param learners a leader's learners, by id; empty on other roles
 * @param votingView voting member id to its {@code server.N} value, as ZooKeeper's voting_view
 */
public record QuorumFigures(
    boolean ensemble,
    long leaderId,
    String leaderHost,
    long epoch,
    long lastZxid,
    long committedZxid,
    long proposals,
    DurationHistogram.Snapshot commitLatency,
    List<Learner> learners,
    SortedMap<Long, String> votingView) {

  /** Upper bounds for commit latency: 100 µs (loopback, no fsync) to 10 s (a stalled quorum). */
  public static final List<Double> COMMIT_BOUNDS_SECONDS = DurationHistogram.FSYNC_BOUNDS_SECONDS;

  public QuorumFigures {
    learners = List.copyOf(learners);
    votingView = Collections.unmodifiableSortedMap(new TreeMap<>(votingView));
  }

  private static final QuorumFigures STANDALONE =
      new QuorumFigures(
          false,
          -1,
          null,
          -1,
          -1,
          -1,
          0,
          new DurationHistogram(COMMIT_BOUNDS_SECONDS).snapshot(),
          List.of(),
          new TreeMap<>());

  /** A standalone server's figures: no ensemble (immutable, so always the same instance). */
  public static QuorumFigures standalone() {
    return STANDALONE;
  }

  /** Learners that finished syncing, as ZooKeeper's zk_synced_followers counts them. */
  public long syncedFollowers() {
    return learners.stream().filter(l -> l.synced() && !l.observer()).count();
  }

  /** Observers that finished syncing. */
  public long syncedObservers() {
    return learners.stream().filter(l -> l.synced() && l.observer()).count();
  }

  /** Learners still syncing (ZooKeeper's zk_pending_syncs). */
  public long pendingSyncs() {
    return learners.stream().filter(l -> !l.synced()).count();
  }

  /** The largest lag of a synced learner, in transactions; 0 without learners. */
  public long maxLearnerLag() {
    return learners.stream()
        .filter(Learner::synced)
        .mapToLong(Learner::lagTransactions)
        .max()
        .orElse(0);
  }

  /**
   * One learner of a leader.
   *
   * @param id its server id
   * @param observer whether it is an observer
   * @param synced whether it receives the proposal stream
   * @param ackedZxid the last transaction it reported on disk
   * @param lagTransactions how many transactions it is behind the leader's log
   */
  public record Learner(
      long id, boolean observer, boolean synced, long ackedZxid, long lagTransactions) {}
}
