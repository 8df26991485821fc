package io.paddock.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.it.harness.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * Durability under crashes: writers go as fast as they can while the server is killed with SIGKILL
 * at random moments and restarted, over and over. After every restart each acknowledged write must
 * be there with its data and version, and no sequential name is ever handed out twice.
 *
 * <p>Each writer owns one node and writes version k with data "k" as a conditional setData on
 * version k-1, so the stored (data, version) pair proves which write landed: it must be the last
 * acknowledged one or the single unacknowledged one that was in flight when the server died.
 */
public abstract class CrashRecoveryContract extends ServerContract {
  private static final int WRITERS = 4;
  private static final long SEED = 20261125L;

  /** One writer thread's view of what the server acknowledged. */
  private static final class Writer implements Runnable {
    final String path;
    final ZooKeeper zk;
    final AtomicBoolean running;
    final AtomicLong lastAcked = new AtomicLong();
    final Set<String> ackedSequential;

    Writer(String path, ZooKeeper zk, long startVersion, AtomicBoolean running, Set<String> acked) {
      this.path = path;
      this.zk = zk;
      this.running = running;
      this.ackedSequential = acked;
      lastAcked.set(startVersion);
    }

    @Override
    public void run() {
      while (running.get()) {
        long next = lastAcked.get() + 1;
        try {
          zk.setData(path, Long.toString(next).getBytes(StandardCharsets.UTF_8), (int) next - 1);
          lastAcked.set(next);
          String name =
              zk.create(
                  path + "-seq-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
          ackedSequential.add(name);
        } catch (KeeperException | InterruptedException e) {
          return; // the server died under us: stop, the test checks what was acknowledged
        }
      }
    }
  }

  /** How many kill -9 rounds to run; the issue asks for at least 20 against Paddock. */
  protected int kills() {
    return 20;
  }

  @Test
  void acknowledgedWritesSurviveRepeatedKill9() throws Exception {
    Random random = new Random(SEED);
    String base = uniquePath();
    List<String> paths = new ArrayList<>();
    try (Clients setup = new Clients(server)) {
      ZooKeeper zk = setup.connect();
      zk.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      for (int i = 0; i < WRITERS; i++) {
        String path = base + "/w" + i;
        zk.create(
            path, "0".getBytes(StandardCharsets.UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        paths.add(path);
      }
    }
    long[] acked = new long[WRITERS];
    Set<String> ackedSequential = ConcurrentHashMap.newKeySet();
    Set<String> everSeen = new HashSet<>();
    for (int round = 0; round < kills(); round++) {
      AtomicBoolean running = new AtomicBoolean(true);
      List<Writer> writers = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      try (Clients round1 = new Clients(server)) {
        for (int i = 0; i < WRITERS; i++) {
          Writer w = new Writer(paths.get(i), round1.connect(), acked[i], running, ackedSequential);
          writers.add(w);
          Thread t = new Thread(w, "crash-writer-" + i);
          threads.add(t);
          t.start();
        }
        Thread.sleep(
            100 + random.nextInt(300)); // a random moment to crash at, not a wait for state
        server.kill9();
        running.set(false);
        for (Thread t : threads) {
          t.join(Duration.ofSeconds(30).toMillis());
        }
      }
      for (int i = 0; i < WRITERS; i++) {
        acked[i] = writers.get(i).lastAcked.get();
      }
      server.start();
      try (Clients check = new Clients(server)) {
        ZooKeeper zk = check.connect();
        for (int i = 0; i < WRITERS; i++) {
          Stat stat = new Stat();
          long stored =
              Long.parseLong(
                  new String(zk.getData(paths.get(i), false, stat), StandardCharsets.UTF_8));
          assertThat(stat.getVersion())
              .as("round %d writer %d: data and version agree", round, i)
              .isEqualTo((int) stored);
          assertThat(stored)
              .as("round %d writer %d: acknowledged %d", round, i, acked[i])
              .isBetween(acked[i], acked[i] + 1);
          acked[i] = stored;
        }
        List<String> children = zk.getChildren(base, false);
        for (String name : ackedSequential) {
          assertThat(children)
              .as("acknowledged sequential node %s", name)
              .contains(name.substring(base.length() + 1));
        }
        for (String child : children) {
          if (child.contains("-seq-")) {
            everSeen.add(child);
          }
        }
      }
    }
    try (Clients last = new Clients(server)) {
      ZooKeeper zk = last.connect();
      for (int i = 0; i < 20; i++) {
        String name =
            zk.create(
                paths.get(0) + "-seq-",
                null,
                Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT_SEQUENTIAL);
        assertThat(everSeen)
            .as("sequential names never repeat")
            .doesNotContain(name.substring(base.length() + 1));
      }
    }
    assertThat(ackedSequential).isNotEmpty();
  }
}
