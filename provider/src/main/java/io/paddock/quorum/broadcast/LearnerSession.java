package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.Message;

/**
 * The leader's view of one learner's handshake (ZooKeeper's LearnerHandler, minus the thread). A
 * new handshake from the same learner (a new {@code syncId}) replaces it.
 */
final class LearnerSession {
  /** Where the handshake is. */
  enum Phase {
    /** LEARNERINFO received; a follower gets LEADERINFO, an observer waits for the leader. */
    HANDSHAKE,
    /** The follower accepted the epoch; its sync waits until a quorum did. */
    EPOCH_ACKED,
    /** The sync was sent; proposals, commits and pings flow. */
    SYNCED,
    /** The follower acknowledged NEWLEADER (its acks count), or the observer was synced. */
    ACKED,
    /** The stream broke (gap, overflow, too far behind): keep telling it to resync. */
    BROKEN
  }

  final long sid;
  final boolean observer;
  final long syncId;
  Phase phase = Phase.HANDSHAKE;

  /** The learner's current epoch and last zxid, as it reported them in its handshake. */
  long currentEpoch;

  long lastZxid;

  /** The highest epoch this learner accepted from this leader; -1 if none yet. */
  long knownEpoch = -1;

  /** Cumulative acknowledgement (followers that acknowledged NEWLEADER). */
  long ackedZxid;

  /** The learner's last logged zxid from its latest ping reply; -1 before the first. */
  long reportedZxid = -1;

  /** When {@link #reportedZxid} last moved, or proposals were last re-sent. */
  long progressTick;

  long lastHeardTick;

  /** The sequence number the next forwarded request must carry. */
  long nextSeq = 1;

  String brokenReason = "";

  LearnerSession(long sid, boolean observer, long syncId, long nowTick) {
    this.sid = sid;
    this.observer = observer;
    this.syncId = syncId;
    this.lastHeardTick = nowTick;
    this.progressTick = nowTick;
  }

  /** True once the sync was sent (and the stream was not broken since). */
  boolean streaming() {
    return phase == Phase.SYNCED || phase == Phase.ACKED;
  }

  /** True if this follower's acknowledgements count towards commits. */
  boolean voting() {
    return !observer && phase == Phase.ACKED;
  }

  /** The handshake a learner's message belongs to (0 for messages that name none). */
  static long syncIdOf(Message message) {
    if (message instanceof Message.AckEpoch m) {
      return m.syncId();
    } else if (message instanceof Message.AckNewLeader m) {
      return m.syncId();
    } else if (message instanceof Message.Ack m) {
      return m.syncId();
    } else if (message instanceof Message.PingReply m) {
      return m.syncId();
    } else if (message instanceof Message.AckNewEpoch m) {
      return m.syncId();
    } else if (message instanceof Message.ForwardWrite m) {
      return m.syncId();
    } else if (message instanceof Message.ForwardSync m) {
      return m.syncId();
    }
    return 0;
  }
}
