package io.paddock.admin;

import static io.paddock.admin.AdminTestSupport.OPEN;
import static io.paddock.admin.AdminTestSupport.connect;
import static io.paddock.admin.AdminTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.admin.AdminTestSupport.Answer;
import io.paddock.config.ConfigKeys;
import io.paddock.config.FourLetterWords;
import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin server over real HTTP against an in-process server that two official ZooKeeper clients
 * have given sessions, ephemerals and watches: every command's JSON, aliases, errors, and the
 * Prometheus page.
 */
class AdminServerTest {
  /** Every command the admin server must offer, by ZooKeeper's admin name. */
  private static final List<String> COMMANDS =
      List.of(
          "ruok",
          "server_stats",
          "stats",
          "monitor",
          "configuration",
          "connections",
          "environment",
          "watch_summary",
          "watches",
          "watches_by_path",
          "dump",
          "dirs",
          "is_read_only",
          "connection_stat_reset",
          "stat_reset",
          "leader",
          "voting_view",
          "snapshot");

  @TempDir static Path dataDir;
  private static PaddockServer server;
  private static ZooKeeper a;
  private static ZooKeeper b;

  @BeforeAll
  static void start() throws Exception {
    server =
        PaddockServer.start(
            ServerConfig.builder(dataDir)
                .clientPort(0)
                .set(ConfigKeys.ADMIN_ENABLE_SERVER, true)
                .set(ConfigKeys.ADMIN_SERVER_PORT, 0)
                .set(ConfigKeys.FOUR_LETTER_WORDS, FourLetterWords.ALL)
                .build());
    a = connect(server);
    b = connect(server);
    a.create("/app", "v".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
    a.create("/app/e", new byte[0], OPEN, CreateMode.EPHEMERAL);
    b.create("/b-eph", new byte[0], OPEN, CreateMode.EPHEMERAL);
    a.getData("/app", event -> {}, null); // three watches, all held by session a
    a.getChildren("/app", event -> {});
    a.exists("/missing", event -> {});
    Files.write(dataDir.resolve("some-file"), new byte[1234]);
  }

  @AfterAll
  static void stop() throws Exception {
    a.close();
    b.close();
    server.close();
  }

  private static Map<String, Object> ok(String command) throws Exception {
    Answer answer = get(server, "/commands/" + command);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("application/json");
    Map<String, Object> json = MiniJson.object(answer.body());
    assertThat(json).containsEntry("error", null);
    List<String> keys = new ArrayList<>(json.keySet());
    assertThat(keys.subList(keys.size() - 2, keys.size())).containsExactly("command", "error");
    return json;
  }

  private static Object field(Map<String, Object> json, String key) {
    assertThat(json).containsKey(key);
    return json.get(key);
  }

  @SuppressWarnings("unchecked") // MiniJson makes JSON objects Map<String, Object>
  private static Map<String, Object> obj(Map<String, Object> json, String key) {
    return (Map<String, Object>) field(json, key);
  }

  @SuppressWarnings("unchecked") // MiniJson makes JSON arrays of objects List<Map<String, Object>>
  private static List<Map<String, Object>> objects(Map<String, Object> json, String key) {
    return (List<Map<String, Object>>) field(json, key);
  }

  private static long num(Map<String, Object> json, String key) {
    return (Long) field(json, key);
  }

  private static String str(Map<String, Object> json, String key) {
    return (String) field(json, key);
  }

  @Test
  void listsEveryCommandWithItsUrl() throws Exception {
    Answer answer = get(server, "/commands");
    assertThat(answer.status()).isEqualTo(200);
    Map<String, Object> json = MiniJson.object(answer.body());
    List<Map<String, Object>> commands = objects(json, "commands");
    assertThat(commands).extracting(c -> c.get("name")).containsExactlyElementsOf(COMMANDS);
    assertThat(commands)
        .allSatisfy(c -> assertThat(c.get("url")).isEqualTo("/commands/" + c.get("name")));
    assertThat(json).containsEntry("error", null);
  }

  @Test
  void everyCommandAnswersWithItsNameAndANullError() throws Exception {
    for (String name : COMMANDS) {
      assertThat(ok(name)).containsEntry("command", name);
    }
  }

  @Test
  void fourLetterWordsAndZooKeeperAliasesNameTheSameCommands() throws Exception {
    Map<String, String> aliases =
        Map.ofEntries(
            Map.entry("srvr", "server_stats"),
            Map.entry("stat", "stats"),
            Map.entry("mntr", "monitor"),
            Map.entry("conf", "configuration"),
            Map.entry("config", "configuration"),
            Map.entry("cons", "connections"),
            Map.entry("envi", "environment"),
            Map.entry("wchs", "watch_summary"),
            Map.entry("wchc", "watches"),
            Map.entry("wchp", "watches_by_path"),
            Map.entry("isro", "is_read_only"),
            Map.entry("crst", "connection_stat_reset"),
            Map.entry("srst", "stat_reset"),
            Map.entry("lead", "leader"));
    for (Map.Entry<String, String> e : aliases.entrySet()) {
      assertThat(ok(e.getKey())).containsEntry("command", e.getValue());
    }
  }

  @Test
  void monitorReportsTheStateTheClientsMade() throws Exception {
    Map<String, Object> m = ok("monitor");
    assertThat(m).containsEntry("server_state", "standalone");
    assertThat(m).containsEntry("ephemerals_count", 2L);
    assertThat(m).containsEntry("watch_count", 3L);
    assertThat(m).containsEntry("global_sessions", 2L);
    assertThat(m).containsEntry("num_alive_connections", 2L);
    // root, /zookeeper, /zookeeper/config, /zookeeper/quota + our three
    assertThat(num(m, "znode_count")).isGreaterThanOrEqualTo(7L);
    assertThat(num(m, "approximate_data_size")).isPositive();
    assertThat(str(m, "version")).contains("Paddock");
  }

  @Test
  void serverStatsAndStatsFollowZooKeepersShape() throws Exception {
    Map<String, Object> srvr = ok("server_stats");
    Map<String, Object> inner = obj(srvr, "server_stats");
    assertThat(inner).containsEntry("server_state", "standalone");
    assertThat(inner).containsEntry("num_alive_client_connections", 2L);
    assertThat(num(inner, "data_dir_size")).isGreaterThanOrEqualTo(1234L);
    assertThat(srvr).containsEntry("read_only", false).doesNotContainKey("connections");
    Map<String, Object> stat = ok("stats");
    List<Map<String, Object>> cons = objects(stat, "connections");
    assertThat(cons).hasSize(2);
    assertThat(cons)
        .allSatisfy(
            c -> assertThat((String) c.get("remote_socket_address")).startsWith("/127.0.0.1:"));
  }

  @Test
  void connectionsNameTheSessions() throws Exception {
    List<Map<String, Object>> cons = objects(ok("connections"), "connections");
    assertThat(cons)
        .extracting(c -> c.get("session_id"))
        .containsExactlyInAnyOrder(a.getSessionId(), b.getSessionId());
    assertThat(cons).allSatisfy(c -> assertThat(c.get("session_timeout")).isEqualTo(10_000L));
  }

  @Test
  void configurationAndEnvironment() throws Exception {
    Map<String, Object> conf = ok("configuration");
    assertThat(conf).containsEntry("client_port", (long) server.clientPort());
    assertThat(conf).containsEntry("data_dir", dataDir.toString());
    assertThat(conf).containsEntry("tick_time", 2000L);
    Map<String, Object> settings = obj(conf, "settings");
    assertThat(settings).containsEntry("admin.enableServer", "true");
    Map<String, Object> env = ok("environment");
    assertThat(env).containsEntry("java.version", System.getProperty("java.version"));
    assertThat(env).containsKey("zookeeper.version");
  }

  @Test
  void watchesListedBySessionAndByPath() throws Exception {
    Map<String, Object> summary = ok("watch_summary");
    assertThat(summary).containsEntry("num_total_watches", 3L);
    assertThat(summary).containsEntry("num_paths", 2L); // /app (data + child) and /missing
    assertThat(summary).containsEntry("num_connections", 1L);
    Map<String, Object> bySession = obj(ok("watches"), "session_id_to_watched_paths");
    assertThat(bySession)
        .containsExactly(Map.entry(Long.toString(a.getSessionId()), List.of("/app", "/missing")));
    Map<String, Object> byPath = obj(ok("watches_by_path"), "path_to_session_ids");
    assertThat(byPath)
        .containsExactly(
            Map.entry("/app", List.of(a.getSessionId())),
            Map.entry("/missing", List.of(a.getSessionId())));
  }

  @Test
  void dumpListsSessionsAndTheirEphemerals() throws Exception {
    Map<String, Object> dump = ok("dump");
    Map<String, Object> ephemerals = obj(dump, "session_id_to_ephemeral_paths");
    assertThat(ephemerals)
        .containsOnly(
            Map.entry(Long.toString(a.getSessionId()), List.of("/app/e")),
            Map.entry(Long.toString(b.getSessionId()), List.of("/b-eph")));
    Map<String, Object> byExpiry = obj(dump, "expiry_time_to_session_ids");
    List<Object> ids = new ArrayList<>();
    byExpiry.values().forEach(v -> ids.addAll((List<?>) v));
    assertThat(ids).containsExactlyInAnyOrder(a.getSessionId(), b.getSessionId());
    long now = System.currentTimeMillis();
    assertThat(byExpiry.keySet())
        .allSatisfy(t -> assertThat(Long.parseLong(t)).isBetween(now - 1_000, now + 30_000));
  }

  @Test
  void dirsReadOnlyLeaderAndVotingView() throws Exception {
    assertThat(num(ok("dirs"), "datadir_size")).isGreaterThanOrEqualTo(1234L);
    assertThat(ok("is_read_only")).containsEntry("read_only", false);
    Map<String, Object> leader = ok("leader");
    assertThat(leader)
        .containsEntry("is_leader", false)
        .containsEntry("server_state", "standalone");
    assertThat(ok("voting_view")).containsEntry("current_config", Map.of());
  }

  @Test
  void snapshotWritesOneAndNamesItsZxid() throws Exception {
    Map<String, Object> json = ok("snapshot");
    assertThat(json).containsEntry("command", "snapshot");
    assertThat(str(json, "last_zxid")).startsWith("0x");
    assertThat(num(json, "snapshot_size")).isPositive();
    try (var files = Files.walk(dataDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anySatisfy(n -> assertThat(n).startsWith("snap-"));
    }
  }

  @Test
  void unknownCommandsPagesAndMethodsAreJsonErrors() throws Exception {
    Answer unknown = get(server, "/commands/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(MiniJson.object(unknown.body()))
        .containsEntry("command", "nope")
        .containsEntry("error", "Unknown command: nope");
    Answer page = get(server, "/elsewhere");
    assertThat(page.status()).isEqualTo(404);
    assertThat((String) MiniJson.object(page.body()).get("error")).contains("/commands");
    Answer delete = AdminTestSupport.send(server, "/commands/ruok", "DELETE");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(MiniJson.object(delete.body()).get("error")).isNotNull();
    Answer post = AdminTestSupport.send(server, "/commands/ruok", "POST");
    assertThat(post.status()).isEqualTo(200);
  }

  @Test
  void statResetAndConnectionStatResetZeroTheirCounters() throws Exception {
    for (int i = 0; i < 30; i++) {
      a.exists("/app", false);
    }
    Map<String, Object> before = obj(ok("server_stats"), "server_stats");
    assertThat((Long) before.get("packets_received")).isGreaterThanOrEqualTo(30L);
    ok("stat_reset");
    Map<String, Object> after = obj(ok("server_stats"), "server_stats");
    // pings may arrive in between, but nowhere near 30 of them
    assertThat((Long) after.get("packets_received")).isLessThan(10L);

    long aBefore = packetsOf(a.getSessionId());
    assertThat(aBefore).isGreaterThanOrEqualTo(30L);
    ok("connection_stat_reset");
    assertThat(packetsOf(a.getSessionId())).isLessThan(10L);
  }

  private static long packetsOf(long sessionId) throws Exception {
    List<Map<String, Object>> cons = objects(ok("connections"), "connections");
    return cons.stream()
        .filter(c -> c.get("session_id").equals(sessionId))
        .map(c -> (Long) c.get("packets_received"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void metricsPageIsPrometheusTextAndCountsGrow() throws Exception {
    Answer first = get(server, "/metrics");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.contentType()).startsWith("text/plain; version=0.0.4");
    PromParser before = PromParser.parse(first.body());
    String getData = "paddock_requests_total{op=\"getData\"}";
    double getDataBefore = before.samples.getOrDefault(getData, 0.0);
    for (int i = 0; i < 25; i++) {
      a.getData("/app", false, null);
    }
    PromParser after = PromParser.parse(get(server, "/metrics").body());
    assertThat(after.value(getData)).isEqualTo(getDataBefore + 25);
    assertThat(after.value("paddock_request_latency_seconds_count{op=\"getData\"}"))
        .isEqualTo(after.value(getData));
    assertThat(after.value("paddock_request_latency_seconds_bucket{op=\"getData\",le=\"+Inf\"}"))
        .isEqualTo(after.value(getData));
    assertThat(after.value("paddock_packets_received_total"))
        .isGreaterThanOrEqualTo(before.value("paddock_packets_received_total") + 25);
    assertThat(after.value("paddock_sessions")).isEqualTo(2);
    assertThat(after.value("paddock_connections")).isEqualTo(2);
    assertThat(after.value("paddock_ephemerals")).isEqualTo(2);
    assertThat(after.value("paddock_watches")).isEqualTo(3);
    assertThat(after.value("paddock_outstanding_requests")).isZero();
    assertThat(after.value("paddock_requests_total{op=\"create\"}")).isEqualTo(3);
    assertThat(after.types).containsEntry("paddock_packets_sent_total", "counter");
    assertThat(after.helps.values()).allSatisfy(help -> assertThat(help).isNotBlank());
  }
}
