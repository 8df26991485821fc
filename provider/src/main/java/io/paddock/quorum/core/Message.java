package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import java.util.List;
import java.util.Objects;

/**
 * Everything peers say to each other. The network may drop, duplicate, delay and reorder any of
 * them; the roles cope: election votes are re-sent every tick, handshake steps are re-sent until
 * answered and carry the learner's {@code syncId} (a random id per handshake, so answers to an old
 * handshake are recognised), proposals and informs carry the zxid they follow ({@code prevZxid}) so
 * a learner logs nothing out of order, and acks and commits are cumulative.
 *
 * <p>Leader-to-learner broadcast messages carry the leader's current {@code epoch}; a learner
 * ignores those of any epoch but the one it follows, which keeps a previous incarnation of the same
 * server from being mistaken for the current one.
 */
public sealed interface Message {

  // ---- election ---------------------------------------------------------------------------------

  /**
   * Fast leader election: the sender's current vote.
   *
   * @param round the sender's election round (ZooKeeper's logical clock)
   * @param state the sender's role; non-LOOKING senders report the leader they follow
   * @param vote the sender's vote
   * @param observer true if the sender is an observer, whose vote never counts
   */
  record Notification(long round, Role state, Vote vote, boolean observer) implements Message {
    public Notification {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(vote, "vote");
    }
  }

  // ---- discovery and synchronization
  // --------------------------------------------------------------

  /** Learner to leader, re-sent every tick until answered: who I am and how far my log goes. */
  record LearnerInfo(
      long syncId, long acceptedEpoch, long currentEpoch, long lastZxid, boolean observer)
      implements Message {}

  /** Leader to follower: the epoch it proposes (Zab's NEWEPOCH). */
  record LeaderInfo(long syncId, long epoch) implements Message {}

  /**
   * Follower to leader after persisting {@code epoch} as accepted (Zab's ACKEPOCH).
   *
   * @param counts false when the follower had already accepted this same epoch from another server
   *     (a candidate that failed): it may follow this leader once the epoch is established, but it
   *     must not help establish it, so the leader does not count it (ZooKeeper acks -1 for this)
   */
  record AckEpoch(long syncId, long epoch, long currentEpoch, long lastZxid, boolean counts)
      implements Message {}

  /**
   * Leader to learner: how to make its log equal to the leader's history, then NEWLEADER.
   *
   * <p>{@link SyncMode#DIFF}: {@code zxid} is the learner's last zxid, {@code entries} follow it.
   * {@link SyncMode#TRUNC}: drop everything after {@code zxid}, then append {@code entries}. {@link
   * SyncMode#SNAP}: install the leader's snapshot (the transport attaches one taken at a zxid at
   * least {@code zxid}), then append the entries after it.
   *
   * @param lastZxid the leader's last zxid covered by this sync: the NEWLEADER point
   * @param commitZxid how far the leader has committed
   */
  record Sync(
      long syncId,
      long epoch,
      SyncMode mode,
      long zxid,
      List<Txn> entries,
      long lastZxid,
      long commitZxid)
      implements Message {
    public Sync {
      Objects.requireNonNull(mode, "mode");
      entries = List.copyOf(entries);
    }
  }

  /** Follower to leader once the synced history (up to {@code zxid}) is on disk. */
  record AckNewLeader(long syncId, long zxid) implements Message {}

  /** Leader to learner: a quorum holds the new history, start serving (Zab's UPTODATE). */
  record UpToDate(long syncId, long epoch, long commitZxid) implements Message {}

  /** How a learner's log is made to match the leader's history. */
  enum SyncMode {
    DIFF,
    TRUNC,
    SNAP
  }

  // ---- broadcast
  // ----------------------------------------------------------------------------------

  /** Leader to followers: log {@code txn}, which comes right after {@code prevZxid}. */
  record Proposal(long epoch, long prevZxid, Txn txn) implements Message {
    public Proposal {
      Objects.requireNonNull(txn, "txn");
    }
  }

  /** Follower to leader: everything up to {@code zxid} is on my disk (cumulative). */
  record Ack(long syncId, long zxid) implements Message {}

  /** Leader to followers: everything up to {@code zxid} is committed (cumulative). */
  record Commit(long epoch, long zxid) implements Message {}

  /** Leader to observers: {@code txn}, already committed, comes right after {@code prevZxid}. */
  record Inform(long epoch, long prevZxid, Txn txn) implements Message {
    public Inform {
      Objects.requireNonNull(txn, "txn");
    }
  }

  /**
   * Leader to each learner every tick: I am alive, and committed up to {@code commitZxid}. It names
   * the handshake it belongs to: a learner counts only pings of its own, so a leader whose session
   * was replaced by a stale LEARNERINFO does not keep it alive forever.
   */
  record Ping(long epoch, long syncId, long commitZxid) implements Message {}

  /**
   * Learner to leader, answering a ping: my last logged zxid (so the leader re-sends what I miss)
   * and my last acknowledged zxid (so a lost ack is repaired).
   */
  record PingReply(long syncId, long lastZxid, long ackedZxid) implements Message {}

  /** Leader to learner: the stream of this handshake broke; start a new handshake. */
  record Resync(long syncId, String reason) implements Message {}

  // ---- epoch rollover (the 32-bit counter of a zxid is running out)
  // -------------------------------

  /** Leader to followers: accept {@code epoch} (my current epoch + 1) from me. */
  record NewEpoch(long epoch) implements Message {}

  /** Follower to leader: {@code epoch} is persisted as accepted from you. */
  record AckNewEpoch(long syncId, long epoch) implements Message {}

  // ---- requests from learners
  // ---------------------------------------------------------------------

  /**
   * Learner to leader: a client write to stamp and propose. {@code seq} numbers the writes and
   * syncs of one handshake from 1; the leader takes them strictly in order, so one client's writes
   * are proposed in the order it sent them, and breaks the handshake on a gap.
   *
   * @param draft the transaction without zxid (and without the leader's time)
   */
  record ForwardWrite(long syncId, long seq, Txn draft) implements Message {
    public ForwardWrite {
      Objects.requireNonNull(draft, "draft");
    }
  }

  /** Learner to leader: answer {@code requestId} once everything proposed before it committed. */
  record ForwardSync(long syncId, long seq, long requestId) implements Message {}

  /** Leader to learner: everything up to {@code zxid} was committed when the sync was answered. */
  record SyncDone(long requestId, long zxid) implements Message {}

  // ---- sessions (the embedding's, not Zab's: the peer ignores them)
  // ------------------------------

  /**
   * Learner to leader, every tick while it serves: the sessions its clients were active on since
   * the last report. The leader owns session expiry for the whole ensemble, so it must hear of
   * activity on every server; the core never sees this message (the embedding handles it).
   */
  record Touches(List<Long> sessionIds) implements Message {
    public Touches {
      sessionIds = List.copyOf(sessionIds);
    }
  }
}
