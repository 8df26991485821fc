package io.paddock.quorum.broadcast;

import io.paddock.quorum.broadcast.LearnerSession.Phase;
import io.paddock.quorum.core.LearnerProgress;
import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Membership;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The LEADING role. Its own phases, in order:
 *
 * <ol>
 *   <li>DISCOVERY: collect the accepted epochs of a quorum (LEARNERINFO), pick one above all of
 *       them, accept it myself (persisted) and send it (LEADERINFO);
 *   <li>EPOCH_PROPOSED: collect a quorum of ACKEPOCH; if one of them is ahead of me (higher current
 *       epoch, or same epoch and longer log), step down, since that quorum may hold committed
 *       transactions I lack. With the quorum, the epoch is mine alone: make it current;
 *   <li>SYNCING: sync each follower (DIFF / TRUNC / SNAP) up to my last zxid; once a quorum
 *       (counting me when my log is on disk) acknowledged NEWLEADER, commit that history;
 *   <li>BROADCASTING: propose, collect acks, commit in zxid order, inform observers.
 * </ol>
 *
 * Learners that come later are synced right away. Leaves the role (back to LOOKING) when not
 * established within {@code initLimit} ticks, when a quorum was not heard from for {@code
 * syncLimit} ticks, or when a follower in the discovery quorum is ahead.
 */
public final class Leader implements RoleHandler {
  private enum Phase2 {
    DISCOVERY,
    EPOCH_PROPOSED,
    SYNCING,
    BROADCASTING
  }

  private final LocalState local;
  private final Membership membership;
  private final PeerConfig config;
  private final Vote vote;
  private final Map<Long, LearnerSession> sessions = new TreeMap<>();
  private final Map<Long, Long> acceptedEpochs = new TreeMap<>();
  private final Set<Long> epochAcks = new TreeSet<>();
  private final ForwardQueue forwards;
  private final LeaderEpochs epochs;
  private Phase2 phase = Phase2.DISCOVERY;

  private long newLeaderZxid;
  private long startTick;
  private long quorumSeenTick;

  public Leader(LocalState local, Vote vote) {
    this.local = local;
    this.membership = local.membership();
    this.config = local.config();
    this.vote = vote;
    this.forwards = new ForwardQueue(local);
    this.epochs = new LeaderEpochs(local);
  }

  @Override
  public Role role() {
    return Role.LEADING;
  }

  @Override
  public PeerStatus status() {
    boolean known = phase == Phase2.SYNCING || phase == Phase2.BROADCASTING;
    return new PeerStatus(
        Role.LEADING, local.myId(), known ? epochs.epoch() : -1, phase == Phase2.BROADCASTING, 0);
  }

  @Override
  public List<LearnerProgress> learners() {
    List<LearnerProgress> out = new ArrayList<>(sessions.size());
    long last = local.lastZxid();
    for (LearnerSession s : sessions.values()) {
      out.add(
          new LearnerProgress(
              s.sid, s.observer, s.streaming(), s.ackedZxid, lag(last, s.ackedZxid)));
    }
    return out;
  }

  /** Transactions after {@code acked} up to {@code last}; across epochs, those of last's epoch. */
  private static long lag(long last, long acked) {
    if (acked >= last) {
      return 0;
    }
    return Zxid.epoch(acked) == Zxid.epoch(last)
        ? Zxid.counter(last) - Zxid.counter(acked)
        : Zxid.counter(last);
  }

  @Override
  public Vote vote() {
    return vote;
  }

  @Override
  public Transition start() {
    startTick = local.now();
    quorumSeenTick = startTick;
    acceptedEpochs.put(local.myId(), local.hardState().acceptedEpoch());
    return proposeEpochIfQuorum();
  }

  // ---- discovery
  // ----------------------------------------------------------------------------------

