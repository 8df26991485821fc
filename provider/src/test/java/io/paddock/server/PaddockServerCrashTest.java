package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.config.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a separate process, killed with SIGKILL while clients write; after each kill a new
 * process starts on the same data directory. At the end every write that was ever acknowledged must
 * be there with its data, and a counter node's version must be at least the last acknowledged one.
 */
class PaddockServerCrashTest {
  // Not ZooDefs.Ids.OPEN_ACL_UNSAFE: its SpotBugs annotation is not on our class path (javac
  // warns).
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int ROUNDS = 3;
  private static final int CLIENTS = 4;

  @TempDir Path dir;

  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong counterVersion = new AtomicLong(-1);

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    int port = freePort();
    Path cfg = dir.resolve("zoo.cfg");
    Files.writeString(
        cfg,
        "dataDir="
            + dataDir
            + "\nclientPort="
            + port
            + "\ntickTime=500\nsnapCount=300\n4lw.commands.whitelist=*\n");
    for (int round = 0; round < ROUNDS; round++) {
      Process server = launch(cfg, dir.resolve("server-" + round + ".log"));
      try {
        awaitPort(port);
        writeUntilKilled(port, round, server);
      } finally {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
      }
      String log = Files.readString(dir.resolve("server-" + round + ".log"));
      assertThat(log).contains("serving clients on");
      if (round > 0) {
        assertThat(log).containsPattern("recovered \\d+ znodes");
      }
      log.lines()
          .filter(l -> l.contains("recovered") || l.contains("torn") || l.contains("snap"))
          .forEach(l -> System.out.println("round " + l));
    }
    assertThat(acknowledged).hasSizeGreaterThan(ROUNDS * 300);
    try (PaddockServer server =
            PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build());
        ZooKeeper zk = connect(server.clientPort())) {
      for (Map.Entry<String, String> e : acknowledged.entrySet()) {
        byte[] data = zk.getData(e.getKey(), false, null);
        assertThat(new String(data, StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue());
      }
      Stat counter = zk.exists("/counter", false);
      assertThat((long) counter.getVersion()).isGreaterThanOrEqualTo(counterVersion.get());
    }
  }

  /** Writes from several clients; once enough are acknowledged, kills the server mid-stream. */
  private void writeUntilKilled(int port, int round, Process server) throws Exception {
    List<ZooKeeper> clients = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    int ackedBefore = acknowledged.size();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        clients.add(connect(port));
      }
      if (round == 0) {
        clients.get(0).create("/counter", new byte[0], OPEN, CreateMode.PERSISTENT);
      }
      for (int c = 0; c < CLIENTS; c++) {
        ZooKeeper zk = clients.get(c);
        String prefix = "/r" + round + "-c" + c + "-";
        Thread t = new Thread(() -> write(zk, prefix, stop));
        writers.add(t);
        t.start();
      }
      await().atMost(WAIT).until(() -> acknowledged.size() >= ackedBefore + 400);
      server.destroyForcibly(); // SIGKILL while writes are in flight
      server.waitFor(30, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      for (ZooKeeper zk : clients) {
        zk.close(1000);
      }
    }
  }

  private void write(ZooKeeper zk, String prefix, AtomicBoolean stop) {
    Semaphore window = new Semaphore(50);
    for (long n = 0; !stop.get(); n++) {
      try {
        if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      String path = prefix + n;
      String value = "v" + n;
      zk.create(
          path,
          value.getBytes(StandardCharsets.UTF_8),
          OPEN,
          CreateMode.PERSISTENT,
          (rc, p, ctx, name) -> {
            if (rc == 0) {
              acknowledged.put(p, value);
            }
            window.release();
          },
          null);
      if (n % 10 == 0) {
        zk.setData(
            "/counter",
            new byte[0],
            -1,
            (rc, p, ctx, stat) -> {
              if (rc == 0) {
                counterVersion.accumulateAndGet(stat.getVersion(), Math::max);
              }
            },
            null);
      }
    }
  }

  private static Process launch(Path cfg, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Under surefire the class path is one jar whose manifest lists the real entries.
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ServerMain.class.getName(),
            cfg.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void awaitPort(int port) {
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () -> {
              try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return true;
              }
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static ZooKeeper connect(int port) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            "127.0.0.1:" + port,
            10_000,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
    return zk;
  }
}
