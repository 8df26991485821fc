package io.paddock.quorum.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.HardState;
import io.paddock.quorum.core.LearnerProgress;
import io.paddock.quorum.core.LogOp;
import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.StableState;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import io.paddock.txn.Zxid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Drives the state machine by hand, etcd-raft style: every message and disk write is visible. */
class PeerTest {
  private static final Membership THREE = Membership.of(1L, 2L, 3L);

  static Txn draft(int n) {
    return new Txn(
        0,
        0,
        7,
        n,
        List.of(),
        new TxnOp.SetData("/k", ("v" + n).getBytes(StandardCharsets.UTF_8), -1));
  }

  static Txn logged(long epoch, long counter) {
    Txn d = draft((int) counter);
    return new Txn(Zxid.of(epoch, counter), 1, d.sessionId(), d.cxid(), d.authIds(), d.op());
  }

  static List<Txn> log(long epoch, int from, int to) {
    List<Txn> out = new ArrayList<>();
    for (int c = from; c <= to; c++) {
      out.add(logged(epoch, c));
    }
    return out;
  }

  @Test
  void threeFreshPeersElectTheHighestIdAndServe() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));

    long leader = c.electAndSync(50);

    assertThat(leader).isEqualTo(3);
    assertThat(c.peer(1).role()).isEqualTo(Role.FOLLOWING);
    assertThat(c.peer(2).role()).isEqualTo(Role.FOLLOWING);
    assertThat(c.peer(3).status().epoch()).isEqualTo(1);
    for (Peer p : c.peers.values()) {
      assertThat(p.hardState()).isEqualTo(new HardState(1, 3, 1));
    }
  }

  @Test
  void aWriteOnTheLeaderCommitsEverywhereInOrder() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));
    long leader = c.electAndSync(50);

    ProposeResult r1 = c.peer(leader).propose(draft(1));
    ProposeResult r2 = c.peer(leader).propose(draft(2));
    c.settle();

    assertThat(r1.zxid()).isEqualTo(Zxid.of(1, 1));
    assertThat(r2.zxid()).isEqualTo(Zxid.of(1, 2));
    for (long id : List.of(1L, 2L, 3L)) {
      assertThat(c.applied.get(id)).extracting(Txn::zxid).containsExactly(r1.zxid(), r2.zxid());
    }
  }

  @Test
  void aFollowerForwardsWritesAndSyncsToTheLeader() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));
    c.electAndSync(50);

    assertThat(c.peer(1).propose(draft(1)).outcome()).isEqualTo(ProposeResult.Outcome.FORWARDED);
    assertThat(c.peer(1).sync(42).outcome()).isEqualTo(ProposeResult.Outcome.FORWARDED);
    c.settle();

    assertThat(c.applied.get(1L)).extracting(Txn::cxid).containsExactly(1);
    assertThat(c.applied.get(3L)).extracting(Txn::timeMs).containsExactly(c.timeMs);
    assertThat(c.syncs.get(1L)).hasSize(1);
    assertThat(c.syncs.get(1L).get(0).requestId()).isEqualTo(42);
    assertThat(c.syncs.get(1L).get(0).zxid()).isEqualTo(Zxid.of(1, 1));
  }

  @Test
  void nothingCommitsWithoutAQuorumOnDisk() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));
    long leader = c.electAndSync(50);
    c.autoPersist = false;

    c.peer(leader).propose(draft(1));
    c.settle();
    assertThat(c.applied.get(leader)).isEmpty();
    assertThat(c.sent).noneMatch(e -> e.message() instanceof Message.Ack);

    c.peer(1).persisted(Zxid.of(1, 1));
    c.settle();
    assertThat(c.applied.get(leader)).isEmpty(); // the leader's own disk has not reported yet

    c.peer(leader).persisted(Zxid.of(1, 1));
    c.settle();
    assertThat(c.applied.get(leader)).extracting(Txn::zxid).containsExactly(Zxid.of(1, 1));
  }

  @Test
  void theLeaderReportsEachLearnersLagUntilItsDiskCatchesUp() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));
    long leader = c.electAndSync(50);
    assertThat(c.peer(1).learners()).isEmpty(); // only a leader has learners
    assertThat(c.peer(leader).learners())
        .extracting(LearnerProgress::id, LearnerProgress::synced, LearnerProgress::lagTransactions)
        .containsExactly(tuple(1L, true, 0L), tuple(2L, true, 0L));
    c.autoPersist = false;

    c.peer(leader).propose(draft(1));
    c.peer(leader).propose(draft(2));
    c.settle();
    c.peer(1).persisted(Zxid.of(1, 2));
    c.settle();

    assertThat(c.peer(leader).learners())
        .extracting(
            LearnerProgress::id, LearnerProgress::ackedZxid, LearnerProgress::lagTransactions)
        .containsExactly(tuple(1L, Zxid.of(1, 2), 0L), tuple(2L, 0L, 2L));
  }

  @Test
  void aLeaderStepsDownAtOnceWhenTheConnectionsToAQuorumClose() {
    TestCluster c = new TestCluster(THREE, id -> TestCluster.config(id, THREE));
    long leader = c.electAndSync(50);
    Peer p = c.peer(leader);
    p.peerDisconnected(1);
    assertThat(p.role()).as("the other follower and I are still a quorum").isEqualTo(Role.LEADING);
    p.peerDisconnected(2);
    assertThat(p.role()).isEqualTo(Role.LOOKING);
    assertThat(p.lastTransitionReason()).contains("quorum of followers closed");
  }

  @Test
  void aRestartedFollowerWithADivergentTailIsTruncated() {
    // Server 1 logged 1:3 as the only one (never committed); 2 and 3 moved on to epoch 2.
    List<Txn> shared = log(1, 1, 2);
    List<Txn> divergent = new ArrayList<>(shared);
    divergent.add(logged(1, 3));
    List<Txn> moved = new ArrayList<>(shared);
    moved.add(logged(2, 1));
    TestCluster c =
        new TestCluster(
            THREE,
            id -> TestCluster.config(id, THREE),
            id ->
                id == 1
                    ? new StableState(new HardState(1, 3, 1), 0, divergent)
                    : new StableState(new HardState(2, 3, 2), 0, moved));

    long leader = c.electAndSync(80);

    assertThat(leader).isEqualTo(3);
    List<LogOp> ops = c.logOps.get(1L);
    assertThat(ops).first().isEqualTo(new LogOp.Truncate(Zxid.of(1, 2)));
    assertThat(ops.get(1)).isInstanceOf(LogOp.Append.class);
    assertThat(((LogOp.Append) ops.get(1)).txn().zxid()).isEqualTo(Zxid.of(2, 1));
    assertThat(c.applied.get(1L))
        .extracting(Txn::zxid)
        .containsExactly(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(2, 1));
    assertThat(c.peer(1).hardState().currentEpoch()).isEqualTo(3);
  }

  @Test
  void aFarBehindLearnerGetsASnapshot() {
    List<Txn> history = log(1, 1, 20);
    TestCluster c =
        new TestCluster(
            THREE,
            id -> TestCluster.config(id, THREE).withHistoryMax(5),
            id ->
                id == 1
                    ? StableState.empty()
                    : new StableState(new HardState(1, 3, 1), 0, history));
    c.down.add(1L);
    long leader = c.electAndSync(80);
    assertThat(c.applied.get(leader)).hasSize(20);

    c.down.remove(1L);
    c.electAndSync(80);

    List<LogOp> ops = c.logOps.get(1L);
    assertThat(ops).hasSize(1);
    assertThat(ops.get(0)).isInstanceOf(LogOp.InstallSnapshot.class);
    assertThat(((LogOp.InstallSnapshot) ops.get(0)).zxid()).isEqualTo(Zxid.of(1, 20));
    assertThat(c.peer(1).lastZxid()).isEqualTo(Zxid.of(1, 20));
    assertThat(c.applied.get(1L)).hasSize(20);
    // and it takes part in commits afterwards
    c.peer(leader).propose(draft(99));
    c.settle();
    assertThat(c.applied.get(1L)).hasSize(21);
  }

  @Test
  void observersLearnEverythingButNeverVoteNorAck() {
    Membership m = new Membership(List.of(1L, 2L, 3L), List.of(4L));
    TestCluster c = new TestCluster(m, id -> TestCluster.config(id, m));
    long leader = c.electAndSync(80);
    for (int i = 1; i <= 5; i++) {
      c.peer(leader).propose(draft(i));
    }
    c.peer(4).propose(draft(6));
    c.settle();
    c.tick(3);

    assertThat(c.peer(4).role()).isEqualTo(Role.OBSERVING);
    assertThat(c.applied.get(4L)).hasSize(6);
    List<Message> fromObserver =
        c.sent.stream()
            .filter(e -> e.from() == 4)
            .map(Envelope::message)
            .collect(Collectors.toList());
    assertThat(fromObserver)
        .noneMatch(
            msg ->
                msg instanceof Message.Ack
                    || msg instanceof Message.AckNewLeader
                    || msg instanceof Message.AckEpoch
                    || msg instanceof Message.AckNewEpoch);
    assertThat(fromObserver)
        .filteredOn(msg -> msg instanceof Message.Notification)
        .allMatch(msg -> ((Message.Notification) msg).observer());
    assertThat(c.peer(4).hardState()).isEqualTo(HardState.INITIAL);

    // With two participants down, the observer does not make a quorum: nothing commits.
    long other = leader == 3 ? 2 : 3;
    c.down.add(1L);
    c.down.add(other == 1 ? 2L : other);
    int before = c.applied.get(leader).size();
    c.peer(leader).propose(draft(7));
    c.settle();
    assertThat(c.applied.get(leader)).hasSize(before);
  }
}
