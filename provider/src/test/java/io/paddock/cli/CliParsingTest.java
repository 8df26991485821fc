package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.Id;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockException;
import io.paddock.api.Perms;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI's pure parts: words, options, launcher arguments, ACL and stat text, quotas. */
class CliParsingTest {

  @Test
  void tokenizerSplitsOnWhitespaceAndKeepsQuotedTextTogether() throws UsageException {
    assertThat(Tokenizer.split("  create   /a  hello  ")).containsExactly("create", "/a", "hello");
    assertThat(Tokenizer.split("set /a \"hello world\""))
        .containsExactly("set", "/a", "hello world");
    assertThat(Tokenizer.split("set /a 'it is'")).containsExactly("set", "/a", "it is");
    assertThat(Tokenizer.split("set /a \"\"")).containsExactly("set", "/a", "");
    assertThat(Tokenizer.split("set /a pre\"fix suf\"fix"))
        .containsExactly("set", "/a", "prefix suffix");
    assertThat(Tokenizer.split("set /a 'say \"hi\"'")).containsExactly("set", "/a", "say \"hi\"");
    assertThat(Tokenizer.split("set /a c:\\dir")).containsExactly("set", "/a", "c:\\dir");
    assertThat(Tokenizer.split("   ")).isEmpty();
  }

