package io.paddock.quorum.broadcast;

import io.paddock.quorum.core.HardState;
import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.RoleHandler;
import io.paddock.quorum.core.Transition;
import io.paddock.quorum.core.Vote;
import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;

/**
 * The FOLLOWING role. Its handshake, driven by re-sending its current step every tick:
 *
 * <ol>
 *   <li>INFO_SENT: LEARNERINFO (accepted epoch, current epoch, last zxid) until LEADERINFO; accept
 *       the leader's epoch (persisted) if it is above the accepted one, or the same one from the
 *       same leader; otherwise elect again;
 *   <li>EPOCH_ACKED: ACKEPOCH until the sync arrives; apply it (truncate, or install the snapshot
 *       in AWAIT_SNAPSHOT, then append the diff);
 *   <li>SYNCED: once the synced history is on disk, make the leader's epoch current (persisted) and
 *       acknowledge NEWLEADER;
 *   <li>NEWLEADER_ACKED until UPTODATE, then SERVING: log proposals in order, acknowledge them
 *       after they are on disk, commit what the leader commits, forward client requests.
 * </ol>
 *
 * Back to LOOKING when the handshake takes more than {@code initLimit} ticks or the leader is
 * silent for {@code syncLimit} ticks. The leader can restart the handshake (RESYNC).
 */
public final class Follower implements RoleHandler {
  private enum Phase {
    INFO_SENT,
    EPOCH_ACKED,
    AWAIT_SNAPSHOT,
    SYNCED,
    NEWLEADER_ACKED,
    SERVING
  }

  private final LocalState local;
  private final PeerConfig config;
  private final long leaderId;
  private final Vote vote;
  private final LearnerRequests requests;
  private final ReorderBuffer early;
  private Phase phase;
  private long syncId;
  private long followingEpoch = -1;

  /** The next epoch, accepted from this leader (rollover) but not yet used by it; -1 if none. */
  private long nextEpoch = -1;

  /** False if the followed epoch was accepted from another server first (see AckEpoch). */
  private boolean epochCounts;

  /** Why the leader's epoch was refused, if it was (reported when the handshake times out). */
  private String refused = "";

  private long syncEpoch;
  private long newLeaderZxid;
  private long ackedZxid;
  private Message.Sync pendingSync;
  private long handshakeStartTick;
  private long lastHeardTick;

  public Follower(LocalState local, long leaderId, Vote vote) {
    this.local = local;
    this.config = local.config();
    this.leaderId = leaderId;
    this.vote = vote;
    this.requests = new LearnerRequests(local, leaderId);
    this.early = new ReorderBuffer(config.retransmitBatchMax());
  }

  @Override
  public Role role() {
    return Role.FOLLOWING;
  }

  @Override
  public PeerStatus status() {
    return new PeerStatus(Role.FOLLOWING, leaderId, followingEpoch, phase == Phase.SERVING, syncId);
  }

  @Override
  public Vote vote() {
    return vote;
  }

  @Override
  public Transition start() {
    handshakeStartTick = local.now();
    beginHandshake();
    return null;
  }

  private void beginHandshake() {
    long id;
    do {
      id = local.random().nextLong();
    } while (id == 0 || id == syncId);
    syncId = id;
    phase = Phase.INFO_SENT;
    followingEpoch = -1;
    nextEpoch = -1;
    pendingSync = null;
    early.clear();
    ackedZxid = 0;
    lastHeardTick = local.now();
    requests.reset(syncId);
    sendInfo();
  }

  private void sendInfo() {
    HardState hs = local.hardState();
    local.send(
        leaderId,
        new Message.LearnerInfo(
            syncId, hs.acceptedEpoch(), hs.currentEpoch(), local.lastZxid(), false));
  }

  private boolean synced() {
    return phase == Phase.SYNCED || phase == Phase.NEWLEADER_ACKED || phase == Phase.SERVING;
  }

  // ---- messages
  // -----------------------------------------------------------------------------------

  @Override
  public Transition step(long from, Message message) {
    if (from != leaderId) {
      return null;
    }
    if (message instanceof Message.LeaderInfo info) {
      return info.syncId() == syncId && phase == Phase.INFO_SENT ? onLeaderInfo(info) : null;
    } else if (message instanceof Message.Sync sync) {
      return sync.syncId() == syncId && phase == Phase.EPOCH_ACKED ? onSync(sync) : null;
    } else if (message instanceof Message.Resync resync) {
      if (resync.syncId() == syncId) {
        if (phase == Phase.SERVING) {
          handshakeStartTick = local.now(); // a working session broke: a fresh initLimit
        }
        beginHandshake();
      }
    } else if (message instanceof Message.UpToDate upToDate) {
      if (upToDate.syncId() == syncId && phase == Phase.NEWLEADER_ACKED) {
        phase = Phase.SERVING;
        heard();
        commit(upToDate.commitZxid());
      }
    } else if (message instanceof Message.SyncDone done) {
      requests.syncDone(done.requestId(), done.zxid());
    } else {
      onBroadcast(message);
    }
    return null;
  }

