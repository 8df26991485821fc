package io.paddock.quorum.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsembleConfigParserTest {
  private static Map<String, String> three() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("tickTime", "2000");
    p.put("initLimit", "10");
    p.put("syncLimit", "5");
    p.put("server.1", "zk1.example:2888:3888");
    p.put("server.2", "zk2.example:2888:3888;2181");
    p.put("server.3", "[::1]:2889:3889:participant;127.0.0.1:2182");
    return p;
  }

  private static List<String> errors(Map<String, String> p, String myidFile) {
    try {
      EnsembleConfigParser.parse(p, myidFile);
    } catch (EnsembleConfigException e) {
      return e.errors();
    }
    throw new AssertionError("expected errors for " + p);
  }

  @Test
  void parsesTheClassicKeys() throws Exception {
    Map<String, String> p = three();
    p.put("server.4", "zk4.example:2888:3888:observer");

    EnsembleConfigParser.Parsed parsed = EnsembleConfigParser.parse(p, "2\n");

    EnsembleConfig c = parsed.config();
    assertThat(c.myId()).isEqualTo(2);
    assertThat(c.initLimitTicks()).isEqualTo(10);
    assertThat(c.syncLimitTicks()).isEqualTo(5);
    assertThat(c.servers()).hasSize(4);
    assertThat(c.me())
        .isEqualTo(new ServerSpec(2, "zk2.example", 2888, 3888, PeerType.PARTICIPANT, null, 2181));
    assertThat(c.servers().get(2))
        .isEqualTo(new ServerSpec(3, "::1", 2889, 3889, PeerType.PARTICIPANT, "127.0.0.1", 2182));
    assertThat(c.servers().stream().filter(s -> s.type() == PeerType.PARTICIPANT))
        .extracting(ServerSpec::id)
        .containsExactly(1L, 2L, 3L);
    assertThat(c.servers().stream().filter(s -> s.type() == PeerType.OBSERVER))
        .extracting(ServerSpec::id)
        .containsExactly(4L);
    assertThat(parsed.warnings()).isEmpty();
  }

  @Test
  void aStandaloneServerNeedsNoEnsembleKeys() throws Exception {
    EnsembleConfig c = EnsembleConfigParser.parse(Map.of("clientPort", "2181")).config();

    assertThat(c.standalone()).isTrue();
    assertThat(c.servers()).isEmpty();
    assertThat(c.initLimitTicks()).isEqualTo(EnsembleConfigParser.INIT_LIMIT_DEFAULT);
  }

  @Test
  void duplicateIdsAreErrors() {
    Map<String, String> p = three();
    p.put("server.01", "zk5.example:2888:3888");

    assertThat(errors(p, "1")).anyMatch(e -> e.contains("duplicate server id 1"));
  }

  @Test
  void aMissingMyidIsAnError() {
    assertThat(errors(three(), null)).anyMatch(e -> e.startsWith("myid is missing"));
  }

  @Test
  void aMyidOutsideTheListIsAnError() {
    assertThat(errors(three(), "7"))
        .containsExactly("myid 7 is not among the configured servers [1, 2, 3]");
  }

  @Test
  void myidKeyAndFileMustAgree() {
    Map<String, String> p = three();
    p.put("myid", "1");
    assertThat(errors(p, "2")).anyMatch(e -> e.contains("disagrees with the myid file"));
  }

  @Test
  void anEvenNumberOfParticipantsIsAWarning() throws Exception {
    Map<String, String> p = three();
    p.put("server.4", "zk4.example:2888:3888");

    EnsembleConfigParser.Parsed parsed = EnsembleConfigParser.parse(p, "1");

    assertThat(parsed.warnings())
        .containsExactly(
            "4 participants tolerate no more failures than 3 would (1); an odd number is better");
  }

  @Test
  void everyErrorIsReportedWithItsKeyAndValue() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("server.1", "zk1:2888");
    p.put("server.2", "zk2:70000:3888");
    p.put("server.3", "zk3:2888:3888:voter");
    p.put("server.x", "zk4:2888:3888");
    p.put("server.5", "fe80::1:2888:3888");
    p.put("syncLimit", "0");
    p.put("peerType", "leader");

    List<String> errors = errors(p, "1");

    assertThat(errors)
        .contains(
            "server.1=zk1:2888: expected host:quorumPort:electionPort[:participant|:observer]"
                + "[;[clientHost:]clientPort] (write IPv6 addresses in brackets)",
            "server.2=zk2:70000:3888: quorum port must be a number from 1 to 65535, not '70000'",
            "server.3=zk3:2888:3888:voter: role must be participant or observer, not 'voter'",
            "server.x=zk4:2888:3888: the server id must be a number from 1 to 4278190080",
            "initLimit is not set; an ensemble needs it (in ticks, e.g. initLimit=10)",
            "syncLimit=0: must be a number of ticks from 1 to 1000000",
            "peerType=leader: must be participant or observer");
    assertThat(errors).anyMatch(e -> e.startsWith("server.5=fe80::1:2888:3888: expected"));
  }

  @Test
  void observersOnlyOrSharedEndpointsAreErrors() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("initLimit", "10");
    p.put("syncLimit", "5");
    p.put("server.1", "a:2888:3888:observer");
    p.put("server.2", "a:2888:3889:observer");

    assertThat(errors(p, "1"))
        .contains(
            "servers 1 and 2 both use a:2888",
            "no participants: an ensemble of observers cannot elect a leader");
  }

  @Test
  void aConflictingPeerTypeIsAnError() {
    Map<String, String> p = three();
    p.put("server.4", "zk4.example:2888:3888:observer");
    p.put("peerType", "participant");

    assertThat(errors(p, "4"))
        .containsExactly("peerType=participant: disagrees with server.4, which says observer");
  }

  @Test
  void anAgreeingPeerTypeIsAccepted() throws Exception {
    Map<String, String> p = three();
    p.put("server.4", "zk4.example:2888:3888:observer");
    p.put("peerType", "observer");

    EnsembleConfigParser.Parsed parsed = EnsembleConfigParser.parse(p, "4");

    assertThat(parsed.config().me().type()).isEqualTo(PeerType.OBSERVER);
    assertThat(parsed.warnings()).isEmpty();
  }

  @Test
  void aBadMyidFileIsAnError() {
    assertThatThrownBy(() -> EnsembleConfigParser.parse(three(), "two"))
        .isInstanceOf(EnsembleConfigException.class)
        .hasMessageContaining("myid file 'two': must be a number");
  }
}
