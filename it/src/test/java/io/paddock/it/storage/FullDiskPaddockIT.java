package io.paddock.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paddock.it.contract.ServerLogOnFailure;
import io.paddock.it.harness.Clients;
import io.paddock.it.harness.Clients.StateRecorder;
import io.paddock.it.harness.PaddockServerProcess;
import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import io.paddock.it.harness.SmallDisk;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A standalone server whose data directory is a small tmpfs that really fills up. The rule under
 * test: on a full disk the server stops acknowledging writes with a clear error (CONNECTION_LOSS,
 * answered on a connection that stays up) and does not corrupt its files; reads keep working; once
 * space is back it takes writes again by itself; it never reports success for a write that did not
 * reach the disk; and every acknowledged write is there after a SIGKILL and a restart.
 *
 * <p>Each test records what the server acknowledged and what it refused. Refused writes must be
 * invisible while the server runs (it never applies them); after a restart a refused write may in
 * principle be present (CONNECTION_LOSS promises nothing), an acknowledged one must be.
 *
 * <p>The restarts run the new JVM in the same mount namespace, so it finds exactly the files the
 * killed one left on the tmpfs.
 */
@ExtendWith(ServerLogOnFailure.class)
class FullDiskPaddockIT implements ServerLogOnFailure.HasServer {
  private static final long DISK_BYTES = 8L << 20;

  /** Room left when filling for the "write until it fails" phase: tens of writes. */
  private static final long HEADROOM_BYTES = 256 * 1024;

  private static final int PAYLOAD_BYTES = 4096;

  /** Given back after a fill: more than the server's 64 KiB disk probe, less than a large write. */
  private static final long PARTIAL_ROOM_BYTES = 128 * 1024;

  private static final int BIG_PAYLOAD_BYTES = 512 * 1024;

  /** Far more writes than the headroom holds: the disk must have filled long before. */
  private static final int WRITES_MAX = 2000;