  private Transition proposeEpochIfQuorum() {
    if (phase != Phase2.DISCOVERY || !membership.isQuorum(acceptedEpochs.keySet())) {
      return null;
    }
    long highest = 0;
    for (long accepted : acceptedEpochs.values()) {
      highest = Math.max(highest, accepted);
    }
    epochs.choose(highest + 1);
    phase = Phase2.EPOCH_PROPOSED;
    epochAcks.add(local.myId());
    for (LearnerSession s : sessions.values()) {
      if (!s.observer && s.phase == Phase.HANDSHAKE) {
        local.send(s.sid, new Message.LeaderInfo(s.syncId, epochs.epoch()));
      }
    }
    return syncIfEpochQuorum();
  }

  private Transition syncIfEpochQuorum() {
    if (phase != Phase2.EPOCH_PROPOSED || !membership.isQuorum(epochAcks)) {
      return null;
    }
    phase = Phase2.SYNCING;
    newLeaderZxid = local.lastZxid();
    epochs.makeCurrentAfter(newLeaderZxid);
    for (LearnerSession s : sessions.values()) {
      if (s.phase == Phase.EPOCH_ACKED) {
        sendSync(s);
      }
    }
    establishIfQuorum();
    return null;
  }

  private boolean aheadOfMe(long currentEpoch, long lastZxid) {
    long mine = local.hardState().currentEpoch();
    return currentEpoch > mine || (currentEpoch == mine && lastZxid > local.lastZxid());
  }

  // ---- synchronization
  // ----------------------------------------------------------------------------

  private void sendSync(LearnerSession s) {
    Message.Sync sync =
        SyncPlanner.plan(
            local.history(), s.syncId, epochs.epoch(), s.lastZxid, local.commitZxid(), s.observer);
    local.send(s.sid, sync);
    s.knownEpoch = Math.max(s.knownEpoch, epochs.epoch());
    s.reportedZxid = -1;
    s.progressTick = local.now();
    s.phase = s.observer ? Phase.ACKED : Phase.SYNCED;
  }

  private void establishIfQuorum() {
    if (phase != Phase2.SYNCING) {
      return;
    }
    Set<Long> synced = new TreeSet<>();
    if (local.hardState().currentEpoch() >= epochs.epoch()) { // my history is durable
      synced.add(local.myId());
    }
    for (LearnerSession s : sessions.values()) {
      if (s.voting()) {
        synced.add(s.sid);
      }
    }
    if (!membership.isQuorum(synced)) {
      return;
    }
    phase = Phase2.BROADCASTING;
    quorumSeenTick = local.now();
    local.commitUpTo(newLeaderZxid);
    for (LearnerSession s : sessions.values()) {
      if (s.voting()) {
        local.send(s.sid, new Message.UpToDate(s.syncId, epochs.epoch(), local.commitZxid()));
      } else if (s.observer && s.phase == Phase.HANDSHAKE) {
        sendSync(s);
      }
    }
    forwards.completeSyncs();
  }

  // ---- messages
  // -----------------------------------------------------------------------------------

  @Override
  public Transition step(long from, Message message) {
    if (message instanceof Message.LearnerInfo info) {
      return onLearnerInfo(from, info);
    }
    LearnerSession s = sessions.get(from);
    long syncId = LearnerSession.syncIdOf(message);
    if (s == null || syncId == 0 || s.syncId != syncId) {
      return null; // not a learner of this leader, or an older handshake of it
    }
    s.lastHeardTick = local.now();
    if (s.phase == Phase.BROKEN) {
      local.send(s.sid, new Message.Resync(s.syncId, s.brokenReason));
      return null;
    }
    if (message instanceof Message.AckEpoch ack) {
      return onAckEpoch(s, ack);
    } else if (message instanceof Message.AckNewLeader ack) {
      onAckNewLeader(s, ack);
    } else if (message instanceof Message.Ack ack) {
      onAck(s, ack.zxid());
    } else if (message instanceof Message.PingReply reply) {
      onPingReply(s, reply);
    } else if (message instanceof Message.AckNewEpoch ack) {
      onAckNewEpoch(s, ack.epoch());
    } else if (message instanceof Message.ForwardWrite write) {
      onForward(s, write.seq(), write.draft(), 0);
    } else if (message instanceof Message.ForwardSync sync) {
      onForward(s, sync.seq(), null, sync.requestId());
    }
    return null;
  }

