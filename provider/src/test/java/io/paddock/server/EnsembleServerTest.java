package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.admin.MiniJson;
import io.paddock.admin.PromParser;
import io.paddock.config.ConfigKeys;
import io.paddock.config.FourLetterWords;
import io.paddock.config.ServerConfig;
import io.paddock.quorum.core.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three ensemble members in one JVM on loopback, driven by the official ZooKeeper client: election,
 * replication through the real transport and logs, forwarding, sync, and a leader that stops, is
 * replaced, and catches up when it comes back (with periodic snapshots running). The multi-process
 * suite (kill -9, Curator, ZooKeeper as the oracle) lives in it/.
 */
class EnsembleServerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  // ZooDefs.Ids carries annotations javac cannot resolve here (-Werror); and ZooKeeper's client
  // calls contains(null) on the list, which List.of rejects.
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));
  @TempDir Path dir;
  private final List<PaddockServer> servers = new ArrayList<>(List.of());
  private final List<ServerConfig> configs = new ArrayList<>();
  private final List<ZooKeeper> clients = new ArrayList<>();
  private final List<ServerSupervisor> supervisors = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (ServerSupervisor s : supervisors) {
      s.close();
    }
    for (ZooKeeper zk : clients) {
      zk.close();
    }
    for (PaddockServer s : servers) {
      if (s != null) {
        s.close();
      }
    }
  }

  private void startEnsemble(int n, int snapCount) throws Exception {
    startEnsemble(n, snapCount, false);
  }

  private void startEnsemble(int n, int snapCount, boolean admin) throws Exception {
    List<String> lines = new ArrayList<>();
    int[] clientPorts = new int[n];
    for (int i = 0; i < n; i++) {
      lines.add("127.0.0.1:" + freePort() + ":" + freePort());
      clientPorts[i] = freePort();
    }
    for (int i = 1; i <= n; i++) {
      ServerConfig.Builder b =
          ServerConfig.builder(Files.createDirectories(dir.resolve("m" + i)))
              .clientPort(clientPorts[i - 1])
              .myId(i)
              .quorumTickMs(20)
              .set(ConfigKeys.SNAP_COUNT, snapCount)
              .set(ConfigKeys.FOUR_LETTER_WORDS, FourLetterWords.ALL)
              .set(ConfigKeys.ADMIN_ENABLE_SERVER, admin)
              .set(ConfigKeys.ADMIN_SERVER_ADDRESS, "127.0.0.1")
              .set(ConfigKeys.ADMIN_SERVER_PORT, 0);
      for (int j = 1; j <= n; j++) {
        b.server(j, lines.get(j - 1));
      }
      configs.add(b.build());
      servers.add(null);
    }
    // Started in parallel: each waits for nothing but its port, the election runs in the
    // background.
    for (int i = 0; i < n; i++) {
      servers.set(i, PaddockServer.start(configs.get(i)));
    }
  }

  private PaddockServer awaitLeader() {
    return await()
        .atMost(DEADLINE)
        .until(
            () ->
                servers.stream()
                    .filter(s -> s != null && s.quorumStatus().serving())
                    .filter(s -> s.quorumStatus().role() == Role.LEADING)
                    .findFirst()
                    .orElse(null),
            s -> s != null);
  }

  private void awaitAllServing() {
    await()
        .atMost(DEADLINE)
        .until(() -> servers.stream().allMatch(s -> s != null && s.quorumStatus().serving()));
  }

  private ZooKeeper connect(PaddockServer s) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            "127.0.0.1:" + s.clientPort(),
            10_000,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    clients.add(zk);
    assertThat(connected.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    return zk;
  }

  private static String syncedRead(ZooKeeper zk, String path) throws Exception {
    CompletableFuture<Integer> synced = new CompletableFuture<>();
    zk.sync(path, (rc, p, ctx) -> synced.complete(rc), null);
    assertThat(synced.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isZero();
    return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
  }

  @Test
  void writesThroughAnyMemberReachEveryMember() throws Exception {
    startEnsemble(3, 100_000);
    PaddockServer leader = awaitLeader();
    awaitAllServing();
    for (PaddockServer s : servers) {
      ZooKeeper zk = connect(s);
      zk.create(
          "/from-" + s.clientPort(),
          Integer.toString(s.clientPort()).getBytes(StandardCharsets.UTF_8),
          OPEN,
          CreateMode.PERSISTENT);
    }
    for (PaddockServer s : servers) {
      ZooKeeper zk = connect(s);
      for (PaddockServer other : servers) {
        assertThat(syncedRead(zk, "/from-" + other.clientPort()))
            .isEqualTo(Integer.toString(other.clientPort()));
      }
    }
    assertThat(leader.quorumStatus().role()).isEqualTo(Role.LEADING);
  }

  @Test
  void aMemberWhoseDiskFailsStepsOutAndRejoinsOnceItsDiskTakesWritesAgain() throws Exception {
    startEnsemble(3, 100_000);
    PaddockServer leader = awaitLeader();
    awaitAllServing();
    // Member f, a follower, runs again under a supervisor on a disk the test can break.
    int f = (servers.indexOf(leader) + 1) % 3;
    servers.get(f).close();
    io.paddock.log.FaultyDisk disk = new io.paddock.log.FaultyDisk();
    ServerSupervisor supervisor =
        ServerSupervisor.start(
            configs.get(f),
            c -> PaddockServer.start(c, io.paddock.platform.Clock.system(), disk),
            disk);
    supervisors.add(supervisor);
    servers.set(f, supervisor.server());
    awaitAllServing();
    ZooKeeper viaLeader = connect(leader);
    viaLeader.create("/before", "b".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);

    disk.failWrites(true); // a full disk: every write and sync of the member's log fails
    disk.failSyncs(true);
    viaLeader.create("/during", "d".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
    PaddockServer broken = supervisor.server();
    await().atMost(DEADLINE).until(() -> broken.replicationStopped().isDone());
    assertThat(broken.quorumStatus().serving()).isFalse();
    // The other two still form a quorum and commit.
    viaLeader.create(
        "/while-out", "w".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
    assertThat(supervisor.restarts()).isZero(); // the disk still refuses writes

    disk.failWrites(false);
    disk.failSyncs(false);
    await()
        .atMost(DEADLINE)
        .until(() -> supervisor.restarts() == 1 && supervisor.server().quorumStatus().serving());
    PaddockServer back = supervisor.server();
    assertThat(back).isNotSameAs(broken);
    assertThat(back.clientPort()).isEqualTo(broken.clientPort());
    servers.set(f, back);
    ZooKeeper viaBack = connect(back);
    assertThat(syncedRead(viaBack, "/before")).isEqualTo("b");
    assertThat(syncedRead(viaBack, "/during")).isEqualTo("d");
    assertThat(syncedRead(viaBack, "/while-out")).isEqualTo("w");
    viaBack.create("/after", "a".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
    assertThat(syncedRead(viaLeader, "/after")).isEqualTo("a");
  }

  @Test
  void aStoppedLeaderIsReplacedAndCatchesUpWhenItReturns() throws Exception {
    startEnsemble(3, 50); // small snapCount: snapshots and their retention run meanwhile
    PaddockServer leader = awaitLeader();
    awaitAllServing();
    int index = servers.indexOf(leader);
    PaddockServer survivor = servers.get((index + 1) % 3);
    ZooKeeper zk = connect(survivor);
    zk.create("/a", "1".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
    leader.close();
    servers.set(index, null);
    PaddockServer next = awaitLeader();
    assertThat(next).isNotSameAs(leader);
    ZooKeeper again = connect(survivor);
    for (int i = 0; i < 300; i++) {
      again.create("/a/n-", new byte[10], OPEN, CreateMode.PERSISTENT_SEQUENTIAL);
    }
    again.setData("/a", "2".getBytes(StandardCharsets.UTF_8), -1);
    servers.set(index, PaddockServer.start(configs.get(index)));
    awaitAllServing();
    ZooKeeper back = connect(servers.get(index));
    assertThat(syncedRead(back, "/a")).isEqualTo("2");
    assertThat(back.getChildren("/a", false)).hasSize(300);
  }

  @Test
  void theAdminServerNamesTheLeaderTheVotersAndEachLearnersLag() throws Exception {
    startEnsemble(3, 100_000, true);
    PaddockServer leader = awaitLeader();
    awaitAllServing();
    PaddockServer follower = servers.get((servers.indexOf(leader) + 1) % 3);
    ZooKeeper zk = connect(follower);
    for (int i = 0; i < 20; i++) {
      zk.create("/n" + i, new byte[10], OPEN, CreateMode.PERSISTENT);
    }
    long leaderId = leader.config().ensemble().myId();
    for (PaddockServer s : servers) {
      Map<String, Object> lead = MiniJson.object(http(s, "/commands/leader"));
      assertThat(lead)
          .containsEntry("is_leader", s == leader)
          .containsEntry("leader_id", leaderId)
          .containsEntry("leader_ip", "127.0.0.1")
          .containsEntry("server_state", s == leader ? "leader" : "follower");
      Map<String, Object> view = MiniJson.object(http(s, "/commands/voting_view"));
      @SuppressWarnings("unchecked")
      Map<String, Object> current = (Map<String, Object>) view.get("current_config");
      assertThat(current).containsOnlyKeys("1", "2", "3");
      assertThat((String) current.get("2")).matches("127\\.0\\.0\\.1:\\d+:\\d+:participant");
    }
    // Both followers acknowledged everything: their lag drops to 0 within a tick of the last ack.
    await()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              PromParser metrics = PromParser.parse(http(leader, "/metrics"));
              assertThat(metrics.value("paddock_quorum_is_leader")).isEqualTo(1);
              assertThat(metrics.value("paddock_quorum_synced_followers")).isEqualTo(2);
              for (PaddockServer s : servers) {
                if (s != leader) {
                  long id = s.config().ensemble().myId();
                  assertThat(
                          metrics.value(
                              "paddock_quorum_learner_lag_transactions{learner=\""
                                  + id
                                  + "\",type=\"participant\"}"))
                      .isZero();
                }
              }
              assertThat(metrics.value("paddock_quorum_commit_latency_seconds_count"))
                  .isGreaterThanOrEqualTo(20);
            });
    PromParser onFollower = PromParser.parse(http(follower, "/metrics"));
    assertThat(onFollower.value("paddock_quorum_is_leader")).isZero();
    assertThat(onFollower.value("paddock_quorum_proposals_total")).isGreaterThanOrEqualTo(20);
    assertThat(fourLetterWord(leader, "mntr"))
        .contains("zk_server_state\tleader\n")
        .contains("zk_synced_followers\t2\n")
        .contains("zk_pending_syncs\t0\n");
    Map<String, Object> snap = MiniJson.object(http(follower, "/commands/snapshot"));
    assertThat(Long.decode((String) snap.get("last_zxid"))).isGreaterThanOrEqualTo(20);
    assertThat(snap).containsEntry("error", null);
  }

  private static String http(PaddockServer s, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + s.adminPort().orElseThrow() + path))
                    .timeout(DEADLINE)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  private static String fourLetterWord(PaddockServer s, String word) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), s.clientPort())) {
      socket.setSoTimeout((int) DEADLINE.toMillis());
      socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int freePort() throws IOException {
    return io.paddock.testing.FreePorts.next();
  }
}
