package io.paddock.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.Lease;
import io.paddock.api.recipes.LeaseLostException;
import io.paddock.api.recipes.LeaseState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The mutex and its leases against an in-process Paddock server. */
class MutexTest {
  @TempDir static Path dataDir;
  private static RecipeServer server;

  @BeforeAll
  static void start() {
    server = RecipeServer.start(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String path(TestInfo info) {
    return "/locks/" + info.getTestMethod().orElseThrow().getName();
  }

  private static long counter(PaddockClient c, String path) throws Exception {
    return Long.parseLong(new String(c.getData(path).data(), StandardCharsets.UTF_8));
  }

  @Test
  void threadsOfSeveralClientsExcludeEachOtherAndLoseNoUpdate(TestInfo info) throws Exception {
    String lockPath = path(info);
    String data = "/data-" + info.getTestMethod().orElseThrow().getName();
    int clients = 3;
    int threadsPerClient = 3;
    int rounds = 12;
    List<PaddockCoordination> coordinations = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      coordinations.add(server.coordination());
    }
    PaddockClient admin = coordinations.get(0).client();
    admin.create(
        data, "0".getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    List<Long> tokens = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients * threadsPerClient);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (PaddockCoordination c : coordinations) {
        DistributedLock lock = c.mutex(lockPath);
        for (int t = 0; t < threadsPerClient; t++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int r = 0; r < rounds; r++) {
                      try (Lease lease = lock.acquire()) {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        tokens.add(lease.fencingToken());
                        // read-modify-write that only mutual exclusion keeps correct
                        long v = counter(c.client(), data);
                        lease.writeIfHeld(
                            List.of(
                                new Op.SetData(
                                    data,
                                    Long.toString(v + 1).getBytes(StandardCharsets.UTF_8),
                                    -1)));
                        inside.decrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(maxInside.get()).isEqualTo(1);
    assertThat(counter(admin, data)).isEqualTo((long) clients * threadsPerClient * rounds);
    // tokens were recorded in lock order, so they must be strictly increasing
    for (int i = 1; i < tokens.size(); i++) {
      assertThat(tokens.get(i)).isGreaterThan(tokens.get(i - 1));
    }
    assertThat(admin.getChildren(lockPath)).isEmpty();
  }

  @Test
  void reentrantPerThreadWithOneNode(TestInfo info) throws Exception {
    PaddockCoordination c = server.coordination();
    DistributedLock lock = c.mutex(path(info));
    Lease outer = lock.acquire();
    Lease inner = lock.acquire();
    assertThat(inner).isSameAs(outer);
    assertThat(c.client().getChildren(path(info))).hasSize(1);
    inner.close();
    assertThat(lock.isHeldByCurrentThread()).isTrue();
    assertThat(outer.state()).isEqualTo(LeaseState.HELD);
    outer.close();
    assertThat(outer.state()).isEqualTo(LeaseState.RELEASED);
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(c.client().getChildren(path(info))).isEmpty();
    outer.close(); // extra closes do nothing
    assertThatThrownBy(() -> outer.writeIfHeld(List.of())).isInstanceOf(LeaseLostException.class);
  }

  @Test
  void tryAcquireTimesOutAndWithdraws(TestInfo info) throws Exception {
    PaddockCoordination a = server.coordination();
    PaddockCoordination b = server.coordination();
    try (Lease held = a.mutex(path(info)).acquire()) {
      long start = System.nanoTime();
      Optional<Lease> none = b.mutex(path(info)).tryAcquire(Duration.ofMillis(300));
      assertThat(none).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(b.client().getChildren(path(info))).containsExactly(Calls.name(held.path()));
      assertThat(b.mutex(path(info)).tryAcquire(Duration.ZERO)).isEmpty();
    }
    assertThat(b.mutex(path(info)).tryAcquire(Duration.ZERO)).hasValueSatisfying(Lease::close);
  }

  @Test
  void waitingIsInterruptibleAndWithdrawsTheNode(TestInfo info) throws Exception {
    PaddockCoordination a = server.coordination();
    PaddockCoordination b = server.coordination();
    try (Lease held = a.mutex(path(info)).acquire()) {
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  b.mutex(path(info)).acquire().close();
                  outcome.set(new AssertionError("acquired a held lock"));
                } catch (Throwable t) {
                  outcome.set(t);
                }
              });
      waiter.start();
      await().atMost(RecipeServer.WAIT).until(() -> a.client().getChildren(path(info)).size() == 2);
      waiter.interrupt();
      waiter.join(RecipeServer.WAIT.toMillis());
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      await()
          .atMost(RecipeServer.WAIT)
          .untilAsserted(
              () ->
                  assertThat(a.client().getChildren(path(info)))
                      .containsExactly(Calls.name(held.path())));
    }
  }

  @Test
  void leaseIsLostWithTheSessionAndGuardedWritesFail(TestInfo info) throws Exception {
    PaddockCoordination a = server.coordination();
    PaddockCoordination b = server.coordination();
    String guarded = "/guarded-" + info.getTestMethod().orElseThrow().getName();
    b.client().create(guarded, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Lease lease = a.mutex(path(info)).acquire();
    List<LeaseState> seen = new CopyOnWriteArrayList<>();
    lease.addListener((l, s) -> seen.add(s));
    lease.writeIfHeld(List.of(new Op.SetData(guarded, bytes("a"), -1)));

    server.expire(a.client());

    await().atMost(RecipeServer.WAIT).until(() -> lease.state() == LeaseState.LOST);
    await().atMost(RecipeServer.WAIT).until(() -> seen.contains(LeaseState.LOST));
    assertThatThrownBy(
            () -> lease.writeIfHeld(List.of(new Op.SetData(guarded, bytes("stale"), -1))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(new String(b.client().getData(guarded).data(), StandardCharsets.UTF_8))
        .isEqualTo("a");
    try (Lease next = b.mutex(path(info)).tryAcquire(RecipeServer.WAIT).orElseThrow()) {
      assertThat(next.fencingToken()).isGreaterThan(lease.fencingToken());
      next.writeIfHeld(List.of(new Op.SetData(guarded, bytes("b"), -1)));
    }
    lease.close(); // closing a lost lease is harmless
    assertThat(lease.state()).isEqualTo(LeaseState.LOST);
  }

  @Test
  void guardedWriteFailsOnceTheLeaseNodeIsGoneEvenBeforeTheHolderNotices(TestInfo info)
      throws Exception {
    PaddockCoordination a = server.coordination();
    PaddockCoordination admin = server.coordination();
    Lease lease = a.mutex(path(info)).acquire();
    admin.client().delete(lease.path(), -1); // an operator removes the lock node
    assertThatThrownBy(() -> lease.writeIfHeld(List.of(new Op.Check("/", -1))))
        .isInstanceOf(LeaseLostException.class);
    assertThat(lease.state()).isEqualTo(LeaseState.LOST);
    lease.close();
  }

  @Test
  void noHerdEachWaiterIsWokenOnlyByItsPredecessor(TestInfo info) throws Exception {
    int waiters = 8;
    PaddockCoordination holderSide = server.coordination();
    Lease first = holderSide.mutex(path(info)).acquire();
    List<CountingClient> counters = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicInteger acquired = new AtomicInteger();
    for (int i = 0; i < waiters; i++) {
      CountingClient counting = new CountingClient(server.coordination().client());
      counters.add(counting);
      PaddockCoordination c =
          server.register(PaddockCoordination.on(counting, RecipeServer.POLL_MS));
      DistributedLock lock = c.mutex(path(info));
      Thread t =
          new Thread(
              () -> {
                try (Lease l = lock.acquire()) {
                  acquired.incrementAndGet();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      threads.add(t);
      t.start();
      int queued = i + 2;
      await()
          .atMost(RecipeServer.WAIT)
          .until(() -> holderSide.client().getChildren(path(info)).size() == queued);
    }
    await()
        .atMost(RecipeServer.WAIT)
        .until(() -> counters.stream().allMatch(c -> c.dataWatches.get() == 1));
    first.close();
    for (Thread t : threads) {
      t.join(RecipeServer.WAIT.toMillis());
    }
    assertThat(acquired.get()).isEqualTo(waiters);
    int events = 0;
    for (CountingClient c : counters) {
      // one watch on the predecessor, woken once; plus the watch each holder keeps on its own
      // lease node, which fires when it releases
      assertThat(c.childWatches.get()).isZero();
      assertThat(c.dataWatches.get()).isLessThanOrEqualTo(2);
      assertThat(c.listings.get()).isLessThanOrEqualTo(2);
      events += c.watchEvents.get();
    }
    assertThat(events).isLessThanOrEqualTo(2 * waiters);
  }

  @Test
  void aCreateWhoseAnswerWasLostIsFoundByItsIdNotCreatedTwice(TestInfo info) throws Exception {
    CountingClient counting = new CountingClient(server.coordination().client());
    counting.create(path(info), new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    counting.loseCreateAnswers.set(1);
    PaddockCoordination c = server.register(PaddockCoordination.on(counting, RecipeServer.POLL_MS));
    try (Lease lease = c.mutex(path(info)).acquire()) {
      assertThat(counting.loseCreateAnswers.get()).isZero(); // the answer really was lost
      assertThat(counting.sequentialCreates.get()).isEqualTo(1);
      assertThat(counting.getChildren(path(info))).containsExactly(Calls.name(lease.path()));
      assertThat(lease.isHeld()).isTrue();
    }
    assertThat(counting.getChildren(path(info))).isEmpty();
  }

  @Test
  void lockAdapterFollowsTheLockContract(TestInfo info) throws Exception {
    PaddockCoordination a = server.coordination();
    PaddockCoordination b = server.coordination();
    Lock mine = a.mutex(path(info)).asLock();
    Lock theirs = b.mutex(path(info)).asLock();
    mine.lock();
    try {
      mine.lock(); // re-entrant
      try {
        assertThat(theirs.tryLock()).isFalse();
        assertThat(theirs.tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
        assertThatThrownBy(theirs::unlock).isInstanceOf(IllegalMonitorStateException.class);
        assertThatThrownBy(mine::newCondition).isInstanceOf(UnsupportedOperationException.class);
      } finally {
        mine.unlock();
      }
      assertThat(theirs.tryLock()).isFalse();
    } finally {
      mine.unlock();
    }
    assertThat(theirs.tryLock(5, TimeUnit.SECONDS)).isTrue();
    theirs.unlock();
  }

  @Test
  void leaseIsUncertainWhileDisconnectedAndHeldAgainWhenTheSessionSurvives(TestInfo info)
      throws Exception {
    try (CutProxy proxy = new CutProxy(server.port())) {
      PaddockCoordination c =
          server.coordination(RecipeServer.config(proxy.connectString(), 10_000));
      Lease lease = c.mutex(path(info)).acquire();
      List<LeaseState> seen = new CopyOnWriteArrayList<>();
      lease.addListener((l, s) -> seen.add(s));
      proxy.cutAll(); // the client reconnects through the proxy to the same session
      await()
          .atMost(RecipeServer.WAIT)
          .until(() -> seen.equals(List.of(LeaseState.UNCERTAIN, LeaseState.HELD)));
      assertThat(lease.isHeld()).isTrue();
      lease.writeIfHeld(List.of(new Op.Check(path(info), -1)));
      lease.close();
      assertThat(seen).endsWith(LeaseState.RELEASED);
    }
  }

  @Test
  void leaseIsLostAfterASessionTimeoutOfDisconnection(@TempDir Path dir) throws Exception {
    try (RecipeServer own = RecipeServer.start(dir, 100)) {
      PaddockCoordination c = own.coordination(RecipeServer.config(own.connectString(), 1_000));
      Lease lease = c.mutex("/uncertain").acquire();
      List<LeaseState> seen = new CopyOnWriteArrayList<>();
      lease.addListener((l, s) -> seen.add(s));
      own.stopServer();
      await().atMost(RecipeServer.WAIT).until(() -> !seen.isEmpty());
      assertThat(seen.get(0)).isEqualTo(LeaseState.UNCERTAIN);
      assertThat(lease.isHeld()).isFalse();
      // nobody can confirm the session any more: after a whole session timeout it is over
      await()
          .atMost(RecipeServer.WAIT)
          .until(() -> seen.equals(List.of(LeaseState.UNCERTAIN, LeaseState.LOST)));
      own.restart();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
