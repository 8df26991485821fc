package io.paddock.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.DistributedReadWriteLock;
import io.paddock.api.recipes.DistributedSemaphore;
import io.paddock.api.recipes.LeaderLatch;
import io.paddock.api.recipes.LeaderListener;
import io.paddock.api.recipes.LeaderSelector;
import io.paddock.api.recipes.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Read-write lock, semaphore and leader election against an in-process Paddock server. */
class LocksAndLeadersTest {
  private static final Duration SHORT = Duration.ofMillis(200);
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
    return "/recipes/" + info.getTestMethod().orElseThrow().getName();
  }

  @Test
  void readersShareWritersExcludeAndNobodyOvertakesAQueuedWriter(TestInfo info) throws Exception {
    DistributedReadWriteLock a = server.coordination().readWriteLock(path(info));
    DistributedReadWriteLock b = server.coordination().readWriteLock(path(info));
    DistributedReadWriteLock c = server.coordination().readWriteLock(path(info));
    Lease readA = a.readLock().acquire();
    Lease readB = b.readLock().tryAcquire(SHORT).orElseThrow(); // readers share
    assertThat(c.writeLock().tryAcquire(SHORT)).isEmpty(); // a writer waits for them

    AtomicInteger writerGot = new AtomicInteger();
    Thread writer =
        new Thread(
            () -> {
              try (Lease w = c.writeLock().acquire()) {
                writerGot.incrementAndGet();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    writer.start();
    await()
        .atMost(RecipeServer.WAIT)
        .until(() -> server.coordination().client().getChildren(path(info)).size() == 3);
    // a reader that comes after the queued writer waits for it
    DistributedLock lateReader = server.coordination().readWriteLock(path(info)).readLock();
    assertThat(lateReader.tryAcquire(SHORT)).isEmpty();
    readA.close();
    assertThat(writerGot.get()).isZero();
    readB.close();
    writer.join(RecipeServer.WAIT.toMillis());
    assertThat(writerGot.get()).isEqualTo(1);
    lateReader.tryAcquire(RecipeServer.WAIT).orElseThrow().close();
  }

  @Test
  void aThreadCannotUpgradeOrDowngrade(TestInfo info) throws Exception {
    DistributedReadWriteLock rw = server.coordination().readWriteLock(path(info));
    try (Lease read = rw.readLock().acquire()) {
      assertThatThrownBy(() -> rw.writeLock().acquire()).isInstanceOf(IllegalStateException.class);
      assertThat(rw.readLock().acquire()).isSameAs(read); // re-entrant on its own side
      read.close();
    }
    try (Lease write = rw.writeLock().acquire()) {
      assertThat(write.isHeld()).isTrue();
      assertThatThrownBy(() -> rw.readLock().acquire()).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aSemaphoreGrantsItsPermitsAndThenMakesWait(TestInfo info) throws Exception {
    DistributedSemaphore s1 = server.coordination().semaphore(path(info), 2);
    DistributedSemaphore s2 = server.coordination().semaphore(path(info), 2);
    Lease first = s1.acquire();
    Lease second = s2.acquire();
    assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
    assertThat(s2.tryAcquire(SHORT)).isEmpty();
    first.close();
    Optional<Lease> third = s2.tryAcquire(RecipeServer.WAIT);
    assertThat(third).isPresent();
    third.get().close();
    second.close();
    assertThat(server.coordination().client().getChildren(path(info) + "/leases")).isEmpty();
  }

  @Test
  void oneLatchLeadsAndTheNextTakesOverWhenItLeaves(TestInfo info) throws Exception {
    List<LeaderLatch> latches = new ArrayList<>();
    List<String> events = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      LeaderLatch latch = server.coordination().leaderLatch(path(info), "node-" + i);
      String id = "node-" + i;
      latch.addListener(
          new LeaderListener() {
            @Override
            public void isLeader(Lease lease) {
              events.add(id + "+");
            }

            @Override
            public void notLeader() {
              events.add(id + "-");
            }
          });
      latch.start();
      latches.add(latch);
    }
    assertThat(latches.get(0).await(RecipeServer.WAIT)).isTrue();
    assertThat(latches.get(1).hasLeadership()).isFalse();
    assertThat(latches.get(2).await(SHORT)).isFalse();
    assertThat(latches.get(1).leaderId()).contains("node-0");
    assertThat(latches.get(2).participants()).containsExactly("node-0", "node-1", "node-2");
    long firstToken = latches.get(0).leadership().orElseThrow().fencingToken();

    latches.get(1).close(); // a follower leaves: nothing changes for the leader
    latches.get(0).close(); // the leader leaves: node-2 takes over
    assertThat(latches.get(2).await(RecipeServer.WAIT)).isTrue();
    assertThat(latches.get(2).leadership().orElseThrow().fencingToken()).isGreaterThan(firstToken);
    // Each latch calls its listeners in order on its own client's thread, so node-0's "-" and
    // node-2's "+" may interleave either way; within one latch the order is fixed.
    await()
        .atMost(RecipeServer.WAIT)
        .untilAsserted(
            () -> assertThat(events).containsExactlyInAnyOrder("node-0+", "node-0-", "node-2+"));
    assertThat(events.indexOf("node-0+")).isLessThan(events.indexOf("node-0-"));
    latches.get(2).close();
  }

  @Test
  void leadershipMovesWhenTheLeadersSessionExpires(TestInfo info) throws Exception {
    PaddockCoordination doomed = server.coordination();
    LeaderLatch first = doomed.leaderLatch(path(info), "first");
    first.start();
    assertThat(first.await(RecipeServer.WAIT)).isTrue();
    LeaderLatch second = server.coordination().leaderLatch(path(info), "second");
    second.start();
    server.expire(doomed.client());
    assertThat(second.await(RecipeServer.WAIT)).isTrue();
    await().atMost(RecipeServer.WAIT).until(() -> !first.hasLeadership());
    second.close();
  }

  @Test
  void selectorsTakeTurnsAndNeverLeadTogether(TestInfo info) throws Exception {
    AtomicInteger leading = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    AtomicInteger terms = new AtomicInteger();
    List<LeaderSelector> selectors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      LeaderSelector s =
          server
              .coordination()
              .leaderSelector(
                  path(info),
                  "s" + i,
                  lease -> {
                    if (leading.incrementAndGet() > 1) {
                      overlap.incrementAndGet();
                    }
                    // finally: close() below may interrupt a term mid-sleep; its end must still
                    // count, or the next leader would look like an overlap.
                    try {
                      TimeUnit.MILLISECONDS.sleep(20);
                      terms.incrementAndGet();
                    } finally {
                      leading.decrementAndGet();
                    }
                  });
      selectors.add(s);
      s.start();
    }
    await()
        .atMost(RecipeServer.WAIT)
        .until(() -> selectors.stream().allMatch(s -> s.leadershipCount() >= 2));
    selectors.forEach(LeaderSelector::close);
    assertThat(overlap.get()).isZero();
    assertThat(terms.get()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void closingASelectorInterruptsItsTask(TestInfo info) throws Exception {
    AtomicInteger interrupted = new AtomicInteger();
    LeaderSelector s =
        server
            .coordination()
            .leaderSelector(
                path(info),
                "only",
                lease -> {
                  try {
                    TimeUnit.MINUTES.sleep(5);
                  } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                  }
                });
    s.start();
    await().atMost(RecipeServer.WAIT).until(s::hasLeadership);
    s.close();
    assertThat(interrupted.get()).isEqualTo(1);
    assertThat(s.hasLeadership()).isFalse();
  }
}