  private void onBroadcast(Message message) {
    if (message instanceof Message.NewEpoch ne) {
      onNewEpoch(ne.epoch());
      return;
    }
    long epoch;
    if (message instanceof Message.Proposal p) {
      epoch = p.epoch();
    } else if (message instanceof Message.Commit c) {
      epoch = c.epoch();
    } else if (message instanceof Message.Ping ping) {
      if (ping.syncId() != syncId) {
        return; // for another handshake of ours: the leader does not know this one
      }
      epoch = ping.epoch();
    } else {
      return;
    }
    if (!synced() || !inLeaderEpoch(epoch)) {
      return;
    }
    heard();
    if (message instanceof Message.Proposal p) {
      onProposal(p);
    } else if (message instanceof Message.Commit c) {
      commit(c.zxid());
    } else {
      commit(((Message.Ping) message).commitZxid());
      local.send(leaderId, new Message.PingReply(syncId, local.lastZxid(), ackedZxid));
    }
  }

  /**
   * True if a broadcast message of {@code epoch} belongs to the leader incarnation this server
   * synced with: its epoch, or the next one it accepted from it (the leader switched to it).
   */
  private boolean inLeaderEpoch(long epoch) {
    if (epoch == followingEpoch) {
      return true;
    }
    if (epoch == nextEpoch) {
      followingEpoch = nextEpoch;
      nextEpoch = -1;
      return true;
    }
    return false;
  }

  private void heard() {
    lastHeardTick = local.now();
  }

  private Transition onLeaderInfo(Message.LeaderInfo info) {
    HardState hs = local.hardState();
    long e = info.epoch();
    boolean newer = e > hs.acceptedEpoch();
    boolean same = e == hs.acceptedEpoch() && hs.acceptedLeader() == leaderId;
    if (e < hs.acceptedEpoch()) {
      // Keep asking: an established leader moves to a higher epoch when it hears of ours, and
      // answers the next LEARNERINFO with it. Give up at initLimit as for any handshake.
      refused =
          "leader offered epoch "
              + e
              + " below the accepted epoch "
              + hs.acceptedEpoch()
              + " (from server "
              + hs.acceptedLeader()
              + ")";
      return null;
    }
    if (newer) {
      local.saveHardState(hs.accept(e, leaderId));
    }
    // Epoch e accepted from another server: follow if this leader establishes e without us.
    epochCounts = newer || same;
    followingEpoch = e;
    phase = Phase.EPOCH_ACKED;
    heard();
    sendAckEpoch();
    return null;
  }

  private void sendAckEpoch() {
    local.send(
        leaderId,
        new Message.AckEpoch(
            syncId,
            followingEpoch,
            local.hardState().currentEpoch(),
            local.lastZxid(),
            epochCounts));
  }

  private Transition onSync(Message.Sync sync) {
    heard();
    if (sync.epoch() < followingEpoch) {
      return null;
    }
    if (sync.epoch() > followingEpoch) {
      // The leader rolled over to its next epoch during our handshake; that epoch is its own.
      acceptFromLeader(sync.epoch());
      followingEpoch = sync.epoch();
      nextEpoch = -1;
    }
    syncEpoch = sync.epoch();
    switch (sync.mode()) {
      case TRUNC -> local.truncate(sync.zxid());
      case SNAP -> {
        pendingSync = sync;
        phase = Phase.AWAIT_SNAPSHOT;
        local.requestSnapshot(leaderId, sync.zxid());
        return null;
      }
      case DIFF -> {
        if (sync.zxid() != local.lastZxid()) {
          throw new IllegalStateException(
              "leader "
                  + leaderId
                  + " sent a diff after "
                  + Zxid.toHex(sync.zxid())
                  + " but this log ends at "
                  + Zxid.toHex(local.lastZxid()));
        }
      }
    }
    return finishSync(sync);
  }

  private Transition finishSync(Message.Sync sync) {
    boolean snapshot = sync.mode() == Message.SyncMode.SNAP;
    for (Txn txn : sync.entries()) {
      if (txn.zxid() > local.lastZxid()) {
        local.append(txn);
      } else if (!snapshot) {
        throw new IllegalStateException(
            "sync entry "
                + Zxid.toHex(txn.zxid())
                + " is not after "
                + Zxid.toHex(local.lastZxid()));
      }
    }
    if (local.lastZxid() < sync.lastZxid()) {
      throw new IllegalStateException(
          "after the sync the log ends at "
              + Zxid.toHex(local.lastZxid())
              + ", before the leader's "
              + Zxid.toHex(sync.lastZxid()));
    }
    newLeaderZxid = local.lastZxid();
    phase = Phase.SYNCED;
    commit(sync.commitZxid());
    ackNewLeaderIfPersisted();
    return null;
  }

  private void ackNewLeaderIfPersisted() {
    if (phase != Phase.SYNCED || local.persistedZxid() < newLeaderZxid) {
      return;
    }
    raiseCurrentEpoch(syncEpoch);
    ackedZxid = newLeaderZxid;
    phase = Phase.NEWLEADER_ACKED;
    local.send(leaderId, new Message.AckNewLeader(syncId, newLeaderZxid));
  }

