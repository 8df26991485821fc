package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.admin.QuorumFigures;
import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.PeerType;
import io.paddock.quorum.config.ServerSpec;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicationFiguresTest {
  private static final EnsembleConfig ENSEMBLE =
      new EnsembleConfig(
          2,
          List.of(
              new ServerSpec(1, "10.0.0.1", 2888, 3888, PeerType.PARTICIPANT, null, -1),
              new ServerSpec(2, "::1", 2889, 3889, PeerType.PARTICIPANT, "0.0.0.0", 2182),
              new ServerSpec(3, "10.0.0.3", 2890, 3890, PeerType.OBSERVER, null, 2183)),
          10,
          5);

  @Test
  void theVotingViewListsParticipantsInZooCfgSyntax() {
    assertThat(ReplicationFigures.votingView(ENSEMBLE))
        .containsExactly(
            Map.entry(1L, "10.0.0.1:2888:3888:participant"),
            Map.entry(2L, "[::1]:2889:3889:participant;0.0.0.0:2182"));
  }

  @Test
  void commitLatencyIsTimedFromAppendToCommitOncePerZxid() {
    ReplicationFigures f = new ReplicationFigures(ENSEMBLE);
    f.appended(0x1_0000_0001L, 1_000);
    f.appended(0x1_0000_0002L, 2_000);
    f.committed(0x1_0000_0001L, 5_001_000); // 5 ms
    f.committed(0x1_0000_0001L, 9_000_000); // a repeat is not timed again
    f.committed(0x1_0000_0003L, 9_000_000); // never appended here: not timed
    QuorumFigures q = f.figures(new PeerStatus(Role.FOLLOWING, 1, 1, true, 0));
    assertThat(q.proposals()).isEqualTo(2);
    assertThat(q.commitLatency().count()).isEqualTo(1);
    assertThat(q.commitLatency().sumSeconds()).isEqualTo(0.005);
    assertThat(q.leaderId()).isEqualTo(1);
    assertThat(q.leaderHost()).isEqualTo("10.0.0.1");
    assertThat(q.learners()).isEmpty();
  }

  @Test
  void aSlotReusedBeforeItsCommitIsNotTimedAgainstTheWrongZxid() {
    ReplicationFigures f = new ReplicationFigures(ENSEMBLE);
    long first = 0x1_0000_0001L;
    f.appended(first, 0);
    f.appended(first + ReplicationFigures.SLOTS, 10); // same slot, more in flight than slots
    f.committed(first, 1_000_000_000);
    QuorumFigures q = f.figures(PeerStatus.looking());
    assertThat(q.commitLatency().count()).isZero();
    assertThat(q.leaderId()).isEqualTo(-1);
    assertThat(q.leaderHost()).isNull();
  }
}