  private Transition onLearnerInfo(long from, Message.LearnerInfo info) {
    if (info.observer() != membership.isObserver(from) || info.syncId() == 0) {
      return null; // its configuration disagrees with ours about its role
    }
    LearnerSession s = sessions.get(from);
    if (s == null || s.syncId != info.syncId()) {
      s = new LearnerSession(from, info.observer(), info.syncId(), local.now());
      s.currentEpoch = info.currentEpoch();
      s.lastZxid = info.lastZxid();
      sessions.put(from, s);
    }
    s.lastHeardTick = local.now();
    if (s.phase == Phase.BROKEN) {
      local.send(s.sid, new Message.Resync(s.syncId, s.brokenReason));
      return null;
    }
    if (s.observer) {
      // Observers learn committed history only, so they wait until there is an established one.
      if (phase == Phase2.BROADCASTING && s.phase != Phase.SYNCED) {
        sendSync(s); // also answers a repeated LEARNERINFO whose sync was lost
      }
      return null;
    }
    epochs.sawAccepted(info.acceptedEpoch());
    if (phase == Phase2.DISCOVERY) {
      acceptedEpochs.put(from, info.acceptedEpoch());
      return proposeEpochIfQuorum();
    }
    if (phase == Phase2.BROADCASTING
        && info.acceptedEpoch() > epochs.epoch()
        && epochs.pending() < 0) {
      // It promised a higher epoch to a candidate that failed, and refuses ours: move up.
      startEpochChange();
    }
    if (s.phase == Phase.HANDSHAKE) {
      local.send(from, new Message.LeaderInfo(s.syncId, epochs.epoch()));
    }
    return null;
  }

  private Transition onAckEpoch(LearnerSession s, Message.AckEpoch ack) {
    if (s.observer || ack.epoch() != epochs.epoch()) {
      return null;
    }
    if (s.phase == Phase.SYNCED) {
      sendSync(s); // a repeated ACKEPOCH: the sync may have been lost
      return null;
    }
    if (s.phase != Phase.HANDSHAKE) {
      return null;
    }
    s.currentEpoch = ack.currentEpoch();
    s.lastZxid = ack.lastZxid();
    s.knownEpoch = epochs.epoch();
    s.phase = Phase.EPOCH_ACKED;
    if (phase == Phase2.EPOCH_PROPOSED) {
      if (ack.counts() && aheadOfMe(ack.currentEpoch(), ack.lastZxid())) {
        return Transition.looking(
            "follower "
                + s.sid
                + " is ahead (epoch "
                + ack.currentEpoch()
                + ", zxid "
                + Zxid.toHex(ack.lastZxid())
                + ") of this leader (epoch "
                + local.hardState().currentEpoch()
                + ", zxid "
                + Zxid.toHex(local.lastZxid())
                + ")");
      }
      if (!ack.counts()) {
        return null; // it promised this epoch to another candidate: sync it once established
      }
      epochAcks.add(s.sid);
      return syncIfEpochQuorum();
    }
    sendSync(s);
    return null;
  }

  private void onAckNewLeader(LearnerSession s, Message.AckNewLeader ack) {
    if (s.observer) {
      return;
    }
    if (s.phase == Phase.SYNCED) {
      s.phase = Phase.ACKED;
      s.ackedZxid = Math.max(s.ackedZxid, Math.min(ack.zxid(), local.lastZxid()));
    } else if (s.phase != Phase.ACKED) {
      return;
    }
    if (phase == Phase2.SYNCING) {
      establishIfQuorum();
    } else if (phase == Phase2.BROADCASTING) {
      local.send(s.sid, new Message.UpToDate(s.syncId, epochs.epoch(), local.commitZxid()));
      commitIfQuorum();
    }
  }

  private void onAck(LearnerSession s, long zxid) {
    if (s.voting()) {
      s.ackedZxid = Math.max(s.ackedZxid, Math.min(zxid, local.lastZxid()));
      commitIfQuorum();
    }
  }

