package io.paddock.quorum.core.peer;

import io.paddock.quorum.broadcast.Follower;
import io.paddock.quorum.broadcast.Leader;
import io.paddock.quorum.broadcast.Observer;
import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.HardState;
import io.paddock.quorum.core.LearnerProgress;
import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.RandomSource;
import io.paddock.quorum.core.Ready;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.RoleHandler;
import io.paddock.quorum.core.StableState;
import io.paddock.quorum.core.Transition;
import io.paddock.quorum.election.Election;
import io.paddock.txn.Txn;
import java.util.List;
import java.util.Objects;

/**
 * One Zab peer as a pure state machine (etcd raft's shape): feed it with {@link #step}, {@link
 * #tick}, {@link #propose}, {@link #sync}, {@link #persisted} and {@link #snapshotInstalled}, then
 * carry out {@link #ready()}. It never blocks, reads a clock or touches a disk; the same inputs
 * give the same outputs.
 *
 * <p>It owns the role transitions. The table (anything else throws {@link IllegalStateException}
 * naming both roles and the reason):
 *
 * <pre>
 * from        to          when
 * (start)     LOOKING     always: a peer starts by electing
 * LOOKING     LEADING     a quorum of this round agreed on me (participants only)
 * LOOKING     FOLLOWING   a quorum agreed on another participant, or a quorum of settled
 *                         peers follows it and it says it leads (participants only)
 * LOOKING     OBSERVING   a quorum of settled participants follows a leader (observers only)
 * LEADING     LOOKING     not established within initLimit; a quorum silent for syncLimit;
 *                         a follower of the discovery quorum is ahead of me
 * FOLLOWING   LOOKING     not synced within initLimit (including a leader whose epoch stays
 *                         below the accepted one); leader silent for syncLimit; the
 *                         connection to the leader closed
 * OBSERVING   LOOKING     not synced within initLimit; leader silent for syncLimit; the
 *                         connection to the leader closed
 * </pre>
 *
 * <p>Epoch changes that are not role changes (the leader stays LEADING, its followers FOLLOWING):
 * the NEWEPOCH handshake of {@code Leader} when the zxid counter runs out, or when a follower
 * accepted a higher epoch from a candidate that failed. They show in {@link PeerStatus#epoch()}.
 *
 * <p>Not thread-safe: one thread (or one simulator) drives it.
 */
public final class Peer {
  private static final int TRANSITIONS_PER_INPUT_MAX = 4;

  private final LocalState local;
  private final boolean observer;
  private RoleHandler handler;
  private long round;
  private PeerStatus reported;
  private String lastTransitionReason = "start";

  /** A peer restarting from {@code stable}; it starts LOOKING. */
  public Peer(PeerConfig config, StableState stable, RandomSource random) {
    this.local = new LocalState(config, stable, random);
    this.observer = config.isObserver();
    Election election = new Election(local, 0);
    this.handler = election;
    apply(election.start());
  }

  // ---- inputs
  // ---------------------------------------------------------------------------------------

  /**
   * A message from another member; anything from a non-member or addressed elsewhere is dropped.
   */
  public void step(Envelope envelope) {
    long from = envelope.from();
    if (envelope.to() != local.myId()
        || from == local.myId()
        || !local.membership().isMember(from)) {
      return;
    }
    Message message = envelope.message();
    if (message instanceof Message.Notification n && handler.role() != Role.LOOKING) {
      if (n.state() == Role.LOOKING) {
        // A peer is electing: tell it whom I follow (ZooKeeper's out-of-election answer).
        local.send(from, new Message.Notification(round, handler.role(), handler.vote(), observer));
      }
      return;
    }
    apply(handler.step(from, message));
  }

  /**
   * The connection to or from {@code peerId} broke. A learner of that leader elects again at once
   * (ZooKeeper's follower does the same when its leader socket closes); it is always safe to give
   * up a role, so a spurious report costs an election, never correctness.
   */
  public void peerDisconnected(long peerId) {
    if (peerId != local.myId()) {
      apply(handler.peerDisconnected(peerId));
    }
  }

  /** One tick of time passed. */
  public void tick() {
    local.tick();
    apply(handler.tick());
  }

