package io.paddock.quorum.core.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.Role;
import io.paddock.txn.Txn;
import io.paddock.txn.Zxid;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 32-bit counter of a zxid runs out without an election: the leader moves its quorum to the
 * next epoch in place, and zxids keep growing.
 */
class EpochRolloverTest {
  private static final Membership THREE = Membership.of(1L, 2L, 3L);
  private static final long NEAR_END = PeerConfig.COUNTER_MAX - 100;

  private static TestCluster cluster() {
    return new TestCluster(
        THREE,
        id ->
            TestCluster.config(id, THREE)
                .withCounterStart(NEAR_END)
                .withRolloverCounter(PeerConfig.COUNTER_MAX - 20));
  }

  @Test
  void committingAcrossTheCounterBoundaryKeepsZxidsGrowingWithoutElection() {
    TestCluster c = cluster();
    long leader = c.electAndSync(50);
    assertThat(c.peer(leader).status().epoch()).isEqualTo(1);
    int rolesBefore = c.roles.get(leader).size();
    c.sent.clear();

    long previous = 0;
    for (int i = 1; i <= 300; i++) {
      ProposeResult r = c.peer(leader).propose(PeerTest.draft(i));
      assertThat(r.outcome()).isEqualTo(ProposeResult.Outcome.PROPOSED);
      assertThat(r.zxid()).isGreaterThan(previous);
      previous = r.zxid();
      c.settle();
      if (i % 7 == 0) {
        c.tick(1);
      }
    }
    c.tick(2);

    // The first zxid is near the end of epoch 1's counter; 300 writes crossed it several times.
    List<Txn> applied = c.applied.get(leader);
    assertThat(applied).hasSize(300);
    assertThat(Zxid.counter(applied.get(0).zxid())).isEqualTo(NEAR_END + 1);
    int crossing = -1;
    for (int i = 0; i < applied.size(); i++) {
      if (Zxid.epoch(applied.get(i).zxid()) == 2) {
        crossing = i;
        break;
      }
    }
    assertThat(crossing).isPositive();
    assertThat(applied.get(crossing - 1).zxid())
        .isEqualTo(Zxid.of(1, PeerConfig.COUNTER_MAX - 20)); // where the rollover started
    assertThat(applied.get(crossing).zxid()).isEqualTo(Zxid.of(2, NEAR_END + 1));
    long lastEpoch = Zxid.epoch(applied.get(299).zxid());
    assertThat(lastEpoch).isGreaterThanOrEqualTo(4);
    for (int i = 1; i < applied.size(); i++) {
      assertThat(applied.get(i).zxid()).isGreaterThan(applied.get(i - 1).zxid());
    }
    for (long id : List.of(1L, 2L, 3L)) {
      assertThat(c.applied.get(id))
          .extracting(Txn::zxid)
          .isEqualTo(applied.stream().map(Txn::zxid).toList());
      assertThat(c.peer(id).hardState().currentEpoch()).isEqualTo(lastEpoch);
      List<Role> roles = c.roles.get(id);
      assertThat(roles.get(0)).isEqualTo(Role.LOOKING); // at start
      assertThat(roles.subList(1, roles.size())).doesNotContain(Role.LOOKING);
    }
    // No election: the leader only reported epoch changes, never left LEADING.
    assertThat(c.peer(leader).role()).isEqualTo(Role.LEADING);
    assertThat(c.roles.get(leader).subList(rolesBefore, c.roles.get(leader).size()))
        .containsOnly(Role.LEADING);
    assertThat(c.sent).noneMatch(e -> e.message() instanceof Message.Notification);
  }

  @Test
  void anExhaustedCounterStallsProposalsUntilAQuorumAcceptsTheNextEpoch() {
    TestCluster c = cluster();
    long leader = c.electAndSync(50);
    c.sent.clear();
    c.hold = e -> e.message() instanceof Message.AckNewEpoch;

    ProposeResult last = null;
    int proposed = 0;
    for (int i = 1; i <= 200; i++) {
      ProposeResult r = c.peer(leader).propose(PeerTest.draft(i));
      if (r.outcome() != ProposeResult.Outcome.PROPOSED) {
        assertThat(r.outcome()).isEqualTo(ProposeResult.Outcome.BUSY);
        break;
      }
      last = r;
      proposed++;
      c.settle();
    }
    assertThat(last).isNotNull();
    assertThat(Zxid.counter(last.zxid())).isEqualTo(PeerConfig.COUNTER_MAX);
    assertThat(proposed).isEqualTo(100);
    assertThat(c.applied.get(1L)).hasSize(100); // everything proposed so far committed

    c.hold = e -> false;
    c.release();
    ProposeResult next = c.peer(leader).propose(PeerTest.draft(1000));
    c.settle();
    assertThat(next.zxid()).isEqualTo(Zxid.of(2, NEAR_END + 1));
    assertThat(c.applied.get(1L)).hasSize(101);
    assertThat(c.peer(leader).status().epoch()).isEqualTo(2);
  }
}
