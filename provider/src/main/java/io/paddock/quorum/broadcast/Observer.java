package io.paddock.quorum.broadcast;

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
 * The OBSERVING role: a learner that holds only committed transactions and never votes or
 * acknowledges. It sends LEARNERINFO until the (established) leader syncs it with a DIFF of
 * committed transactions or a snapshot, then logs and applies INFORMs in order. Its log being a
 * prefix of the committed history, it never needs TRUNC, and a later incarnation of the leader
 * cannot contradict it, so it follows the leader's epoch upwards without a handshake.
 */
public final class Observer implements RoleHandler {
  private enum Phase {
    INFO_SENT,
    AWAIT_SNAPSHOT,
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
  private long observingEpoch = -1;
  private Message.Sync pendingSync;
  private long handshakeStartTick;
  private long lastHeardTick;

  public Observer(LocalState local, long leaderId, Vote vote) {
    this.local = local;
    this.config = local.config();
    this.leaderId = leaderId;
    this.vote = vote;
    this.requests = new LearnerRequests(local, leaderId);
    this.early = new ReorderBuffer(config.retransmitBatchMax());
  }

  @Override
  public Role role() {
    return Role.OBSERVING;
  }

  @Override
  public PeerStatus status() {
    return new PeerStatus(Role.OBSERVING, leaderId, observingEpoch, phase == Phase.SERVING, syncId);
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
    pendingSync = null;
    early.clear();
    lastHeardTick = local.now();
    requests.reset(syncId);
    sendInfo();
  }

  private void sendInfo() {
    local.send(leaderId, new Message.LearnerInfo(syncId, 0, 0, local.lastZxid(), true));
  }

  @Override
  public Transition step(long from, Message message) {
    if (from != leaderId) {
      return null;
    }
    if (message instanceof Message.Sync sync) {
      if (sync.syncId() == syncId && phase == Phase.INFO_SENT) {
        onSync(sync);
      }
    } else if (message instanceof Message.Resync resync) {
      if (resync.syncId() == syncId) {
        if (phase == Phase.SERVING) {
          handshakeStartTick = local.now();
        }
        beginHandshake();
      }
    } else if (message instanceof Message.Inform inform) {
      if (phase == Phase.SERVING && inform.epoch() >= observingEpoch) {
        lastHeardTick = local.now();
        observingEpoch = inform.epoch();
        onInform(inform);
      }
    } else if (message instanceof Message.Ping ping) {
      if (phase == Phase.SERVING && ping.syncId() == syncId && ping.epoch() >= observingEpoch) {
        lastHeardTick = local.now();
        observingEpoch = ping.epoch();
        local.send(leaderId, new Message.PingReply(syncId, local.lastZxid(), 0));
      }
    } else if (message instanceof Message.SyncDone done) {
      requests.syncDone(done.requestId(), done.zxid());
    }
    return null;
  }

  private void onSync(Message.Sync sync) {
    lastHeardTick = local.now();
    observingEpoch = sync.epoch();
    switch (sync.mode()) {
      case TRUNC ->
          throw new IllegalStateException(
              "leader " + leaderId + " asked observer to truncate to " + Zxid.toHex(sync.zxid()));
      case SNAP -> {
        pendingSync = sync;
        phase = Phase.AWAIT_SNAPSHOT;
        local.requestSnapshot(leaderId, sync.zxid());
        return;
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
    finishSync(sync);
  }

  private void finishSync(Message.Sync sync) {
    for (Txn txn : sync.entries()) {
      if (txn.zxid() > local.lastZxid()) {
        local.append(txn);
      }
    }
    // An observer is synced to committed transactions only.
    local.commitUpTo(local.lastZxid());
    requests.committed();
    phase = Phase.SERVING;
  }

  private void onInform(Message.Inform inform) {
    Txn txn = inform.txn();
    if (txn.zxid() <= local.lastZxid()) {
      return; // a duplicate
    }
    if (inform.prevZxid() != local.lastZxid()) {
      early.hold(inform.prevZxid(), txn); // it came before the one it follows
      return;
    }
    local.append(txn);
    for (Txn next = early.next(local.lastZxid());
        next != null;
        next = early.next(local.lastZxid())) {
      local.append(next);
    }
    early.dropUpTo(local.lastZxid());
    local.commitUpTo(local.lastZxid());
    requests.committed();
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
    finishSync(sync);
    return null;
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
              + " ticks)");
    }
    if (phase == Phase.INFO_SENT) {
      sendInfo();
    }
    return null;
  }

  @Override
  public Transition persisted() {
    return null; // observers acknowledge nothing
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