  /**
   * A client write ({@code draft.zxid()} is ignored). On the leader it is stamped and proposed; on
   * a learner it is forwarded; otherwise it is refused.
   */
  public ProposeResult propose(Txn draft) {
    Objects.requireNonNull(draft, "draft");
    return handler.propose(draft);
  }

  /**
   * A client sync: {@link Ready#syncs()} will report {@code requestId} once this server committed
   * everything the leader had proposed when the sync reached it. Refused when there is no leader.
   */
  public ProposeResult sync(long requestId) {
    return handler.sync(requestId);
  }

  /** Every log operation up to the append of {@code zxid} is durable (fsync returned). */
  public void persisted(long zxid) {
    if (local.persisted(zxid)) {
      apply(handler.persisted());
    }
  }

  /** The snapshot requested by {@code LogOp.InstallSnapshot} replaced the local state at zxid. */
  public void snapshotInstalled(long zxid) {
    local.snapshotInstalled(zxid);
    apply(handler.snapshotInstalled(zxid));
  }

  // ---- outputs
  // --------------------------------------------------------------------------------------

  /** True if {@link #ready()} has something to do. */
  public boolean hasReady() {
    handler.beforeReady();
    return local.hasOutput() || !handler.status().equals(reported);
  }

  /** Takes what the embedding must do now (see {@link Ready} for the order). */
  public Ready ready() {
    handler.beforeReady();
    PeerStatus status = handler.status();
    PeerStatus changed = status.equals(reported) ? null : status;
    reported = status;
    return local.drain(changed);
  }

  // ---- inspection
  // -----------------------------------------------------------------------------------

  public long id() {
    return local.myId();
  }

  public Role role() {
    return handler.role();
  }

  public PeerStatus status() {
    return handler.status();
  }

  /** The learners this peer leads and their lag; empty unless LEADING. */
  public List<LearnerProgress> learners() {
    return handler.learners();
  }

  public HardState hardState() {
    return local.hardState();
  }

  public long lastZxid() {
    return local.lastZxid();
  }

  public long commitZxid() {
    return local.commitZxid();
  }

  public long persistedZxid() {
    return local.persistedZxid();
  }

  /** Why the last role change happened (for logs and failure reports). */
  public String lastTransitionReason() {
    return lastTransitionReason;
  }

  @Override
  public String toString() {
    return "Peer{id="
        + local.myId()
        + ", "
        + handler.status()
        + ", "
        + local.hardState()
        + ", last=0x"
        + Long.toHexString(local.lastZxid())
        + ", commit=0x"
        + Long.toHexString(local.commitZxid())
        + "}";
  }

  // ---- transitions
  // ----------------------------------------------------------------------------------

  private void apply(Transition first) {
    Transition next = first;
    int hops = 0;
    while (next != null) {
      if (++hops > TRANSITIONS_PER_INPUT_MAX) {
        throw new IllegalStateException(
            "server "
                + local.myId()
                + " changed role more than "
                + TRANSITIONS_PER_INPUT_MAX
                + " times for one input; last: "
                + next);
      }
      Role from = handler.role();
      check(from, next);
      if (handler instanceof Election election) {
        round = election.round();
      }
      lastTransitionReason = from + " -> " + next.to() + ": " + next.reason();
      handler = enter(next);
      next = handler.start();
    }
  }

  private void check(Role from, Transition t) {
    Role to = t.to();
    boolean legal;
    if (from == Role.LOOKING) {
      legal =
          switch (to) {
            case LEADING -> !observer && t.leaderId() == local.myId();
            case FOLLOWING -> !observer && t.leaderId() != local.myId();
            case OBSERVING -> observer && t.leaderId() != local.myId();
            case LOOKING -> false;
          };
    } else {
      legal = to == Role.LOOKING;
    }
    if (!legal) {
      throw new IllegalStateException(
          "illegal transition of server "
              + local.myId()
              + (observer ? " (observer)" : " (participant)")
              + " from "
              + from
              + " to "
              + to
              + " (leader "
              + t.leaderId()
              + "): "
              + t.reason());
    }
  }

  private RoleHandler enter(Transition t) {
    return switch (t.to()) {
      case LOOKING -> new Election(local, round);
      case LEADING -> new Leader(local, t.vote());
      case FOLLOWING -> new Follower(local, t.leaderId(), t.vote());
      case OBSERVING -> new Observer(local, t.leaderId(), t.vote());
    };
  }
}