  private void onPingReply(LearnerSession s, Message.PingReply reply) {
    if (!s.streaming()) {
      return;
    }
    if (reply.lastZxid() != s.reportedZxid) {
      s.reportedZxid = reply.lastZxid();
      s.progressTick = local.now();
    }
    onAck(s, reply.ackedZxid());
  }

  private void onAckNewEpoch(LearnerSession s, long acked) {
    if (s.observer || !s.streaming()) {
      return;
    }
    s.knownEpoch = Math.max(s.knownEpoch, acked);
    epochs.acked(s.sid, acked);
  }

  private void onForward(LearnerSession s, long seq, Txn draft, long requestId) {
    if (s.phase != Phase.ACKED || phase != Phase2.BROADCASTING) {
      return; // a learner that is not serving yet
    }
    String broken = forwards.offer(s, seq, draft, requestId);
    if (broken != null) {
      breakSession(s, broken);
    }
  }

  /** Me and the voting followers heard from within syncLimit. */
  private Set<Long> alive(long now) {
    Set<Long> alive = new TreeSet<>();
    alive.add(local.myId());
    for (LearnerSession s : sessions.values()) {
      if (s.voting() && now - s.lastHeardTick <= config.syncLimitTicks()) {
        alive.add(s.sid);
      }
    }
    return alive;
  }

  /**
   * The transport saw the connection to or from a follower close (its process died, or the network
   * reset the link). That follower no longer counts as alive; if the rest are not a quorum I step
   * down at once, as ZooKeeper's leader does when its learner connections close, instead of serving
   * clients whose writes cannot commit for another syncLimit and more.
   */
  @Override
  public Transition peerDisconnected(long peerId) {
    LearnerSession s = sessions.get(peerId);
    if (s == null || phase != Phase2.BROADCASTING) {
      return null;
    }
    s.lastHeardTick = Long.MIN_VALUE / 2; // silent since forever until it is heard from again
    if (!membership.isQuorum(alive(local.now()))) {
      return Transition.looking("the connections to a quorum of followers closed");
    }
    return null;
  }

  /**
   * Makes a learner start a new handshake. Used whenever a request stream has a hole: skipping one
   * of a client's writes and proposing the next would break that client's FIFO order.
   */
  private void breakSession(LearnerSession s, String reason) {
    s.phase = Phase.BROKEN;
    s.brokenReason = reason;
    local.send(s.sid, new Message.Resync(s.syncId, reason));
  }

  // ---- broadcast
  // ----------------------------------------------------------------------------------

  /** Sends to every follower (not observer) whose stream is open. */
  private void toFollowers(Message message) {
    for (LearnerSession s : sessions.values()) {
      if (!s.observer && s.streaming()) {
        local.send(s.sid, message);
      }
    }
  }

  private int inFlight() {
    return local.history().countAfter(local.commitZxid());
  }

  @Override
  public ProposeResult propose(Txn draft) {
    if (phase != Phase2.BROADCASTING) {
      return ProposeResult.notReady();
    }
    boolean reservedSlot = forwards.useReservation();
    if (epochs.counterRoom() <= 0
        || (!reservedSlot && inFlight() >= config.proposalsInFlightMax())) {
      return ProposeResult.busy();
    }
    long last = local.lastZxid();
    long zxid = epochs.nextZxid();
    Txn txn =
        new Txn(zxid, draft.timeMs(), draft.sessionId(), draft.cxid(), draft.authIds(), draft.op());
    local.append(txn);
    toFollowers(new Message.Proposal(epochs.epoch(), last, txn));
    if (Zxid.counter(zxid) >= config.rolloverCounter() && epochs.pending() < 0) {
      startEpochChange();
    }
    return ProposeResult.proposed(zxid);
  }

  @Override
  public ProposeResult sync(long requestId) {
    if (phase != Phase2.BROADCASTING) {
      return ProposeResult.notReady();
    }
    return forwards.localSync(requestId) ? ProposeResult.forwarded() : ProposeResult.busy();
  }

