package io.paddock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZooCfgTest {

  private static final String DIGEST = "super:D/InIHSb7yEEbrWz8b9l71RjZJU="; // SHA-1 is 20 bytes

  private static ConfigException rejected(String text) {
    try {
      ZooCfg.parse("zoo.cfg", text);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("accepted:\n" + text);
  }

  @Test
  void fullValidFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zoo.cfg");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# a full configuration",
            "tickTime=500",
            "dataDir=/var/lib/paddock",
            "dataLogDir = /fast/log",
            "clientPort: 2281",
            "clientPortAddress 0.0.0.0",
            "maxClientCnxns=0",
            "minSessionTimeout=1500",
            "maxSessionTimeout=90000",
            "jute.maxbuffer=4194304",
            "4lw.commands.whitelist=stat, RUOK ,conf",
            "superDigest=" + DIGEST,
            "serverId=7",
            "globalOutstandingLimit=5000",
            "znode.container.checkIntervalMs=10",
            "znode.container.maxNeverUsedIntervalMs=30000   ",
            "maxWatchesPerSession=1000",
            ""),
        StandardCharsets.UTF_8);

    ZooCfg.Loaded loaded = ZooCfg.load(file);
    ServerConfig c = loaded.config();

    assertThat(loaded.warnings()).isEmpty();
    assertThat(c.tickTimeMs()).isEqualTo(500);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/paddock"));
    assertThat(c.dataLogDir()).isEqualTo(Path.of("/fast/log"));
    assertThat(c.clientPort()).isEqualTo(2281);
    assertThat(c.clientPortAddress()).isEqualTo("0.0.0.0");
    assertThat(c.maxClientCnxns()).isZero();
    assertThat(c.minSessionTimeoutMs()).isEqualTo(1500);
    assertThat(c.maxSessionTimeoutMs()).isEqualTo(90_000);
    assertThat(c.juteMaxBufferBytes()).isEqualTo(4_194_304);
    assertThat(c.fourLetterWords().enabled()).containsExactlyInAnyOrder("stat", "ruok", "conf");
    assertThat(c.superDigest()).hasValue(DIGEST);
    assertThat(c.serverId()).isEqualTo(7);
    assertThat(c.globalOutstandingLimit()).isEqualTo(5000);
    assertThat(c.containerCheckIntervalMs()).isEqualTo(10);
    assertThat(c.containerMaxNeverUsedIntervalMs()).isEqualTo(30_000);
    assertThat(c.maxWatchesPerSession()).isEqualTo(1000);
    assertThat(c.describe()).containsEntry("superDigest", "********");
  }

  @Test
  void minimalFileGetsDefaults() {
    ServerConfig c = ZooCfg.parse("zoo.cfg", "dataDir=/d\n").config();
    assertThat(c).isEqualTo(ServerConfig.builder(Path.of("/d")).build());
    assertThat(c.tickTimeMs()).isEqualTo(2000);
    assertThat(c.dataLogDir()).isEqualTo(Path.of("/d"));
    assertThat(c.clientPort()).isEqualTo(2181);
    assertThat(c.clientPortAddress()).isEqualTo("127.0.0.1");
    assertThat(c.maxClientCnxns()).isEqualTo(60);
    assertThat(c.minSessionTimeoutMs()).isEqualTo(4000);
    assertThat(c.maxSessionTimeoutMs()).isEqualTo(40_000);
    assertThat(c.juteMaxBufferBytes()).isEqualTo(1_048_575);
    assertThat(c.fourLetterWords()).isEqualTo(FourLetterWords.DEFAULT);
    assertThat(c.superDigest()).isEmpty();
    assertThat(c.serverId()).isEqualTo(1);
    assertThat(c.globalOutstandingLimit()).isEqualTo(1000);
    assertThat(c.containerCheckIntervalMs()).isEqualTo(60_000);
    assertThat(c.containerMaxNeverUsedIntervalMs()).isZero();
    assertThat(c.maxWatchesPerSession()).isEqualTo(1_000_000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "clientPort=abc | zoo.cfg:2: clientPort=abc: not an integer",
        "clientPort=-1 | zoo.cfg:2: clientPort=-1: must be between 0 and 65535",
        "clientPort=65536 | zoo.cfg:2: clientPort=65536: must be between 0 and 65535",
        "clientPort= | zoo.cfg:2: clientPort=: not an integer",
        "tickTime=0 | zoo.cfg:2: tickTime=0: must be between 1 and 3600000",
        "tickTime=2.5 | zoo.cfg:2: tickTime=2.5: not an integer",
        "maxClientCnxns=-3 | zoo.cfg:2: maxClientCnxns=-3: must be between 0 and 1000000",
        "minSessionTimeout=0 | zoo.cfg:2: minSessionTimeout=0: must be -1 (derive from tickTime) or > 0",
        "minSessionTimeout=50000 | zoo.cfg:2: minSessionTimeout=50000: greater than maxSessionTimeout (40000 ms)",
        "maxSessionTimeout=3000 | zoo.cfg:2: maxSessionTimeout=3000: less than minSessionTimeout (4000 ms)",
        "jute.maxbuffer=0 | zoo.cfg:2: jute.maxbuffer=0: must be >= 1",
        "jute.maxbuffer=99999999999 | zoo.cfg:2: jute.maxbuffer=99999999999: not an integer",
        "serverId=255 | zoo.cfg:2: serverId=255: must be between 0 and 254",
        "globalOutstandingLimit=0 | zoo.cfg:2: globalOutstandingLimit=0: must be between 1 and 1000000",
        "znode.container.checkIntervalMs=0 | zoo.cfg:2: znode.container.checkIntervalMs=0: must be >= 1",
        "znode.container.maxNeverUsedIntervalMs=-1 | zoo.cfg:2: znode.container.maxNeverUsedIntervalMs=-1: must be >= 0",
        "maxWatchesPerSession=0 | zoo.cfg:2: maxWatchesPerSession=0: must be >= 1",
        "clientPortAddress=not an address! | zoo.cfg:2: clientPortAddress=not an address!: not an IP address or host name",
        "superDigest=nocolon | zoo.cfg:2: superDigest=nocolon: must be user:base64(SHA-1(user:password))",
        "dataLogDir= | zoo.cfg:2: dataLogDir=: must not be empty",
        "key\\u12=x | zoo.cfg:2: key\\u12=x: malformed \\uXXXX escape",
      })
  void eachInvalidValueIsNamedWithFileLineKeyValueAndReason(String line, String message) {
    ConfigException e = rejected("dataDir=/d\n" + line + "\n");
    assertThat(e.problems()).containsExactly(message);
    assertThat(e).hasMessage(message);
  }

  @Test
  void unknownFourLetterWordListsTheKnownOnes() {
    assertThat(rejected("dataDir=/d\n4lw.commands.whitelist=srvr,xyzw\n"))
        .hasMessage(
            "zoo.cfg:2: 4lw.commands.whitelist=srvr,xyzw: unknown four-letter word 'xyzw' (known:"
                + " conf,cons,crst,dirs,dump,envi,gtmk,hash,isro,mntr,ruok,srst,srvr,stat,stmk,"
                + "wchc,wchp,wchs)");
  }

  @Test
  void missingDataDir() {
    assertThat(rejected("clientPort=2181\n")).hasMessage("zoo.cfg: dataDir: required");
  }

  @Test
  void allErrorsAreCollectedInFileOrder() {
    ConfigException e =
        rejected(
            """
            clientPort=abc
            tickTime=-5
            # fine
            serverId=300
            bogus=1
            """);
    assertThat(e.problems())
        .containsExactly(
            "zoo.cfg:1: clientPort=abc: not an integer",
            "zoo.cfg:2: tickTime=-5: must be between 1 and 3600000",
            "zoo.cfg:4: serverId=300: must be between 0 and 254",
            "zoo.cfg: dataDir: required");
  }

  @Test
  void unknownAndUnsupportedKeysAreWarningsWithLineNumbers() {
    ZooCfg.Loaded loaded =
        ZooCfg.parse(
            "conf/zoo.cfg",
            """
            dataDir=/d
            electionAlg=3
            group.1=1:2:3
            clientPrt=2181
            clientPort=2182
            clientPort=2183
            """);
    assertThat(loaded.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly(
            "conf/zoo.cfg:2: electionAlg=3: ZooKeeper key not supported by Paddock yet, ignored",
            "conf/zoo.cfg:3: group.1=1:2:3: ZooKeeper key not supported by Paddock yet, ignored",
            "conf/zoo.cfg:4: clientPrt=2181: unknown key, ignored",
            "conf/zoo.cfg:6: clientPort=2183: repeats line 5; the later value wins");
    assertThat(loaded.warnings().get(2).line()).isEqualTo(4);
    assertThat(loaded.config().clientPort()).isEqualTo(2183);
  }

  @Test
  void propertiesSyntax() {
    ZooCfg.Loaded loaded =
        ZooCfg.parse(
            "zoo.cfg",
            String.join(
                "\r\n",
                "  # indented comment",
                "! bang comment",
                "",
                "dataDir=/data/with\\",
                "    /continuation",
                "4lw.commands.whitelist = srvr,\\",
                "   ruok",
                "clientPortAddress\t:\t::1",
                "tickTime 1000 ",
                "superDigest=super\\:D/InIHSb7yEEbrWz8b9l71RjZJU\\u003d",
                "unknown\\ key=line 11"));
    ServerConfig c = loaded.config();
    assertThat(c.dataDir()).isEqualTo(Path.of("/data/with/continuation"));
    assertThat(c.fourLetterWords().enabled()).containsExactlyInAnyOrder("srvr", "ruok");
    assertThat(c.clientPortAddress()).isEqualTo("::1");
    assertThat(c.tickTimeMs()).isEqualTo(1000);
    assertThat(c.superDigest()).hasValue(DIGEST);
    assertThat(loaded.warnings()).extracting(ConfigWarning::line).containsExactly(11);
    assertThat(loaded.warnings()).extracting(ConfigWarning::key).containsExactly("unknown key");
  }

  @Test
  void environmentAndSystemPropertyVariablesAreResolved() {
    String env = System.getenv().keySet().stream().sorted().findFirst().orElseThrow();
    String property = "paddock.test." + ZooCfgTest.class.getSimpleName() + ".port";
    System.setProperty(property, "2345");
    try {
      ZooCfg.Loaded loaded =
          ZooCfg.parse(
              "zoo.cfg",
              "dataDir=/d/${env:"
                  + env
                  + "}\n"
                  + "clientPort=${sys:"
                  + property
                  + "}\n"
                  + "dataLogDir=${dataDir}/log\n"
                  + "superDigest=$${not.a.variable}\n");
      ServerConfig c = loaded.config();
      assertThat(c.dataDir()).isEqualTo(Path.of("/d/" + System.getenv(env)));
      assertThat(c.clientPort()).isEqualTo(2345);
      assertThat(c.dataLogDir()).isEqualTo(Path.of("/d/" + System.getenv(env) + "/log"));
    } catch (ConfigException e) {
      // superDigest=${not.a.variable} is not a digest: the escape produced the literal text.
      assertThat(e.problems())
          .containsExactly(
              "zoo.cfg:4: superDigest=$${not.a.variable} (= ${not.a.variable}): must be"
                  + " user:base64(SHA-1(user:password))");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void undefinedOrBadVariablesAreErrorsNamingLineAndKey() {
    String property = "paddock.test." + ZooCfgTest.class.getSimpleName() + ".bad";
    System.setProperty(property, "abc");
    try {
      assertThat(
              rejected(
                      """
                      dataDir=/d/${env:PADDOCK_SURELY_UNDEFINED_VARIABLE}
                      clientPort=${sys:%s}
                      tickTime=${sys:paddock.surely.undefined}0
                      superDigest=${file:/etc/passwd}
                      """
                          .formatted(property))
                  .problems())
          .containsExactly(
              "zoo.cfg:1: dataDir=/d/${env:PADDOCK_SURELY_UNDEFINED_VARIABLE}: undefined variable"
                  + " ${env:PADDOCK_SURELY_UNDEFINED_VARIABLE}",
              "zoo.cfg:2: clientPort=${sys:%s} (= abc): not an integer".formatted(property),
              "zoo.cfg:3: tickTime=${sys:paddock.surely.undefined}0: undefined variable"
                  + " ${sys:paddock.surely.undefined}",
              "zoo.cfg:4: superDigest=${file:/etc/passwd}: undefined variable"
                  + " ${file:/etc/passwd}");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void includeIsNotFollowed() {
    ZooCfg.Loaded loaded = ZooCfg.parse("zoo.cfg", "dataDir=/d\ninclude=/etc/other.cfg\n");
    assertThat(loaded.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly("zoo.cfg:2: include=/etc/other.cfg: unknown key, ignored");
  }

  @Test
  void fileProblems(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.cfg");
    assertThatThrownBy(() -> ZooCfg.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing + ": cannot read: ")
        .hasMessageContaining("NoSuchFileException");

    Path latin1 = dir.resolve("latin1.cfg");
    Files.write(latin1, new byte[] {'d', 'a', 't', 'a', 'D', 'i', 'r', '=', (byte) 0xe9});
    assertThatThrownBy(() -> ZooCfg.load(latin1)).hasMessage(latin1 + ": not valid UTF-8");

    Path big = dir.resolve("big.cfg");
    Files.write(big, new byte[ZooCfg.FILE_BYTES_MAX + 1]);
    assertThatThrownBy(() -> ZooCfg.load(big))
        .hasMessage(big + ": 1048577 bytes, more than the 1048576 allowed");
  }

  @Test
  void fourLetterWordsDefaultAndStar() {
    assertThat(FourLetterWords.DEFAULT.isEnabled("srvr")).isTrue();
    assertThat(FourLetterWords.DEFAULT.isEnabled("ruok")).isTrue();
    assertThat(FourLetterWords.DEFAULT.isEnabled("wchc")).isFalse();
    assertThat(FourLetterWords.DEFAULT.isEnabled("conf")).isFalse();
    assertThat(FourLetterWords.parse(" * ")).isEqualTo(FourLetterWords.ALL);
    assertThat(FourLetterWords.ALL).hasToString("*");
    assertThat(FourLetterWords.parse("")).isEqualTo(new FourLetterWords(java.util.Set.of()));
    assertThat(ZooCfg.parse("zoo.cfg", "dataDir=/d\n4lw.commands.whitelist=*").config())
        .extracting(ServerConfig::fourLetterWords)
        .isEqualTo(FourLetterWords.ALL);
    assertThat(List.of(FourLetterWords.DEFAULT.toString()))
        .containsExactly("isro,mntr,ruok,srvr,wchs");
  }
}
