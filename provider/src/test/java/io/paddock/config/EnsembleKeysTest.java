package io.paddock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.PeerType;
import io.paddock.quorum.config.ServerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ensemble keys: from a file (with the myid file), from the builder, and what is refused. */
class EnsembleKeysTest {

  private static final String THREE =
      """
      dataDir=/d
      server.1=127.0.0.1:2888:3888
      server.2=127.0.0.2:2888:3888;2182
      server.3=[::1]:2889:3889:participant;127.0.0.1:2183
      """;

  private static ConfigException rejected(String text, String myidFile) {
    try {
      ZooCfg.parse("zoo.cfg", text, dir -> myidFile);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("accepted:\n" + text);
  }

  @Test
  void withoutServerLinesTheServerIsStandaloneWithTheDefaults() {
    ServerConfig c = ZooCfg.parse("zoo.cfg", "dataDir=/d\n").config();

    assertThat(c.ensemble().standalone()).isTrue();
    assertThat(c.ensemble().initLimitTicks()).isEqualTo(10);
    assertThat(c.ensemble().syncLimitTicks()).isEqualTo(5);
    assertThat(c.leaderServes()).isTrue();
    assertThat(c.quorumTickMs()).isEqualTo(50);
    assertThat(c.serverId()).as("the old default").isEqualTo(1);
    assertThat(c.ensembleWarnings()).isEmpty();
  }

  @Test
  void aFullEnsembleFromTheFileAndTheMyidFileInDataDir(@TempDir Path dir) throws Exception {
    Path dataDir = Files.createDirectory(dir.resolve("data"));
    Files.writeString(dataDir.resolve("myid"), "2\n", StandardCharsets.UTF_8);
    Path cfg = dir.resolve("zoo.cfg");
    Files.writeString(
        cfg,
        THREE.replace("dataDir=/d", "dataDir=" + dataDir)
            + "initLimit=20\nsyncLimit=4\nleaderServes=no\nquorum.tickMs=100\npeerType=participant\n",
        StandardCharsets.UTF_8);

    ZooCfg.Loaded loaded = ZooCfg.load(cfg);
    ServerConfig c = loaded.config();

    assertThat(loaded.warnings()).isEmpty();
    EnsembleConfig e = c.ensemble();
    assertThat(e.standalone()).isFalse();
    assertThat(e.myId()).isEqualTo(2);
    assertThat(e.initLimitTicks()).isEqualTo(20);
    assertThat(e.syncLimitTicks()).isEqualTo(4);
    assertThat(e.me())
        .isEqualTo(new ServerSpec(2, "127.0.0.2", 2888, 3888, PeerType.PARTICIPANT, null, 2182));
    assertThat(e.servers().get(2).host()).isEqualTo("::1");
    assertThat(c.leaderServes()).isFalse();
    assertThat(c.quorumTickMs()).isEqualTo(100);
    assertThat(c.serverId()).as("session ids carry the myid").isEqualTo(2);
    // initLimit stays in tickTime units: 20 × 2000 ms = 400 ticks of 100 ms.
    assertThat(c.quorumTicks(e.initLimitTicks())).isEqualTo(400);
    assertThat(c.describe())
        .containsEntry("server.3", "[::1]:2889:3889:participant;127.0.0.1:2183")
        .containsEntry("myid", "2")
        .containsEntry("leaderServes", "false");
    ServerConfig rebuilt = c.toBuilder().build();
    assertThat(rebuilt.ensemble()).as("the myid survives without the file").isEqualTo(e);
    assertThat(rebuilt.describe()).isEqualTo(c.describe());
  }

  @Test
  void quorumTicksRoundUpSoALimitIsNeverShorterThanConfigured() {
    ServerConfig c = ServerConfig.builder(Path.of("/d")).tickTimeMs(100).quorumTickMs(30).build();
    assertThat(c.quorumTicks(1)).isEqualTo(4); // 100 ms needs 4 ticks of 30 ms
    ServerConfig shortTick = ServerConfig.builder(Path.of("/d")).tickTimeMs(20).build();
    assertThat(shortTick.quorumTickMs()).as("unset: capped at tickTime").isEqualTo(20);
  }

  @Test
  void duplicateIdsAreRefusedNamingTheLine() {
    ConfigException e = rejected(THREE + "server.02=127.0.0.9:2888:3888\n", "1");
    assertThat(e.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .matches("zoo\\.cfg:[35]: server\\.0?2=127\\.0\\.0\\.[29]:2888:3888.*")
                    .contains("duplicate server id 2"));
  }

  @Test
  void aMissingMyidIsRefused() {
    assertThat(rejected(THREE, null).problems())
        .containsExactly(
            "zoo.cfg: myid is missing: with server.N lines each server needs its own id, in the"
                + " myid file of its dataDir (or a myid key)");
  }

  @Test
  void aMyidNotInTheServerListIsRefused() {
    assertThat(rejected(THREE, "7").problems())
        .containsExactly("zoo.cfg: myid 7 is not among the configured servers [1, 2, 3]");
    assertThat(rejected(THREE + "myid=9\n", null).problems())
        .containsExactly("zoo.cfg: myid 9 is not among the configured servers [1, 2, 3]");
  }

  @Test
  void aMyidKeyDisagreeingWithTheFileIsRefusedNamingTheLine() {
    assertThat(rejected(THREE + "myid=3\n", "2").problems())
        .containsExactly("zoo.cfg:5: myid=3 disagrees with the myid file, which says 2");
  }

  @Test
  void aPeerTypeDisagreeingWithTheServerLineIsRefused() {
    assertThat(rejected(THREE + "peerType=observer\n", "1").problems())
        .containsExactly(
            "zoo.cfg:5: peerType=observer: disagrees with server.1, which says participant");
  }

  @Test
  void badValuesOfTheNewKeysAreNamedWithTheirLine() {
    assertThat(
            rejected(
                    """
                    dataDir=/d
                    initLimit=0
                    leaderServes=maybe
                    peerType=leader
                    myid=x
                    """,
                    null)
                .problems())
        .containsExactly(
            "zoo.cfg:2: initLimit=0: must be between 1 and 1000000",
            "zoo.cfg:3: leaderServes=maybe: must be yes or no",
            "zoo.cfg:4: peerType=leader: must be participant or observer",
            "zoo.cfg:5: myid=x: not an integer");
    assertThat(rejected("dataDir=/d\ntickTime=100\nquorum.tickMs=200\n", null).problems())
        .containsExactly("zoo.cfg:3: quorum.tickMs=200: greater than tickTime (100 ms)");
    assertThat(rejected("dataDir=/d\nserver.x=a:1:2\n", null).problems())
        .startsWith(
            "zoo.cfg:2: server.x=a:1:2: the server id must be a number from 1 to 4278190080");
  }

  @Test
  void anEvenNumberOfParticipantsIsAWarning() {
    ZooCfg.Loaded loaded =
        ZooCfg.parse(
            "zoo.cfg", THREE + "server.4=127.0.0.4:2888:3888\nserver.5=h:1:2:observer\n", d -> "4");

    assertThat(loaded.config().ensemble().servers())
        .filteredOn(s -> s.type() == PeerType.PARTICIPANT)
        .hasSize(4);
    assertThat(loaded.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly(
            "zoo.cfg: 4 participants tolerate no more failures than 3 would (1); an odd number is"
                + " better");
    assertThat(loaded.config().ensembleWarnings()).hasSize(1);
  }

  @Test
  void theBuilderTakesAnEnsembleAndChecksItLikeAFile() {
    EnsembleConfig ensemble =
        new EnsembleConfig(
            3,
            List.of(
                new ServerSpec(1, "127.0.0.1", 2888, 3888, PeerType.PARTICIPANT, null, -1),
                new ServerSpec(2, "127.0.0.2", 2888, 3888, PeerType.PARTICIPANT, null, 2182),
                new ServerSpec(3, "::1", 2889, 3889, PeerType.OBSERVER, "::1", 2183)),
            7,
            3);

    ServerConfig c = ServerConfig.builder(Path.of("/d")).ensemble(ensemble).build();

    assertThat(c.ensemble()).isEqualTo(ensemble);
    assertThat(c.ensembleWarnings()).as("two participants").hasSize(1);
    assertThat(c.get(ConfigKeys.INIT_LIMIT)).isEqualTo(7);
    assertThat(ServerConfig.builder(Path.of("/d")).ensemble(c.ensemble()).build()).isEqualTo(c);

    ServerConfig.Builder notAMember =
        ServerConfig.builder(Path.of("/d"))
            .ensemble(new EnsembleConfig(9, ensemble.servers(), 7, 3));
    assertThatThrownBy(notAMember::build)
        .isInstanceOf(ConfigException.class)
        .hasMessage("myid 9 is not among the configured servers [1, 2, 3]");
    assertThatThrownBy(
            () ->
                ServerConfig.builder(Path.of("/d"))
                    .server(1, "a:1:2")
                    .server(2, "a:1:2")
                    .myId(1)
                    .build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("both use a:1");
    ServerConfig standalone =
        ServerConfig.builder(Path.of("/d"))
            .ensemble(ServerConfig.builder(Path.of("/d")).build().ensemble())
            .build();
    assertThat(standalone.ensemble().standalone()).isTrue();
  }

  @Test
  void aMyidAbove254NeedsAnExplicitServerId() {
    String text = "dataDir=/d\nserver.300=a:1:2\nmyid=300\n";
    assertThat(rejected(text, null).problems())
        .containsExactly(
            "zoo.cfg:3: myid=300: above 254: set serverId (1..254, unique in the ensemble) for the"
                + " session ids");
    ServerConfig c = ZooCfg.parse("zoo.cfg", text + "serverId=5\n", d -> null).config();
    assertThat(c.serverId()).isEqualTo(5);
  }

  @Test
  void theServerKeyIsDeclaredButNotFoundByName() {
    assertThat(ConfigKeys.DYNAMIC).containsExactly(ConfigKeys.SERVER);
    assertThat(ConfigKeys.byName("server.N")).isEmpty();
    assertThat(ConfigKeys.isServerKey("server.12")).isTrue();
    assertThat(ConfigKeys.SERVER.doc()).contains("host:quorumPort:electionPort");
    assertThat(ConfigKeys.QUORUM_TICK_MS.unit()).isEqualTo("ms");
    assertThat(ConfigKeys.INIT_LIMIT.unit()).isEqualTo("ticks");
  }
}