  private void commitIfQuorum() {
    if (phase != Phase2.BROADCASTING) {
      return;
    }
    List<Long> acks = new ArrayList<>();
    acks.add(local.persistedZxid());
    for (LearnerSession s : sessions.values()) {
      if (s.voting()) {
        acks.add(s.ackedZxid);
      }
    }
    long agreed = quorumAgreed(acks, membership.quorumSize());
    if (agreed <= local.commitZxid()) {
      return;
    }
    long before = local.commitZxid();
    List<Txn> fresh = local.commitUpTo(agreed);
    if (fresh.isEmpty()) {
      return;
    }
    Message.Commit commit = new Message.Commit(epochs.epoch(), local.commitZxid());
    for (LearnerSession s : sessions.values()) {
      if (!s.streaming()) {
        continue;
      }
      if (!s.observer) {
        local.send(s.sid, commit);
      } else {
        long prev = before;
        for (Txn txn : fresh) {
          local.send(s.sid, new Message.Inform(epochs.epoch(), prev, txn));
          prev = txn.zxid();
        }
      }
    }
    forwards.completeSyncs();
  }

  /** The highest zxid at least {@code quorum} of the acknowledgements reach (-1 if too few). */
  static long quorumAgreed(List<Long> acks, int quorum) {
    if (acks.size() < quorum) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(acks);
    sorted.sort(java.util.Comparator.reverseOrder());
    return sorted.get(quorum - 1);
  }

  @Override
  public Transition persisted() {
    epochs.raiseIfPersisted();
    establishIfQuorum();
    commitIfQuorum();
    return null;
  }

  @Override
  public Transition snapshotInstalled(long zxid) {
    return null;
  }

  @Override
  public void beforeReady() {
    if (phase != Phase2.BROADCASTING) {
      return;
    }
    long room = Math.min(config.proposalsInFlightMax() - (long) inFlight(), epochs.counterRoom());
    forwards.pump((int) Math.max(0, Math.min(room, Integer.MAX_VALUE)));
  }

  // ---- epoch change without election ------------------------------------------------------------

  /**
   * Moves to a higher epoch while leading: when the 32-bit zxid counter runs out (rollover), or
   * when a participant refuses this epoch because it accepted a higher one from a candidate that
   * failed. Like discovery, the new epoch (above every accepted epoch seen) is accepted and
   * persisted by a quorum before it is used, so no other server can lead it; unlike discovery, the
   * followers already hold this leader's history, so there is nothing to sync. Proposals continue
   * in the old epoch until the switch (and stall, BUSY, if the counter runs out first).
   */
  private void startEpochChange() {
    toFollowers(new Message.NewEpoch(epochs.startChange()));
    epochs.switchIfQuorum();
  }

  // ---- time
  // ---------------------------------------------------------------------------------------

  @Override
  public Transition tick() {
    long now = local.now();
    if (phase != Phase2.BROADCASTING) {
      if (now - startTick > config.initLimitTicks()) {
        return Transition.looking(
            "no quorum synced within initLimit (" + config.initLimitTicks() + " ticks)");
      }
    } else {
      if (membership.isQuorum(alive(now))) {
        quorumSeenTick = now;
      } else if (now - quorumSeenTick > config.syncLimitTicks()) {
        return Transition.looking(
            "lost contact with a quorum for syncLimit (" + config.syncLimitTicks() + " ticks)");
      }
    }
    for (LearnerSession s : sessions.values()) {
      if (s.phase == Phase.BROKEN) {
        local.send(s.sid, new Message.Resync(s.syncId, s.brokenReason));
      } else if (s.streaming()) {
        local.send(s.sid, new Message.Ping(epochs.epoch(), s.syncId, local.commitZxid()));
        String broken =
            Retransmission.ifStalled(local, s, epochs.epoch(), config.retransmitBatchMax());
        if (broken != null) {
          breakSession(s, broken);
        }
        if (!s.observer) {
          long target = epochs.target();
          if (s.knownEpoch < target) {
            local.send(s.sid, new Message.NewEpoch(target));
          }
        }
      }
    }
    return null;
  }
}