  @Test
  void tokenizerRejectsUnterminatedQuotesAndOverlongLines() {
    assertThatThrownBy(() -> Tokenizer.split("set /a \"open"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unterminated \" quote");
    assertThatThrownBy(() -> Tokenizer.split("x".repeat(Tokenizer.LINE_CHARS_MAX + 1)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("line too long");
    assertThatThrownBy(() -> Tokenizer.split("a ".repeat(Tokenizer.WORDS_MAX + 1)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("too many words");
  }

  @Test
  void optionsMayComeAnywhereAndBeBundled() throws UsageException {
    ParsedArgs a = ParsedArgs.parse(List.of("/a", "data", "-s", "-v", "3"), "sv:");
    assertThat(a.has('s')).isTrue();
    assertThat(a.intValue('v', -1)).isEqualTo(3);
    assertThat(a.positional()).containsExactly("/a", "data");

    ParsedArgs bundled = ParsedArgs.parse(List.of("-sw", "/x"), "swR");
    assertThat(bundled.has('s')).isTrue();
    assertThat(bundled.has('w')).isTrue();
    assertThat(bundled.has('R')).isFalse();
    assertThat(bundled.arg(0, null)).isEqualTo("/x");

    ParsedArgs glued = ParsedArgs.parse(List.of("-v7", "/x"), "v:");
    assertThat(glued.intValue('v', -1)).isEqualTo(7);
    assertThat(glued.intValue('q', -1)).isEqualTo(-1);
  }

  @Test
  void negativeNumbersAndWordsAfterDoubleDashArePositional() throws UsageException {
    ParsedArgs a = ParsedArgs.parse(List.of("/counter", "-1"), "sv:");
    assertThat(a.positional()).containsExactly("/counter", "-1");
    ParsedArgs b = ParsedArgs.parse(List.of("-s", "--", "/a", "-s"), "s");
    assertThat(b.positional()).containsExactly("/a", "-s");
    ParsedArgs c = ParsedArgs.parse(List.of("/a", "-"), "s");
    assertThat(c.positional()).containsExactly("/a", "-");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("-x", "/a"), "sw"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unrecognized option: -x");
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("/a", "-v"), "v:"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Missing argument for option: v");
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("-v", "abc", "/a"), "v:").intValue('v', -1))
        .isInstanceOf(UsageException.class)
        .hasMessage("-v expects a number, got: abc");
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("-:"), "v:"))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void commandsCheckTheirArgumentCount() throws UsageException {
    Command ls = CommandTable.find("ls");
    assertThat(ls.parse(List.of("-R", "/")).arg(0, null)).isEqualTo("/");
    assertThatThrownBy(() -> ls.parse(List.of())).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> ls.parse(List.of("/a", "/b"))).isInstanceOf(UsageException.class);
    assertThat(CommandTable.find("LS")).isNull();
    assertThat(CommandTable.names())
        .contains("ls", "ls2", "rmr", "deleteall", "setquota", "addWatch", "redo", "whoami")
        .isSorted();
    assertThat(CommandTable.helpText())
        .contains("\tcreate [-s] [-e] [-c] [-t ttl] path [data] [acl]\n")
        .contains("\tsetAcl [-s] [-v version] [-R] path acl\n");
  }

  @Test
  void launcherOptionsDefaultLikeZkCli() throws UsageException {
    CliOptions none = CliOptions.parse(List.of());
    assertThat(none.connectString()).isEqualTo("127.0.0.1:2181");
    assertThat(none.sessionTimeoutMs()).isEqualTo(30_000);
    assertThat(none.command()).isEmpty();
    assertThat(none.readOnly()).isFalse();

    CliOptions all =
        CliOptions.parse(
            List.of("-server", "h1:1,h2:2/app", "-timeout", "5000", "-r", "get", "-s", "/x"));
    assertThat(all.connectString()).isEqualTo("h1:1,h2:2/app");
    assertThat(all.sessionTimeoutMs()).isEqualTo(5000);
    assertThat(all.readOnly()).isTrue();
    assertThat(all.command()).containsExactly("get", "-s", "/x");
    assertThat(CliOptions.parse(List.of("--help")).help()).isTrue();
  }

  @Test
  void launcherRejectsBadOptions() {
    assertThatThrownBy(() -> CliOptions.parse(List.of("-server")))
        .isInstanceOf(UsageException.class)
        .hasMessage("Missing value for -server");
    assertThatThrownBy(() -> CliOptions.parse(List.of("-timeout", "soon")))
        .isInstanceOf(UsageException.class)
        .hasMessage("-timeout expects a number, got: soon");
    assertThatThrownBy(() -> CliOptions.parse(List.of("-timeout", "0")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("-timeout must be in 1..");
    assertThatThrownBy(() -> CliOptions.parse(List.of("-zap")))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unrecognized option: -zap");
    assertThatThrownBy(() -> CliOptions.parse(List.of("-server", " ")))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void aclTextParsesEverySchemeForm() throws UsageException {
    assertThat(AclText.parse("world:anyone:cdrwa")).containsExactly(new Acl(Perms.ALL, Id.ANYONE));
    assertThat(AclText.parse("digest:user:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=:cdrwa,ip:127.0.0.1:r"))
        .containsExactly(
            new Acl(Perms.ALL, new Id("digest", "user:Jq7wMyA/w2Vd5WIDAKdu4OIIFEQ=")),
            new Acl(Perms.READ, new Id("ip", "127.0.0.1")));
    assertThat(AclText.parse("auth::cdrwa")).containsExactly(new Acl(Perms.ALL, Id.AUTH));
    assertThat(AclText.parse("ip:::1:rw"))
        .containsExactly(new Acl(Perms.READ | Perms.WRITE, new Id("ip", "::1")));
    assertThat(AclText.parse("world:anyone:")).containsExactly(new Acl(0, Id.ANYONE));
    assertThat(AclText.parsePerms("ad")).isEqualTo(Perms.ADMIN | Perms.DELETE);
  }

  @Test
  void aclTextRejectsMalformedEntriesInZkCliWords() {
    assertThatThrownBy(() -> AclText.parse("bad:acl"))
        .isInstanceOf(UsageException.class)
        .hasMessage("bad:acl does not have the form scheme:id:perm");
    assertThatThrownBy(() -> AclText.parse("world:anyone:rx"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Unknown perm type: x");
    assertThatThrownBy(() -> AclText.parse(":anyone:r")).isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> AclText.parse("world:anyone:r,")).isInstanceOf(UsageException.class);
  }

  @Test
  void aclRendersAsZkCliPrintsIt() throws UsageException {
    List<Acl> acl = AclText.parse("world:anyone:cdrwa,ip:10.0.0.0/8:r");
    assertThat(AclText.render(acl)).isEqualTo("'world,'anyone\n: cdrwa\n'ip,'10.0.0.0/8\n: r\n");
    assertThat(AclText.toText(acl.get(1))).isEqualTo("ip:10.0.0.0/8:r");
    assertThat(AclText.parse(AclText.toText(acl.get(0)))).containsExactly(acl.get(0));
  }

  @Test
  void statRendersZkCliLinesWithHexZxidsAndDates() {
    Stat stat = new Stat(0x2a, 0x2b, 0, 86_400_000L, 3, 4, 5, 0x1000abcL, 6, 7, 0x2c);
    assertThat(StatText.render(stat, ZoneId.of("UTC")))
        .isEqualTo(
            """
            cZxid = 0x2a
            ctime = Thu Jan 01 00:00:00 UTC 1970
            mZxid = 0x2b
            mtime = Fri Jan 02 00:00:00 UTC 1970
            pZxid = 0x2c
            cversion = 4
            dataVersion = 3
            aclVersion = 5
            ephemeralOwner = 0x1000abc
            dataLength = 6
            numChildren = 7
            """);
  }

  @Test
  void createFlagsMapToModesAndBadCombinationsAreRejected() throws UsageException {
    assertThat(mode()).isEqualTo(CreateMode.PERSISTENT);
    assertThat(mode("-s")).isEqualTo(CreateMode.PERSISTENT_SEQUENTIAL);
    assertThat(mode("-e")).isEqualTo(CreateMode.EPHEMERAL);
    assertThat(mode("-s", "-e")).isEqualTo(CreateMode.EPHEMERAL_SEQUENTIAL);
    assertThat(mode("-c")).isEqualTo(CreateMode.CONTAINER);
    assertThat(mode("-t", "10")).isEqualTo(CreateMode.PERSISTENT_WITH_TTL);
    assertThat(mode("-s", "-t", "10")).isEqualTo(CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL);
    assertThatThrownBy(() -> mode("-c", "-e")).hasMessageContaining("-c cannot be combined");
    assertThatThrownBy(() -> mode("-e", "-t", "5"))
        .hasMessage("TTLs cannot be used with Ephemeral znodes");
    assertThatThrownBy(() -> mode("-c", "-t", "5"))
        .hasMessage("TTLs cannot be used with Container znodes");
  }

  private static CreateMode mode(String... flags) throws UsageException {
    List<String> words = new ArrayList<>(List.of(flags));
    words.add("/x");
    return NodeCommands.createMode(ParsedArgs.parse(words, "sect:"));
  }

  @Test
  void quotaTextReadsEveryZkCliVersionAndWritesTheDocumentedForm() {
    assertThat(QuotaCommands.parse("count=5,bytes=-1".getBytes(StandardCharsets.UTF_8)))
        .containsExactly(Map.entry("count", "5"), Map.entry("bytes", "-1"));
    // ZooKeeper 3.9's zkCli writes this (sic); the limits must still be understood.
    Map<String, String> zk39 =
        QuotaCommands.parse(
            "count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=7".getBytes(StandardCharsets.UTF_8));
    assertThat(zk39).containsEntry("count", "5").containsEntry("countHardLimit", "7");
    assertThat(new String(QuotaCommands.format(zk39), StandardCharsets.UTF_8))
        .isEqualTo("count=5,bytes=-1;countHardLimit=7");
    assertThat(QuotaCommands.parse(null)).containsEntry("count", "-1").containsEntry("bytes", "-1");
    assertThat(QuotaCommands.limitsNode("/app/x"))
        .isEqualTo("/zookeeper/quota/app/x/zookeeper_limits");
    assertThat(QuotaCommands.statsNode("/app")).isEqualTo("/zookeeper/quota/app/zookeeper_stats");
  }

  @Test
  void historyNumbersLinesAndForgetsTheOldest() {
    History h = new History();
    for (int i = 0; i < History.ENTRIES_MAX + 5; i++) {
      assertThat(h.add("cmd " + i)).isEqualTo(i);
    }
    assertThat(h.get(0)).isNull();
    assertThat(h.get(5)).isEqualTo("cmd 5");
    assertThat(h.recent()).hasSize(History.LISTED);
    assertThat(h.recent().get(History.LISTED - 1))
        .isEqualTo(new History.Entry(History.ENTRIES_MAX + 4, "cmd " + (History.ENTRIES_MAX + 4)));
    h.replaceLast(History.ENTRIES_MAX + 4, "redone");
    assertThat(h.get(History.ENTRIES_MAX + 4)).isEqualTo("redone");
    assertThatThrownBy(() -> h.replaceLast(3, "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void errorsUseZkCliWording() {
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.NO_NODE, "/x"), null))
        .isEqualTo("Node does not exist: /x");
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.NODE_EXISTS, "/x"), null))
        .isEqualTo("Node already exists: /x");
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.NOT_EMPTY, "/x"), null))
        .isEqualTo("Node not empty: /x");
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.BAD_VERSION, "/x"), null))
        .isEqualTo("version No is not valid : /x");
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.NO_AUTH, null), "/y"))
        .isEqualTo("Insufficient permission : /y");
    assertThat(ErrorText.of(PaddockException.create(ErrorCode.CONNECTION_LOSS, "/x"), null))
        .isEqualTo("KeeperErrorCode = ConnectionLoss for /x");
    PaddockException bad = PaddockException.create(ErrorCode.BAD_ARGUMENTS, "x");
    bad.initCause(new IllegalArgumentException("invalid path 'x': path must start with '/'"));
    assertThat(ErrorText.of(bad, null)).isEqualTo("invalid path 'x': path must start with '/'");
  }

  @Test
  void watchEventsPrintAsZkCliPrintsThem() {
    WatchedEvent changed =
        new WatchedEvent(EventType.NODE_DATA_CHANGED, KeeperState.SYNC_CONNECTED, "/x", 29);
    assertThat(WatchCommands.eventText(changed))
        .isEqualTo(
            "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/x zxid: 29\n");
    WatchedEvent connected = new WatchedEvent(EventType.NONE, KeeperState.SYNC_CONNECTED, null, -1);
    assertThat(WatchCommands.eventText(connected))
        .contains("WatchedEvent state:SyncConnected type:None path:null zxid: -1");
    assertThat(WatchCommands.typeName(EventType.NODE_CHILDREN_CHANGED))
        .isEqualTo("NodeChildrenChanged");
    assertThat(WatchCommands.typeName(EventType.PERSISTENT_WATCH_REMOVED))
        .isEqualTo("PersistentWatchRemoved");
    assertThat(WatchCommands.stateName(KeeperState.EXPIRED)).isEqualTo("Expired");
    assertThat(Arrays.stream(KeeperState.values()).map(WatchCommands::stateName).distinct())
        .hasSize(KeeperState.values().length);
    assertThat(Arrays.stream(EventType.values()).map(WatchCommands::typeName).distinct())
        .hasSize(EventType.values().length);
  }

  @Test
  void configConnectStringTakesClientAddresses() {
    String config =
        """
        server.1=h1:2888:3888:participant;0.0.0.0:2181
        server.2=h2:2888:3888;10.0.0.2:2182
        server.3=h3:2888:3888;2183
        version=100000000""";
    assertThat(NodeCommands.connectStringOf(config)).isEqualTo("h1:2181,10.0.0.2:2182,h3:2183");
    assertThat(NodeCommands.connectStringOf("")).isEmpty();
  }
}
