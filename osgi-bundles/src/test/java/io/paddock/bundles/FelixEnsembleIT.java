package io.paddock.bundles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.api.Timeout;

/**
 * Three Apache Felix frameworks in three JVMs form one replicated Paddock ensemble, each member
 * configured only through Config Admin (PID {@code io.paddock.server} with {@code server.1..3},
 * {@code myid} and {@code quorum.tickMs}). The official ZooKeeper client writes through one member
 * and reads from the others after {@code sync}; the leader's JVM is SIGKILLed, the other two elect
 * a new leader and keep serving reads and writes; the killed member restarts on its data directory
 * and catches up. Each member's log is under target/osgi-work/.
 */
class FelixEnsembleIT {
  /** Election and synchronisation run on quorum ticks: seconds at most, even on a busy machine. */
  private static final Duration ELECTION_DEADLINE = Duration.ofSeconds(30);

  private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(30);
  private static final int SESSION_TIMEOUT_MS = 10_000;
  private static final int QUORUM_TICK_MS = 50;
  private static final int MEMBERS = 3;

  // ZooDefs.Ids carries annotations javac cannot resolve here (-Werror); and ZooKeeper's client
  // calls contains(null) on the list, which List.of rejects.
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));

  private final List<MemberProcess> members = new ArrayList<>();
  private final List<ZooKeeper> clients = new ArrayList<>();

  @AfterEach
  void stopEverything() throws Exception {
    for (ZooKeeper zk : clients) {
      zk.close(1000);
    }
    // Every member, even when the test failed half-way: stop() kills what does not exit in time.
    for (MemberProcess m : members) {
      m.stop();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES) // a hard bound over the polls' own deadlines
  void threeFrameworksFormAnEnsembleThatSurvivesTheLossOfItsLeader() throws Exception {
    startEnsemble();
    MemberProcess leader = awaitOneLeader(members);
    MemberProcess follower = otherThan(leader, members).get(0);

    // A write through a follower (forwarded to the leader) is seen by every member after sync.
    ZooKeeper writer = connect(follower);
    writer.create("/osgi", "1".getBytes(UTF_8), OPEN, CreateMode.PERSISTENT);
    for (MemberProcess m : members) {
      assertThat(syncedRead(connect(m), "/osgi")).as("read from %s", m).isEqualTo("1");
    }

    // SIGKILL the leader's JVM: the two others elect a new leader among themselves.
    leader.kill9();
    List<MemberProcess> survivors = otherThan(leader, members);
    MemberProcess newLeader = awaitOneLeader(survivors);
    MemberProcess newFollower = otherThan(newLeader, survivors).get(0);
    ZooKeeper viaFollower = connect(newFollower);
    viaFollower.setData("/osgi", "2".getBytes(UTF_8), -1);
    ZooKeeper viaLeader = connect(newLeader);
    viaLeader.create("/osgi/after-failover", "3".getBytes(UTF_8), OPEN, CreateMode.PERSISTENT);
    assertThat(syncedRead(viaLeader, "/osgi")).isEqualTo("2");
    assertThat(syncedRead(viaFollower, "/osgi/after-failover")).isEqualTo("3");

    // The killed member restarts on its data directory and catches up with what it missed.
    leader.launch();
    leader.awaitReady();
    awaitOneLeader(members);
    ZooKeeper back = connect(leader);
    assertThat(syncedRead(back, "/osgi")).isEqualTo("2");
    assertThat(syncedRead(back, "/osgi/after-failover")).isEqualTo("3");
    back.create("/osgi/after-restart", "4".getBytes(UTF_8), OPEN, CreateMode.PERSISTENT);
    assertThat(syncedRead(viaFollower, "/osgi/after-restart")).isEqualTo("4");

    // Stopping each framework stops its server and lets the JVM exit by itself: no thread left.
    for (ZooKeeper zk : clients) {
      zk.close(1000);
    }
    clients.clear();
    for (MemberProcess m : members) {
      assertThat(m.stop()).as("exit code of %s; %s", m, m.logTail()).isZero();
    }
  }

  /** Launches the three JVMs together (each waits only for its ports), then waits for each. */
  private void startEnsemble() throws Exception {
    Path work =
        Files.createDirectories(
            Path.of(Felix.requiredProperty("paddock.osgi.workdir"))
                .resolve("ensemble-" + System.nanoTime()));
    List<String> serverLines = new ArrayList<>();
    List<Integer> clientPorts = new ArrayList<>();
    for (int i = 1; i <= MEMBERS; i++) {
      serverLines.add("127.0.0.1:" + Ports.free() + ":" + Ports.free());
      clientPorts.add(Ports.free());
    }
    for (int id = 1; id <= MEMBERS; id++) {
      Map<String, String> config = new LinkedHashMap<>();
      config.put("dataDir", work.resolve("data-" + id).toString());
      config.put("clientPortAddress", "127.0.0.1");
      config.put("clientPort", Integer.toString(clientPorts.get(id - 1)));
      config.put("myid", Integer.toString(id));
      config.put("quorum.tickMs", Integer.toString(QUORUM_TICK_MS));
      config.put("tickTime", "2000");
      config.put("initLimit", "10");
      config.put("syncLimit", "5");
      for (int n = 1; n <= MEMBERS; n++) {
        config.put("server." + n, serverLines.get(n - 1));
      }
      members.add(new MemberProcess(id, work, config));
    }
    for (MemberProcess m : members) {
      m.launch();
    }
    for (MemberProcess m : members) {
      m.awaitReady();
    }
  }

  /**
   * Waits until exactly one of {@code running} reports {@code Mode: leader} and all the others
   * {@code Mode: follower}, and returns the leader.
   */
  private static MemberProcess awaitOneLeader(List<MemberProcess> running) {
    List<String> expected = new ArrayList<>();
    expected.add("leader");
    while (expected.size() < running.size()) {
      expected.add("follower");
    }
    await()
        .atMost(ELECTION_DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(running.stream().map(MemberProcess::mode).toList())
                    .as("modes of %s", running)
                    .containsExactlyInAnyOrderElementsOf(expected));
    return running.stream()
        .filter(m -> m.mode().equals("leader"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the leader of " + running + " went away"));
  }

  private static List<MemberProcess> otherThan(MemberProcess one, List<MemberProcess> all) {
    return all.stream().filter(m -> m != one).toList();
  }

  /** A new session on {@code m} alone, so what it reads is what that member serves. */
  private ZooKeeper connect(MemberProcess m) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            m.connectString(),
            SESSION_TIMEOUT_MS,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    clients.add(zk);
    assertThat(connected.await(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS))
        .as("session on %s; %s", m, m.logTail())
        .isTrue();
    return zk;
  }

  private static String syncedRead(ZooKeeper zk, String path) throws Exception {
    CompletableFuture<Integer> synced = new CompletableFuture<>();
    zk.sync(path, (rc, p, ctx) -> synced.complete(rc), null);
    assertThat(synced.get(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("sync rc").isZero();
    return new String(zk.getData(path, false, null), UTF_8);
  }
}
