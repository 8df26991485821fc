package io.paddock.quorum.election;

import io.paddock.quorum.core.LocalState;
import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.Message.Notification;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.RoleHandler;
import io.paddock.quorum.core.Transition;
import io.paddock.quorum.core.Vote;
import io.paddock.txn.Txn;
import java.util.Map;
import java.util.TreeMap;

/**
 * The LOOKING role: one run of fast leader election.
 *
 * <p>{@code received} holds the votes of this round from participants (this server included);
 * {@code settled} holds the last notification of every participant that is FOLLOWING or LEADING,
 * whatever its round, which is how a server that restarted or was cut off finds the current leader.
 */
public final class Election implements RoleHandler {
  private final LocalState local;
  private final Membership membership;
  private final boolean observer;
  private final Map<Long, Vote> received = new TreeMap<>();
  private final Map<Long, Notification> settled = new TreeMap<>();
  private long round;
  private Vote proposal;
  private long finalizeAt = -1;
  private long nextBroadcastAt;

  /** A new election after {@code previousRound} (0 for a fresh server). */
  public Election(LocalState local, long previousRound) {
    this.local = local;
    this.membership = local.membership();
    this.observer = local.config().isObserver();
    this.round = previousRound;
  }

  /** The round this election is in (it only grows). */
  public long round() {
    return round;
  }

  @Override
  public Role role() {
    return Role.LOOKING;
  }

  @Override
  public PeerStatus status() {
    return PeerStatus.looking();
  }

  @Override
  public Vote vote() {
    return proposal;
  }

  @Override
  public Transition start() {
    round++;
    proposal = selfVote();
    if (!observer) {
      received.put(local.myId(), proposal);
    }
    broadcast();
    evaluate();
    return null;
  }

  private Vote selfVote() {
    return new Vote(local.myId(), local.lastZxid(), local.hardState().currentEpoch());
  }

  private Notification notification() {
    return new Notification(round, Role.LOOKING, proposal, observer);
  }

  private void broadcast() {
    Notification n = notification();
    for (long peer : membership.participants()) {
      if (peer != local.myId()) {
        local.send(peer, n);
      }
    }
    nextBroadcastAt = local.now() + 1 + local.random().nextInt(2);
  }

  @Override
  public Transition step(long from, Message message) {
    if (!(message instanceof Notification n)) {
      return null; // only votes matter while electing
    }
    boolean voter = membership.isParticipant(from) && !n.observer();
    if (!voter) {
      if (n.state() == Role.LOOKING) {
        local.send(from, notification()); // an observer asking who leads
      }
      return null;
    }
    if (n.state() == Role.LOOKING) {
      return lookingVote(from, n);
    }
    return settledVote(from, n);
  }

  private Transition lookingVote(long from, Notification n) {
    if (observer) {
      return null; // observers only learn from settled participants
    }
    if (n.round() > round) {
      round = n.round();
      received.clear();
      Vote mine = selfVote();
      proposal = n.vote().isBetterThan(mine) ? n.vote() : mine;
      finalizeAt = -1;
      broadcast();
    } else if (n.round() < round) {
      local.send(from, notification()); // help it catch up
      return null;
    } else if (n.vote().isBetterThan(proposal)) {
      proposal = n.vote();
      finalizeAt = -1;
      broadcast();
    }
    received.put(from, n.vote());
    received.put(local.myId(), proposal);
    evaluate();
    return null;
  }

  private Transition settledVote(long from, Notification n) {
    long leader = n.vote().leader();
    settled.put(from, n);
    if (n.round() == round && !observer) {
      received.put(from, n.vote());
      if (supporters(leader) && leaderConfirmed(leader, n.round())) {
        return decide(n.vote());
      }
    }
    if (settledSupporters(leader) && leaderConfirmed(leader, n.round())) {
      round = Math.max(round, n.round());
      return decide(n.vote());
    }
    return null;
  }

  /** A leader other than me must say itself that it leads; I may lead only in my own round. */
  private boolean leaderConfirmed(long leader, long noticeRound) {
    if (leader == local.myId()) {
      return !observer && noticeRound == round;
    }
    Notification own = settled.get(leader);
    return own != null && own.state() == Role.LEADING && own.vote().leader() == leader;
  }

  private boolean supporters(long leader) {
    int count = 0;
    for (Map.Entry<Long, Vote> e : received.entrySet()) {
      if (e.getValue().leader() == leader && membership.isParticipant(e.getKey())) {
        count++;
      }
    }
    return count >= membership.quorumSize();
  }

  private boolean settledSupporters(long leader) {
    int count = 0;
    for (Map.Entry<Long, Notification> e : settled.entrySet()) {
      Notification n = e.getValue();
      if (n.state() != Role.LOOKING && n.vote().leader() == leader) {
        count++;
      }
    }
    return count >= membership.quorumSize();
  }

  private boolean quorumForProposal() {
    int count = 0;
    for (Vote v : received.values()) {
      if (v.equals(proposal)) {
        count++;
      }
    }
    return count >= membership.quorumSize();
  }

  /** Starts the finalize wait when a quorum agrees with my proposal; cancels it otherwise. */
  private void evaluate() {
    if (!observer && quorumForProposal()) {
      if (finalizeAt < 0) {
        finalizeAt =
            local.now() + 1 + local.random().nextInt(local.config().finalizeWaitTicksMax());
      }
    } else {
      finalizeAt = -1;
    }
  }

  private Transition decide(Vote vote) {
    if (vote.leader() == local.myId()) {
      if (observer) {
        return null; // nobody votes for an observer; ignore a confused peer
      }
      return Transition.decided(Role.LEADING, vote);
    }
    return Transition.decided(observer ? Role.OBSERVING : Role.FOLLOWING, vote);
  }

  @Override
  public Transition tick() {
    if (finalizeAt >= 0 && local.now() >= finalizeAt) {
      if (quorumForProposal()) {
        return decide(proposal);
      }
      finalizeAt = -1;
    }
    if (local.now() >= nextBroadcastAt) {
      broadcast();
    }
    return null;
  }

  @Override
  public Transition persisted() {
    return null;
  }

  @Override
  public Transition snapshotInstalled(long zxid) {
    return null;
  }

  @Override
  public ProposeResult propose(Txn draft) {
    return ProposeResult.notReady();
  }

  @Override
  public ProposeResult sync(long requestId) {
    return ProposeResult.notReady();
  }
}
