package io.paddock.it.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.KeeperState;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.recipes.Coordination;
import io.paddock.api.recipes.Coordinations;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.DistributedSemaphore;
import io.paddock.api.recipes.Lease;
import io.paddock.api.recipes.LeaseLostException;
import io.paddock.api.recipes.LeaseState;
import io.paddock.it.contract.ServerContract;
import io.paddock.it.harness.Clients;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The lock service through Paddock's client against a real server process: exclusion across
 * threads, clients and processes with no lost update, fencing tokens that only grow, leases lost
 * with their session and the guarded write refused after, and no herd, checked on the server: one
 * watch per waiter ({@code wchs}) and, where the server has {@code wchp}, each queued node watched
 * only by its successor (plus the holder's own watch) and nobody watching the children.
 */
public abstract class LockServiceContract extends ServerContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Coordination coordination() {
    Coordination c =
        Coordinations.connect(
            ClientConfig.builder(server.connectString())
                .sessionTimeoutMs(Clients.SESSION_TIMEOUT_MS)
                .build());
    clients.register(c);
    await().atMost(WAIT).until(() -> c.client().state() == KeeperState.SYNC_CONNECTED);
    return c;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long decimal(PaddockClient c, String path) throws Exception {
    return Long.parseLong(new String(c.getData(path).data(), StandardCharsets.UTF_8));
  }

  @Test
  void threadsClientsAndProcessesExcludeEachOtherWithNoLostUpdate() throws Exception {
    String lockPath = uniquePath();
    String counter = uniquePath();
    Coordination admin = coordination();
    admin.client().create(counter, bytes("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    int processes = 2;
    int processThreads = 2;
    int processRounds = 10;
    int clientsInJvm = 2;
    int threadsPerClient = 3;
    int rounds = 8;

    List<Process> workers = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      workers.add(startWorker(lockPath, counter, processRounds, processThreads, p));
    }
    ExecutorService pool = Executors.newFixedThreadPool(clientsInJvm * threadsPerClient);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < clientsInJvm; i++) {
        Coordination c = coordination();
        DistributedLock lock = c.mutex(lockPath);
        for (int t = 0; t < threadsPerClient; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < rounds; r++) {
                      LockWorker.incrementUnder(lock, c.client(), counter);
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
      for (Process w : workers) {
        assertThat(w.waitFor(3, TimeUnit.MINUTES)).as("worker finished").isTrue();
        assertThat(w.exitValue()).as("worker exit status").isZero();
      }
    } finally {
      pool.shutdownNow();
      workers.forEach(Process::destroyForcibly);
    }
    long expected =
        (long) processes * processThreads * processRounds
            + (long) clientsInJvm * threadsPerClient * rounds;
    assertThat(decimal(admin.client(), counter)).isEqualTo(expected);
    // The lock's directory is a container: once empty, the server may reap it at any moment.
    List<String> left;
    try {
      left = admin.client().getChildren(lockPath);
    } catch (PaddockException.NoNode reaped) {
      left = List.of();
    }
    assertThat(left).isEmpty();
  }

  private Process startWorker(String lockPath, String counter, int rounds, int threads, int n)
      throws Exception {
    Path log = Files.createTempFile(server.dataDir().getParent(), "lock-worker-" + n + "-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            LockWorker.class.getName(),
            server.connectString(),
            lockPath,
            counter,
            Integer.toString(rounds),
            Integer.toString(threads));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return builder.start();
  }

  @Test
  void fencingTokensGrowAcrossHoldersAndSessions() throws Exception {
    String lockPath = uniquePath();
    List<Long> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Coordination c = coordination();
      try (Lease lease = c.mutex(lockPath).acquire()) {
        tokens.add(lease.fencingToken());
      }
      try (Lease again = c.mutex(lockPath).acquire()) {
        tokens.add(again.fencingToken());
      }
    }
    assertThat(tokens).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void aLeaseIsLostWithItsSessionAndItsGuardedWriteIsRefused() throws Exception {
    String lockPath = uniquePath();
    String guarded = uniquePath();
    Coordination holder = coordination();
    Coordination other = coordination();
    other.client().create(guarded, bytes("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Lease lease = holder.mutex(lockPath).acquire();
    List<LeaseState> seen = new CopyOnWriteArrayList<>();
    lease.addListener((l, s) -> seen.add(s));

    expire(holder.client());

    await().atMost(WAIT).until(() -> seen.contains(LeaseState.LOST));
    assertThat(lease.state()).isEqualTo(LeaseState.LOST);
    assertThatThrownBy(() -> lease.writeIfHeld(List.of(new Op.SetData(guarded, bytes("x"), -1))))
        .isInstanceOf(LeaseLostException.class);
    Optional<Lease> next = other.mutex(lockPath).tryAcquire(WAIT);
    assertThat(next).isPresent();
    try (Lease l = next.get()) {
      assertThat(l.fencingToken()).isGreaterThan(lease.fencingToken());
      l.writeIfHeld(List.of(new Op.SetData(guarded, bytes("1"), -1)));
    }
    assertThat(decimal(other.client(), guarded)).isEqualTo(1);
    lease.close();
  }

  @Test
  void waitersWatchOnlyTheirPredecessorAndAcquireInQueueOrder() throws Exception {
    String lockPath = uniquePath();
    int waiters = 6;
    Coordination first = coordination();
    long watchesBefore = totalWatches();
    Lease held = first.mutex(lockPath).acquire();
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < waiters; i++) {
      DistributedLock lock = coordination().mutex(lockPath);
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try (Lease l = lock.acquire()) {
                  order.add(index);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      threads.add(t);
      int queued = i + 2;
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(first.client().getChildren(lockPath)).hasSize(queued));
    }
    // holder: its own lease watch; every waiter: one watch (on its predecessor)
    await().atMost(WAIT).until(() -> totalWatches() == watchesBefore + waiters + 1);
    String dump = server.fourLetterWord("wchp");
    if (!dump.startsWith("Unknown command")) { // Paddock's server has no wchp yet
      Map<String, Integer> watchers = watchersByPath(dump, lockPath);
      assertThat(watchers).as(dump).doesNotContainKey(lockPath); // nobody watches the children
      assertThat(watchers.values()).as(dump).allMatch(n -> n <= 2);
      assertThat(watchers).as(dump).hasSize(waiters); // the last waiter is watched by nobody
    }

    held.close();
    for (Thread t : threads) {
      t.join(WAIT.toMillis());
    }
    assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
  }

  /**
   * Ends {@code victim}'s session from outside, as an expiry would: the official client attaches to
   * it with its id and password and closes it. The two clients take the session from each other
   * until then, so a close that happened while the thief was pushed off is tried again.
   */
  private void expire(PaddockClient victim) throws Exception {
    for (int attempt = 1; victim.state() != KeeperState.EXPIRED; attempt++) {
      Clients.StateRecorder states = new Clients.StateRecorder();
      ZooKeeper thief = clients.attach(victim.sessionId(), victim.sessionPassword(), states);
      states.await(Watcher.Event.KeeperState.SyncConnected, WAIT);
      thief.close();
      try {
        await().atMost(Duration.ofSeconds(5)).until(() -> victim.state() == KeeperState.EXPIRED);
      } catch (ConditionTimeoutException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** The server's total watch count, from {@code wchs}. */
  private long totalWatches() {
    String text = server.fourLetterWord("wchs");
    int at = text.indexOf("Total watches:");
    return Long.parseLong(text.substring(at + "Total watches:".length()).trim());
  }

  /** From a {@code wchp} dump: for each path at or under {@code prefix}, how many watch it. */
  private static Map<String, Integer> watchersByPath(String dump, String prefix) {
    Map<String, Integer> counts = new HashMap<>();
    String current = null;
    for (String line : dump.split("\n", -1)) {
      if (line.startsWith("/")) {
        current = line.trim().equals(prefix) || line.startsWith(prefix + "/") ? line.trim() : null;
      } else if (current != null && line.trim().startsWith("0x")) {
        counts.merge(current, 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  void aSemaphoreNeverGrantsMoreThanItsPermits() throws Exception {
    String path = uniquePath();
    int permits = 2;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        DistributedSemaphore semaphore = coordination().semaphore(path, permits);
        done.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < 4; r++) {
                    try (Lease l = semaphore.acquire()) {
                      most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                      TimeUnit.MILLISECONDS.sleep(5);
                      inside.decrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(most.get()).isBetween(1, permits);
  }
}