  private static final String FILLER = "filler";
  private static final String ROOT = "/full-disk";
  private static final Duration RESUME_DEADLINE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);

  private PaddockServerProcess server;
  private SmallDisk disk;
  private Clients clients;

  /** Acknowledged writes: path -> the data and version the server must hold. */
  private final Map<String, Stored> acked = new TreeMap<>();

  /** Creates answered with an error: never to be seen while the server that refused them runs. */
  private final Set<String> refused = new TreeSet<>();

  private record Stored(byte[] data, int version) {}

  @BeforeAll
  static void needsSmallDisks() throws IOException {
    Optional<String> why = SmallDisk.whyUnavailable(workRoot());
    assumeTrue(
        why.isEmpty(),
        () -> "skipped: this machine cannot mount a small tmpfs in a user namespace; " + why.get());
  }

  @BeforeEach
  void startOnASmallDisk(TestInfo info) throws IOException {
    String test = info.getTestMethod().map(Method::getName).orElse("t");
    server = new PaddockServerProcess("paddock-FullDisk-" + test, ServerKind.TEST_JVM_ARGS);
    disk = SmallDisk.mount(server.dataDir(), DISK_BYTES);
    server.launchThrough(disk.launcher());
    server.start();
    // nsenter exec'd the JVM: the harness's kill -9 hits the server itself.
    assertThat(ProcessHandle.of(server.pid()).flatMap(p -> p.info().command()))
        .hasValueSatisfying(command -> assertThat(command).endsWith("java"));
    clients = new Clients(server);
  }

  /** Also after a failed start: whatever was set up is taken down, the mount's holder last. */
  @AfterEach
  void stopEverything() {
    try {
      if (clients != null) {
        clients.close();
      }
    } finally {
      try {
        if (server != null) {
          server.stop();
        }
      } finally {
        if (disk != null) {
          disk.close();
        }
      }
    }
  }

  @Override
  public ServerProcess server() {
    return server;
  }

  @Test
  void aFullDiskRefusesWritesKeepsReadsAndRecoversWhenSpaceIsBack() throws Exception {
    StateRecorder writerStates = new StateRecorder();
    ZooKeeper writer = clients.connect(Clients.SESSION_TIMEOUT_MS, writerStates);
    ZooKeeper reader = clients.connect(); // sessions are logged: open them while there is room
    assertThat(tryCreate(writer, ROOT, new byte[0])).isTrue();
    disk.fillLeaving(FILLER, HEADROOM_BYTES);

    int fillWrites = writeUntilRefused(writer, "n");
    assertThat(fillWrites)
        .as("writes acknowledged before the disk filled")
        .isGreaterThan((int) (HEADROOM_BYTES / PAYLOAD_BYTES / 2));

    // While the disk stays full, every kind of write gets the same answer.
    String victim = ROOT + "/n0";
    for (int i = 0; i < 3; i++) {
      assertThat(tryCreate(writer, ROOT + "/while-full-" + i, payload("w" + i))).isFalse();
    }
    assertRefused(() -> writer.setData(victim, payload("changed"), 0));
    assertRefused(() -> writer.delete(victim, 0));
    refused.add(ROOT + "/multi");
    assertRefused(
        () ->
            writer.multi(
                List.of(
                    Op.create(ROOT + "/multi", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.setData(victim, payload("multi"), 0))));

    // Reads keep working, on both sessions, and show nothing that was refused.
    assertHoldsAcked(reader);
    assertHoldsAcked(writer);
    assertRefusedInvisible(reader);

    disk.delete(FILLER);
    awaitWritesResume(writer);
    for (int i = 0; i < 20; i++) {
      assertThat(tryCreate(writer, ROOT + "/after-" + i, payload("a" + i))).isTrue();
    }
    Stat set = writer.setData(victim, payload("v1"), 0);
    acked.put(victim, new Stored(payload("v1"), set.getVersion()));
    assertHoldsAcked(reader);
    assertRefusedInvisible(reader);
    assertThat(writerStates.history())
        .as("the writer's connection stayed up: each CONNECTION_LOSS was an answer")
        .containsOnly(KeeperState.SyncConnected);

    server.kill9();
    server.start();
    ZooKeeper afterCrash = clients.connect();
    assertHoldsAcked(afterCrash);
    assertThat(tryCreate(afterCrash, ROOT + "/after-restart", payload("ar"))).isTrue();
  }

  /**
   * The operator's reflex: restart the server while its disk is full (gracefully, so its final
   * snapshot fails too). The restarted server opens a new log segment for its first write; here the
   * disk has room for that segment's header (and its preallocated last page) but not for the
   * record, so the segment is left with no records. A crash, space back: the server must take its
   * first write at once, and start again later with every acknowledged write.
   */
  @Test
  void aServerRestartedOnAFullDiskResumesOnceSpaceIsBack() throws Exception {
    StateRecorder writerStates = new StateRecorder();
    ZooKeeper writer = clients.connect(Clients.SESSION_TIMEOUT_MS, writerStates);
    assertThat(tryCreate(writer, ROOT, new byte[0])).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(tryCreate(writer, ROOT + "/n" + i, payload("n" + i))).isTrue();
    }
    disk.fillLeaving(FILLER, 0);

    // A graceful stop, whose final snapshot fails for want of space; the start after it works.
    server.restart();
    writerStates.await(KeeperState.SyncConnected, RESUME_DEADLINE);
    assertHoldsAcked(writer); // a server restarted on a full disk serves reads
    // Room for a new segment's first and preallocated last page, none for a record spanning more.
    disk.shrink(FILLER, 2 * disk.pageBytes());
    String big = ROOT + "/big";
    assertThat(tryCreate(writer, big, payload(big, (int) (4 * disk.pageBytes())))).isFalse();

    restartAndReconnect(writerStates);
    disk.delete(FILLER);
    assertFirstWriteAcknowledged(writer);
    for (int i = 0; i < 10; i++) {
      assertThat(tryCreate(writer, ROOT + "/after-" + i, payload("a" + i))).isTrue();
    }
    // The refused record never fitted on the disk, so not even the restart in between found it.
    assertRefusedInvisible(writer);

    server.kill9();
    server.start();
    assertHoldsAcked(clients.connect());
  }

  /**
   * Space comes back only partly: enough for the server's disk probe, so it resumes, but not for
   * the next (large) write, which leaves the segment it opened without records. A crash, space
   * back, more writes, another crash: the log must still start, with every acknowledged write.
   */
  @Test
  void aResumeThatRunsOutAgainLeavesALogThatStartsAfterLaterCrashes() throws Exception {
    StateRecorder writerStates = new StateRecorder();
    ZooKeeper writer = clients.connect(Clients.SESSION_TIMEOUT_MS, writerStates);
    assertThat(tryCreate(writer, ROOT, new byte[0])).isTrue();
    disk.fillLeaving(FILLER, HEADROOM_BYTES);
    writeUntilRefused(writer, "n");

    long segmentsBefore = logSegments();
    disk.shrink(FILLER, PARTIAL_ROOM_BYTES);
    AtomicInteger attempt = new AtomicInteger();
    await("a large write tried on the disk (a new segment appears)")
        .atMost(RESUME_DEADLINE)
        .pollInterval(POLL)
        .until(
            () -> {
              String path = ROOT + "/big-" + attempt.getAndIncrement();
              assertThat(tryCreate(writer, path, payload(path, BIG_PAYLOAD_BYTES))).isFalse();
              return logSegments() > segmentsBefore;
            });

    restartAndReconnect(writerStates);
    disk.delete(FILLER);
    assertFirstWriteAcknowledged(writer);
    for (int i = 0; i < 10; i++) {
      assertThat(tryCreate(writer, ROOT + "/after-" + i, payload("a" + i))).isTrue();
    }
    assertHoldsAcked(writer);

    server.kill9();
    server.start();
    assertHoldsAcked(clients.connect());
  }

  /** SIGKILL and start on the same files; waits until {@code states}' client is back. */
  private void restartAndReconnect(StateRecorder states) {
    server.kill9();
    server.start();
    states.await(KeeperState.SyncConnected, RESUME_DEADLINE);
  }

  /**
   * A server started with room on its disk takes its first write: nothing left behind blocks it.
   */
  private void assertFirstWriteAcknowledged(ZooKeeper zk) throws InterruptedException {
    assertThat(tryCreate(zk, ROOT + "/first-after-restart", payload("f")))
        .as("the first write after a restart with space (files: %s)", disk.files())
        .isTrue();
  }

  private void awaitWritesResume(ZooKeeper zk) {
    AtomicInteger attempt = new AtomicInteger();
    await("writes resume once space is back")
        .atMost(RESUME_DEADLINE)
        .pollInterval(POLL)
        .until(() -> tryCreate(zk, ROOT + "/resume-" + attempt.getAndIncrement(), payload("r")));
  }

  /** Log segments on the disk (Paddock names them {@code log-<first zxid>}). */
  private long logSegments() {
    return disk.files().keySet().stream().filter(name -> name.startsWith("log-")).count();
  }

  /**
   * Writes {@code ROOT/<prefix><i>} until the server refuses one; returns how many it acknowledged.
   */
  private int writeUntilRefused(ZooKeeper zk, String prefix) throws InterruptedException {
    for (int i = 0; i < WRITES_MAX; i++) {
      String path = ROOT + "/" + prefix + i;
      if (!tryCreate(zk, path, payload(path))) {
        return i;
      }
    }
    throw new AssertionError(
        WRITES_MAX
            + " writes of "
            + PAYLOAD_BYTES
            + " bytes on a full disk; files: "
            + disk.files());
  }

  /**
   * Creates {@code path}; records whether the server acknowledged it. The only refusal a full disk
   * may give is CONNECTION_LOSS.
   */
  private boolean tryCreate(ZooKeeper zk, String path, byte[] data) throws InterruptedException {
    try {
      zk.create(path, data, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      acked.put(path, new Stored(data, 0));
      return true;
    } catch (KeeperException e) {
      assertThat(e.code()).as("the answer to create %s", path).isEqualTo(Code.CONNECTIONLOSS);
      refused.add(path);
      return false;
    }
  }

  /** A write the server must refuse (with CONNECTION_LOSS) while its disk is full. */
  @FunctionalInterface
  private interface Write {
    void run() throws KeeperException, InterruptedException;
  }

  private static void assertRefused(Write write) throws InterruptedException {
    try {
      write.run();
    } catch (KeeperException e) {
      assertThat(e.code()).as("the answer on a full disk").isEqualTo(Code.CONNECTIONLOSS);
      return;
    }
    throw new AssertionError("a write was acknowledged on a full disk");
  }

  /** Every acknowledged write is there, with its data and version. */
  private void assertHoldsAcked(ZooKeeper zk) throws KeeperException, InterruptedException {
    for (Map.Entry<String, Stored> e : acked.entrySet()) {
      Stat stat = new Stat();
      byte[] data = zk.getData(e.getKey(), false, stat);
      assertThat(data).as("data of acknowledged %s", e.getKey()).isEqualTo(e.getValue().data());
      assertThat(stat.getVersion())
          .as("version of %s", e.getKey())
          .isEqualTo(e.getValue().version());
    }
  }

  /** The server that refused them never applied them. */
  private void assertRefusedInvisible(ZooKeeper zk) throws KeeperException, InterruptedException {
    for (String path : refused) {
      assertThat(zk.exists(path, false)).as("refused %s", path).isNull();
    }
    Set<String> children = new TreeSet<>(zk.getChildren(ROOT, false));
    Set<String> ackedChildren = new TreeSet<>();
    acked.keySet().stream()
        .filter(p -> p.startsWith(ROOT + "/"))
        .forEach(p -> ackedChildren.add(p.substring(ROOT.length() + 1)));
    assertThat(children).isEqualTo(ackedChildren);
  }

  /** {@code bytes} of data naming {@code tag}, so a mix-up between nodes shows. */
  private static byte[] payload(String tag, int bytes) {
    byte[] seed = (tag + ";").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      out[i] = seed[i % seed.length];
    }
    return out;
  }

  private static byte[] payload(String tag) {
    return payload(tag, PAYLOAD_BYTES);
  }

  private static Path workRoot() throws IOException {
    Path root = Path.of(System.getProperty("paddock.it.workdir", "target/it-servers"));
    return Files.createDirectories(root).toAbsolutePath();
  }
}
