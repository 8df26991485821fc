package io.paddock.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.config.ConfigException;
import io.paddock.config.ConfigKeys;
import io.paddock.config.FourLetterWords;
import io.paddock.config.ServerConfig;
import io.paddock.quorum.config.PeerType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

  @Test
  void stringValuesAsInACfgFileMapOntoTheTypedConfig() {
    ServerConfig c =
        ServerProperties.parse(
                "test",
                Map.of(
                    "dataDir", "/var/paddock",
                    "clientPort", "21810",
                    "tickTime", "500",
                    "jute.maxbuffer", "4096",
                    "4lw.commands.whitelist", "ruok, srvr"))
            .config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/paddock"));
    assertThat(c.clientPort()).isEqualTo(21810);
    assertThat(c.tickTimeMs()).isEqualTo(500);
    assertThat(c.juteMaxBufferBytes()).isEqualTo(4096);
    assertThat(c.fourLetterWords()).isEqualTo(FourLetterWords.parse("ruok,srvr"));
    assertThat(c.isSet(ConfigKeys.MAX_CLIENT_CNXNS)).isFalse();
  }

  @Test
  void typedValuesFromAConsoleAreAcceptedToo() {
    Map<String, Object> props = new HashMap<>();
    props.put("dataDir", "/d");
    props.put("clientPort", 0);
    props.put("znode.container.checkIntervalMs", 250L);
    props.put("4lw.commands.whitelist", new String[] {"ruok", "mntr"});
    props.put("superDigest", null); // absent
    ServerConfig c = ServerProperties.parse("test", props).config();
    assertThat(c.clientPort()).isZero();
    assertThat(c.containerCheckIntervalMs()).isEqualTo(250L);
    assertThat(c.fourLetterWords().enabled()).containsExactlyInAnyOrder("ruok", "mntr");
    assertThat(c.superDigest()).isEmpty();
    assertThat(ServerProperties.asText(List.of("a", "b"))).isEqualTo("a,b");
    assertThat(ServerProperties.asText(new int[] {1, 2})).isEqualTo("1,2");
  }

  @Test
  void pathsWithPropertiesSyntaxCharactersSurviveTheRoundTrip() {
    String odd = "/tmp/a b\\c=d:e#f!g";
    ServerConfig c = ServerProperties.parse("test", Map.of("dataDir", odd)).config();
    assertThat(c.dataDir()).isEqualTo(Path.of(odd));
  }

  @Test
  void unknownKeysAreWarningsNamingTheSource() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("dataDir", "/d");
    props.put("colour", "blue");
    props.put("electionAlg", "3");
    ServerProperties.Parsed parsed =
        ServerProperties.parse("Config Admin io.paddock.server", props);
    assertThat(parsed.warnings())
        .containsExactly(
            "Config Admin io.paddock.server: colour=blue: unknown key, ignored",
            "Config Admin io.paddock.server: electionAlg=3: ZooKeeper key not supported by Paddock"
                + " yet, ignored");
  }

  @Test
  void everyInvalidValueIsReportedWithoutMadeUpLineNumbers() {
    Map<String, Object> props = Map.of("clientPort", "abc", "tickTime", -5);
    assertThatThrownBy(() -> ServerProperties.parse("pid", props))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "pid: clientPort=abc: not an integer",
                        "pid: tickTime=-5: must be between 1 and 3600000",
                        "pid: dataDir: required"));
  }

  @Test
  void tooManyPropertiesAreRefused() {
    Map<String, Object> props = new HashMap<>();
    for (int i = 0; i <= ServerProperties.PROPERTIES_MAX; i++) {
      props.put("k" + i, i);
    }
    assertThatThrownBy(() -> ServerProperties.parse("pid", props))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.toString(ServerProperties.PROPERTIES_MAX));
  }

  @Test
  void ensembleKeysAreAcceptedAsInAFile() {
    Map<String, Object> props = new HashMap<>();
    props.put("dataDir", "/d");
    props.put("server.1", "127.0.0.1:2888:3888");
    props.put("server.2", "127.0.0.2:2888:3888");
    props.put("server.3", "127.0.0.3:2888:3888:observer");
    props.put("myid", 3L);
    props.put("peerType", "observer");
    props.put("initLimit", 4);
    props.put("leaderServes", false);
    props.put("quorum.tickMs", 20);
    ServerProperties.Parsed parsed = ServerProperties.parse("pid", props);
    ServerConfig c = parsed.config();
    assertThat(c.ensemble().myId()).isEqualTo(3);
    assertThat(c.ensemble().me().type()).isEqualTo(PeerType.OBSERVER);
    assertThat(c.ensemble().initLimitTicks()).isEqualTo(4);
    assertThat(c.leaderServes()).isFalse();
    assertThat(c.quorumTickMs()).isEqualTo(20);
    assertThat(parsed.warnings())
        .containsExactly(
            "pid: 2 participants tolerate no more failures than 1 would (0); an odd number is better");

    props.put("myid", 4L);
    assertThatThrownBy(() -> ServerProperties.parse("pid", props))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pid: myid 4 is not among the configured servers [1, 2, 3]");
  }
}
