package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.config.ServerConfig;
import io.paddock.log.FaultyDisk;
import io.paddock.log.LogRecovery;
import io.paddock.log.StorageException;
import io.paddock.platform.Clock;
import io.paddock.snapshot.SnapshotFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server restarted on the same data directory, checked with the ZooKeeper client. */
class PaddockServerRestartTest {
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dataDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  private ServerConfig.Builder config() {
    return ServerConfig.builder(dataDir).clientPort(0);
  }

  private PaddockServer start(ServerConfig config) throws Exception {
    PaddockServer server = PaddockServer.start(config);
    toClose.add(server);
    return server;
  }

  private ZooKeeper connect(PaddockServer server, int timeoutMs) throws Exception {
    return connect(server, timeoutMs, 0, null);
  }

  private ZooKeeper connect(PaddockServer server, int timeoutMs, long sessionId, byte[] password)
      throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    Watcher watcher =
        e -> {
          if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
            connected.countDown();
          }
        };
    String host = "127.0.0.1:" + server.clientPort();
    ZooKeeper zk =
        password == null
            ? new ZooKeeper(host, timeoutMs, watcher)
            : new ZooKeeper(host, timeoutMs, watcher, sessionId, password);
    toClose.add(zk);
    assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
    return zk;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acknowledgedWritesSurviveWithTheirVersionsAndZxidsKeepGrowing() throws Exception {
    ServerConfig cfg = config().build();
    PaddockServer first = start(cfg);
    ZooKeeper zk = connect(first, 10_000);
    zk.create("/app", utf8("v0"), OPEN, CreateMode.PERSISTENT);
    for (int i = 1; i <= 3; i++) {
      zk.setData("/app", utf8("v" + i), i - 1);
    }
    for (int i = 0; i < 20; i++) {
      zk.create("/app/c-" + i, utf8("data-" + i), OPEN, CreateMode.PERSISTENT);
    }
    List<String> sequential = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sequential.add(zk.create("/app/seq-", new byte[0], OPEN, CreateMode.PERSISTENT_SEQUENTIAL));
    }
    zk.delete("/app/c-7", 0);
    zk.multi(
        List.of(
            Op.create("/m", utf8("multi"), OPEN, CreateMode.PERSISTENT),
            Op.setData("/app/c-3", utf8("changed"), 0)));
    Map<String, Stat> stats = new LinkedHashMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    long lastZxid = 0;
    for (String path : paths(zk)) {
      Stat stat = new Stat();
      data.put(path, new String(zk.getData(path, false, stat), StandardCharsets.UTF_8));
      stats.put(path, stat);
      lastZxid = Math.max(lastZxid, Math.max(stat.getMzxid(), stat.getPzxid()));
    }
    zk.close();
    first.close();

    PaddockServer second = start(cfg);
    ZooKeeper again = connect(second, 10_000);
    assertThat(paths(again)).containsExactlyElementsOf(stats.keySet());
    for (String path : stats.keySet()) {
      Stat stat = new Stat();
      assertThat(new String(again.getData(path, false, stat), StandardCharsets.UTF_8))
          .as(path)
          .isEqualTo(data.get(path));
      assertThat(stat).as("stat of %s", path).isEqualTo(stats.get(path));
    }
    assertThat(again.exists("/app/c-7", false)).isNull();
    Stat created = new Stat();
    again.create("/after", new byte[0], OPEN, CreateMode.PERSISTENT, created);
    assertThat(created.getCzxid()).isGreaterThan(lastZxid);
    String next = again.create("/app/seq-", new byte[0], OPEN, CreateMode.PERSISTENT_SEQUENTIAL);
    assertThat(next).isGreaterThan(sequential.get(sequential.size() - 1));
    assertThat(sequential).doesNotContain(next);
  }

  @Test
  void aSessionThatReconnectsKeepsItsEphemeralsAndOneThatDoesNotExpires() throws Exception {
    ServerConfig cfg = config().tickTimeMs(100).sessionTimeoutsMs(200, 4000).build();
    PaddockServer first = start(cfg);
    ZooKeeper keeper = connect(first, 4000);
    ZooKeeper leaver = connect(first, 1000);
    keeper.create("/kept", new byte[0], OPEN, CreateMode.EPHEMERAL);
    leaver.create("/gone", new byte[0], OPEN, CreateMode.EPHEMERAL);
    long keeperSession = keeper.getSessionId();
    byte[] keeperPassword = keeper.getSessionPasswd();
    first.close(); // the clients are cut off; neither session is closed

    PaddockServer second = start(cfg);
    ZooKeeper back = connect(second, 4000, keeperSession, keeperPassword);
    assertThat(back.getSessionId()).isEqualTo(keeperSession);
    Stat kept = back.exists("/kept", false);
    assertThat(kept).isNotNull();
    assertThat(kept.getEphemeralOwner()).isEqualTo(keeperSession);
    // The leaver's session was restored too, with a fresh timeout; nobody claims it, so it expires
    // and its ephemeral goes, while the reconnected session lives on.
    assertThat(back.exists("/gone", false)).isNotNull();
    await().atMost(WAIT).until(() -> back.exists("/gone", false) == null);
    assertThat(back.exists("/kept", false)).isNotNull();
    back.create("/still-alive", new byte[0], OPEN, CreateMode.EPHEMERAL);
  }

  @Test
  void aSecondServerOnTheSameDataDirRefusesToStart() throws Exception {
    ServerConfig cfg = config().build();
    start(cfg);
    assertThatThrownBy(() -> start(cfg))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("in use by another Paddock server");
  }

  @Test
  void snapshotsAreTakenEveryNTransactionsAndUsedOnRestart() throws Exception {
    ServerConfig cfg = config().set(io.paddock.config.ConfigKeys.SNAP_COUNT, 50).build();
    PaddockServer first = start(cfg);
    ZooKeeper zk = connect(first, 10_000);
    // A snapshot starts every 50 transactions unless one is still being written (then at the
    // next batch after it): keep writing until four have been taken.
    int written = 0;
    while (first.pipeline().snapshots().stats().taken() < 4) {
      assertThat(written).as("writes without four snapshots").isLessThan(2000);
      zk.create("/n-" + written, utf8("d" + written), OPEN, CreateMode.PERSISTENT);
      written++;
    }
    long onDemand = first.takeSnapshot().get(20, TimeUnit.SECONDS);
    assertThat(onDemand).isGreaterThanOrEqualTo(written);
    var disk = io.paddock.log.Disk.real();
    assertThat(SnapshotFiles.list(disk, dataDir)).hasSizeGreaterThanOrEqualTo(5);
    int segmentsBefore = LogRecovery.segments(disk, dataDir).size();
    first.pipeline().snapshots().purgeNow().get(20, TimeUnit.SECONDS);
    assertThat(SnapshotFiles.list(disk, dataDir)).hasSize(3);
    assertThat(LogRecovery.segments(disk, dataDir).size()).isLessThan(segmentsBefore);
    zk.create("/last", new byte[0], OPEN, CreateMode.PERSISTENT);
    zk.close();
    first.close();

    PaddockServer second = start(cfg);
    ZooKeeper again = connect(second, 10_000);
    for (int i = 0; i < written; i++) {
      assertThat(again.getData("/n-" + i, false, null)).isEqualTo(utf8("d" + i));
    }
    assertThat(again.exists("/last", false)).isNotNull();
  }

  @Test
  void aGracefulStopSnapshotsWhatWasLoggedAfterTheNewestSnapshotUnlessTurnedOff() throws Exception {
    var disk = io.paddock.log.Disk.real();
    ServerConfig cfg = config().build(); // snapCount 100,000: no snapshot of its own
    PaddockServer first = start(cfg);
    ZooKeeper zk = connect(first, 10_000);
    long lastCreated = 0;
    for (int i = 0; i < 10; i++) {
      zk.create("/g-" + i, utf8("d" + i), OPEN, CreateMode.PERSISTENT);
      lastCreated = zk.exists("/g-" + i, false).getCzxid();
    }
    zk.close();
    assertThat(SnapshotFiles.list(disk, dataDir)).isEmpty();
    first.close();
    List<SnapshotFiles.Snapshot> afterStop = SnapshotFiles.list(disk, dataDir);
    assertThat(afterStop).hasSize(1);
    assertThat(afterStop.get(0).zxid()).isGreaterThanOrEqualTo(lastCreated);

    // Nothing logged since: stopping again writes no second snapshot.
    start(cfg).close();
    assertThat(SnapshotFiles.list(disk, dataDir)).isEqualTo(afterStop);

    ServerConfig off =
        config().set(io.paddock.config.ConfigKeys.SNAPSHOT_ON_SHUTDOWN, false).build();
    PaddockServer third = start(off);
    ZooKeeper more = connect(third, 10_000);
    more.create("/h", utf8("h"), OPEN, CreateMode.PERSISTENT);
    more.close();
    third.close();
    assertThat(SnapshotFiles.list(disk, dataDir)).isEqualTo(afterStop);

    PaddockServer fourth = start(cfg); // snapshot plus the replayed log
    ZooKeeper check = connect(fourth, 10_000);
    for (int i = 0; i < 10; i++) {
      assertThat(check.getData("/g-" + i, false, null)).isEqualTo(utf8("d" + i));
    }
    assertThat(check.getData("/h", false, null)).isEqualTo(utf8("h"));
  }

  @Test
  void aFailingDiskRefusesWritesKeepsServingReadsAndRecovers() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    ServerConfig cfg = config().build();
    PaddockServer server = PaddockServer.start(cfg, Clock.system(), disk);
    toClose.add(server);
    ZooKeeper zk = connect(server, 10_000);
    zk.create("/before", utf8("x"), OPEN, CreateMode.PERSISTENT);
    disk.failSyncs(true);
    assertThatThrownBy(() -> zk.create("/refused", new byte[0], OPEN, CreateMode.PERSISTENT))
        .isInstanceOf(KeeperException.ConnectionLossException.class);
    assertThatThrownBy(() -> zk.setData("/before", utf8("y"), -1))
        .isInstanceOf(KeeperException.ConnectionLossException.class);
    assertThat(zk.getData("/before", false, null)).isEqualTo(utf8("x"));
    assertThat(zk.exists("/refused", false)).isNull();
    assertThat(server.pipeline().stats().failing()).isTrue();
    disk.failSyncs(false);
    await()
        .atMost(WAIT)
        .ignoreExceptionsInstanceOf(KeeperException.ConnectionLossException.class)
        .until(() -> zk.create("/after", new byte[0], OPEN, CreateMode.PERSISTENT) != null);
    assertThat(server.pipeline().stats().failing()).isFalse();
    assertThat(server.pipeline().stats().refused()).isGreaterThanOrEqualTo(2);
    zk.close();
    server.close();

    PaddockServer second = start(cfg);
    ZooKeeper again = connect(second, 10_000);
    assertThat(again.getData("/before", false, null)).isEqualTo(utf8("x"));
    assertThat(again.exists("/refused", false)).isNull();
    assertThat(again.exists("/after", false)).isNotNull();
  }

  @Test
  void manyConcurrentWritesShareFewSyncs() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    disk.syncDelayMs(20); // a slow disk: writes pile up during each sync
    PaddockServer server = PaddockServer.start(config().build(), Clock.system(), disk);
    toClose.add(server);
    ZooKeeper zk = connect(server, 10_000);
    long syncsBefore = disk.fileSyncs();
    int writes = 2000;
    CountDownLatch done = new CountDownLatch(writes);
    for (int i = 0; i < writes; i++) {
      zk.create(
          "/w-" + i,
          new byte[10],
          OPEN,
          CreateMode.PERSISTENT,
          (rc, path, ctx, name) -> {
            if (rc == 0) {
              done.countDown();
            }
          },
          null);
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    DurableLogPipeline.Stats stats = server.pipeline().stats();
    assertThat(stats.records()).isGreaterThanOrEqualTo(writes);
    assertThat(stats.syncs()).isLessThan(writes / 5);
    assertThat(disk.fileSyncs() - syncsBefore).as("syncs seen by the disk").isLessThan(writes / 5);
    assertThat(stats.maxBatch()).isGreaterThan(5);
  }

  private static List<String> paths(ZooKeeper zk) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> stack = new ArrayList<>(List.of("/"));
    while (!stack.isEmpty()) {
      String path = stack.remove(stack.size() - 1);
      if (path.equals("/zookeeper")) {
        continue;
      }
      out.add(path);
      List<String> children = zk.getChildren(path, false);
      children.sort(null);
      for (String child : children) {
        stack.add(path.equals("/") ? "/" + child : path + "/" + child);
      }
    }
    out.sort(null);
    return out;
  }
}
