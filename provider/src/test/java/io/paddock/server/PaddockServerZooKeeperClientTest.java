package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.config.ConfigKeys;
import io.paddock.config.FourLetterWords;
import io.paddock.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone server driven in-process by the official ZooKeeper 3.9.5 client: a fast check of
 * the whole pipeline (the cross-server contract suite lives in it/).
 */
class PaddockServerZooKeeperClientTest {
  // A mutable list: ZooKeeper's client calls contains(null) on it, which List.of rejects.
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));
  @TempDir static Path dataDir;
  private static PaddockServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        PaddockServer.start(
            ServerConfig.builder(dataDir)
                .clientPort(0)
                .set(ConfigKeys.FOUR_LETTER_WORDS, FourLetterWords.ALL)
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ZooKeeper connect() throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            "127.0.0.1:" + server.clientPort(),
            10_000,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
    return zk;
  }

  @Test
  void createReadUpdateDeleteWithStatBookkeeping() throws Exception {
    try (ZooKeeper zk = connect()) {
      String path =
          zk.create("/crud", "v1".getBytes(StandardCharsets.UTF_8), OPEN, CreateMode.PERSISTENT);
      assertThat(path).isEqualTo("/crud");
      Stat stat = new Stat();
      assertThat(new String(zk.getData("/crud", false, stat), StandardCharsets.UTF_8))
          .isEqualTo("v1");
      assertThat(stat.getVersion()).isZero();
      assertThat(stat.getCzxid()).isEqualTo(stat.getMzxid()).isEqualTo(stat.getPzxid());
      Stat after = zk.setData("/crud", "v2".getBytes(StandardCharsets.UTF_8), 0);
      assertThat(after.getVersion()).isEqualTo(1);
      assertThat(after.getMzxid()).isGreaterThan(stat.getMzxid());
      assertThatThrownBy(() -> zk.setData("/crud", new byte[0], 0))
          .isInstanceOf(KeeperException.BadVersionException.class);
      zk.create("/crud/a", new byte[0], OPEN, CreateMode.PERSISTENT);
      String seq = zk.create("/crud/s-", new byte[0], OPEN, CreateMode.PERSISTENT_SEQUENTIAL);
      assertThat(seq).isEqualTo("/crud/s-0000000001");
      assertThat(zk.getChildren("/crud", false)).containsExactlyInAnyOrder("a", "s-0000000001");
      assertThatThrownBy(() -> zk.delete("/crud", -1))
          .isInstanceOf(KeeperException.NotEmptyException.class);
      zk.delete("/crud/a", -1);
      zk.delete(seq, -1);
      zk.delete("/crud", 1);
      assertThat(zk.exists("/crud", false)).isNull();
      assertThatThrownBy(() -> zk.getData("/crud", false, null))
          .isInstanceOf(KeeperException.NoNodeException.class);
    }
  }

  @Test
  void watchesFireOnceAndEphemeralsVanishWithTheirSession() throws Exception {
    try (ZooKeeper watcher = connect()) {
      List<WatchedEvent> events = new CopyOnWriteArrayList<>();
      assertThat(watcher.exists("/eph", events::add)).isNull();
      ZooKeeper owner = connect();
      owner.create("/eph", new byte[0], OPEN, CreateMode.EPHEMERAL);
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 1);
      assertThat(events.get(0).getType()).isEqualTo(Watcher.Event.EventType.NodeCreated);
      assertThat(watcher.exists("/eph", events::add).getEphemeralOwner())
          .isEqualTo(owner.getSessionId());
      owner.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 2);
      assertThat(events.get(1).getType()).isEqualTo(Watcher.Event.EventType.NodeDeleted);
      assertThat(watcher.exists("/eph", false)).isNull();
    }
  }

  @Test
  void failedMultiChangesNothingAndReportsEachOp() throws Exception {
    try (ZooKeeper zk = connect()) {
      zk.create("/multi", new byte[0], OPEN, CreateMode.PERSISTENT);
      assertThatThrownBy(
              () ->
                  zk.multi(
                      List.of(
                          Op.create("/multi/x", new byte[0], OPEN, CreateMode.PERSISTENT),
                          Op.delete("/multi/missing", -1))))
          .isInstanceOfSatisfying(
              KeeperException.NoNodeException.class,
              e ->
                  assertThat(e.getResults())
                      .extracting(r -> ((OpResult.ErrorResult) r).getErr())
                      .containsExactly(0, KeeperException.Code.NONODE.intValue()));
      assertThat(zk.exists("/multi/x", false)).isNull();
      List<OpResult> ok =
          zk.multi(
              List.of(
                  Op.create("/multi/y", new byte[0], OPEN, CreateMode.PERSISTENT),
                  Op.setData("/multi", new byte[] {1}, 0)));
      assertThat(ok).hasSize(2);
      assertThat(((OpResult.CreateResult) ok.get(0)).getPath()).isEqualTo("/multi/y");
    }
  }

  @Test
  void answersFourLetterWordsAndSurvivesGarbage() throws Exception {
    assertThat(fourLetterWord("ruok")).isEqualTo("imok");
    assertThat(fourLetterWord("srvr")).contains("Mode: standalone");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.clientPort())) {
      s.getOutputStream().write(new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 1, 2, 3});
      assertThat(s.getInputStream().read()).isEqualTo(-1); // closed on us
    }
    try (ZooKeeper zk = connect()) {
      assertThat(zk.exists("/", false)).isNotNull();
    }
  }

  private static String fourLetterWord(String word) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.clientPort())) {
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