  private void raiseCurrentEpoch(long epoch) {
    HardState hs = local.hardState();
    if (epoch > hs.currentEpoch()) {
      local.saveHardState(hs.withCurrentEpoch(epoch));
    }
  }

  private void acceptFromLeader(long epoch) {
    HardState hs = local.hardState();
    if (epoch > hs.acceptedEpoch()) {
      local.saveHardState(hs.accept(epoch, leaderId));
    } else if (epoch < hs.acceptedEpoch() || hs.acceptedLeader() != leaderId) {
      throw new IllegalStateException(
          "following "
              + leaderId
              + " into epoch "
              + epoch
              + " but accepted epoch "
              + hs.acceptedEpoch()
              + " from "
              + hs.acceptedLeader());
    }
  }

  private void onNewEpoch(long epoch) {
    if (!synced()) {
      return;
    }
    if (epoch > followingEpoch && epoch > nextEpoch) {
      HardState hs = local.hardState();
      if (epoch > hs.acceptedEpoch()) {
        local.saveHardState(hs.accept(epoch, leaderId));
      } else if (epoch < hs.acceptedEpoch() || hs.acceptedLeader() != leaderId) {
        return; // promised to another server: this leader needs a quorum without us
      }
      heard();
      nextEpoch = epoch;
    }
    if (epoch == nextEpoch || epoch == followingEpoch) {
      local.send(leaderId, new Message.AckNewEpoch(syncId, epoch));
    }
  }

  private void onProposal(Message.Proposal p) {
    Txn txn = p.txn();
    if (txn.zxid() <= local.lastZxid()) {
      return; // a duplicate
    }
    if (p.prevZxid() != local.lastZxid()) {
      early.hold(p.prevZxid(), txn); // it came before the one it follows
      return;
    }
    logInOrder(txn);
    for (Txn next = early.next(local.lastZxid());
        next != null;
        next = early.next(local.lastZxid())) {
      logInOrder(next);
    }
    early.dropUpTo(local.lastZxid());
  }

  private void logInOrder(Txn txn) {
    if (Zxid.epoch(txn.zxid()) > followingEpoch) {
      throw new IllegalStateException(
          "proposal " + Zxid.toHex(txn.zxid()) + " is beyond epoch " + followingEpoch);
    }
    local.append(txn);
  }

  private void commit(long zxid) {
    local.commitUpTo(zxid);
    requests.committed();
  }

  // ---- the rest of the role
  // -------------------------------------------------------------------------

  @Override
  public Transition persisted() {
    ackNewLeaderIfPersisted();
    if (phase == Phase.NEWLEADER_ACKED || phase == Phase.SERVING) {
      long persisted = local.persistedZxid();
      // Everything before a logged transaction of epoch e came from this leader in order, so once
      // it is on disk this server holds the initial history of e (an epoch rollover).
      raiseCurrentEpoch(Math.min(Zxid.epoch(persisted), local.hardState().acceptedEpoch()));
      if (persisted > ackedZxid) {
        ackedZxid = persisted;
        local.send(leaderId, new Message.Ack(syncId, persisted));
      }
    }
    return null;
  }

  @Override
  public Transition snapshotInstalled(long zxid) {
    if (phase != Phase.AWAIT_SNAPSHOT) {
      return null;
    }
    Message.Sync sync = pendingSync;
    pendingSync = null;
    if (zxid < sync.zxid()) {
      throw new IllegalStateException(
          "installed snapshot at "
              + Zxid.toHex(zxid)
              + " but the leader promised one at or after "
              + Zxid.toHex(sync.zxid()));
    }
    return finishSync(sync);
  }

  @Override
  public Transition peerDisconnected(long peerId) {
    return peerId == leaderId
        ? Transition.looking("connection to leader " + leaderId + " closed")
        : null;
  }

  @Override
  public Transition tick() {
    long now = local.now();
    if (phase == Phase.SERVING) {
      if (now - lastHeardTick > config.syncLimitTicks()) {
        return Transition.looking(
            "leader " + leaderId + " silent for syncLimit (" + config.syncLimitTicks() + " ticks)");
      }
    } else if (now - handshakeStartTick > config.initLimitTicks()) {
      return Transition.looking(
          "not synced with leader "
              + leaderId
              + " within initLimit ("
              + config.initLimitTicks()
              + " ticks) "
              + refused);
    }
    switch (phase) {
      case INFO_SENT -> sendInfo();
      case EPOCH_ACKED -> sendAckEpoch();
      case NEWLEADER_ACKED -> local.send(leaderId, new Message.AckNewLeader(syncId, newLeaderZxid));
      default -> {
        // nothing to re-send: the sync is on its way to disk, or the handshake is done
      }
    }
    return null;
  }

  @Override
  public ProposeResult propose(Txn draft) {
    return phase == Phase.SERVING ? requests.write(draft) : ProposeResult.notReady();
  }

  @Override
  public ProposeResult sync(long requestId) {
    return phase == Phase.SERVING ? requests.sync(requestId) : ProposeResult.notReady();
  }
}
