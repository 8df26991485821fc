package io.paddock.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.PaddockException;
import io.paddock.api.recipes.Barrier;
import io.paddock.api.recipes.DistributedQueue;
import io.paddock.api.recipes.DoubleBarrier;
import io.paddock.api.recipes.GroupMember;
import io.paddock.api.recipes.GroupMembership;
import io.paddock.api.recipes.Membership;
import io.paddock.api.recipes.SharedCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Group membership, barriers, queue and counter against an in-process Paddock server. */
class GroupBarrierQueueTest {
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

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> ids(List<GroupMember> members) {
    return members.stream().map(GroupMember::id).toList();
  }

  @Test
  void membersJoinAreListedAndWatchedAndLeaveWithTheirSession(TestInfo info) throws Exception {
    GroupMembership observer = server.coordination().group(path(info));
    List<List<String>> seen = new CopyOnWriteArrayList<>();
    AutoCloseable watch = observer.watch(members -> seen.add(ids(members)));

    PaddockCoordination dies = server.coordination();
    Membership a = server.coordination().group(path(info)).join("a", b("10.0.0.1:80"));
    Membership c = dies.group(path(info)).join("c", b("10.0.0.3:80"));
    assertThatThrownBy(() -> server.coordination().group(path(info)).join("a", b("x")))
        .isInstanceOf(PaddockException.NodeExists.class);
    await()
        .atMost(RecipeServer.WAIT)
        .until(() -> ids(observer.members()).equals(List.of("a", "c")));
    assertThat(new String(observer.members().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("10.0.0.1:80");
    a.update(b("10.0.0.1:81"));
    assertThat(new String(observer.members().get(0).data(), StandardCharsets.UTF_8))
        .isEqualTo("10.0.0.1:81");
    await()
        .atMost(RecipeServer.WAIT)
        .until(() -> !seen.isEmpty() && seen.get(seen.size() - 1).equals(List.of("a", "c")));

    dies.close(); // c's process ends: c leaves with its session
    await().atMost(RecipeServer.WAIT).until(() -> seen.get(seen.size() - 1).equals(List.of("a")));
    a.close();
    await().atMost(RecipeServer.WAIT).until(() -> seen.get(seen.size() - 1).isEmpty());
    assertThat(seen.get(0)).isEmpty(); // the first report is the state when watching began
    watch.close();
    c.close(); // leaving twice is harmless
  }

  @Test
  void aBarrierHoldsWaitersUntilLowered(TestInfo info) throws Exception {
    Barrier barrier = server.coordination().barrier(path(info));
    assertThat(barrier.await(SHORT)).isTrue(); // down: nothing to wait for
    barrier.raise();
    assertThat(barrier.await(SHORT)).isFalse();
    Barrier other = server.coordination().barrier(path(info));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> w1 = pool.submit(() -> other.await(RecipeServer.WAIT));
      Future<Boolean> w2 = pool.submit(() -> barrier.await(RecipeServer.WAIT));
      TimeUnit.MILLISECONDS.sleep(100);
      assertThat(w1.isDone() || w2.isDone()).isFalse();
      barrier.lower();
      assertThat(w1.get(30, TimeUnit.SECONDS)).isTrue();
      assertThat(w2.get(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDoubleBarrierStartsAndEndsEveryoneTogether(TestInfo info) throws Exception {
    int size = 3;
    List<String> log = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(size);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        DoubleBarrier barrier = server.coordination().doubleBarrier(path(info), "p" + i, size);
        int n = i;
        done.add(
            pool.submit(
                () -> {
                  TimeUnit.MILLISECONDS.sleep(50L * n); // arrive one after another
                  log.add("enter-" + n);
                  boolean in = barrier.enter(RecipeServer.WAIT);
                  log.add("work-" + n);
                  boolean out = barrier.leave(RecipeServer.WAIT);
                  log.add("left-" + n);
                  return in && out;
                }));
      }
      for (Future<Boolean> f : done) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    int lastEnter = 0;
    int firstWork = Integer.MAX_VALUE;
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).startsWith("enter")) {
        lastEnter = i;
      } else if (log.get(i).startsWith("work")) {
        firstWork = Math.min(firstWork, i);
      }
    }
    assertThat(firstWork).as(log.toString()).isGreaterThan(lastEnter);
    assertThat(server.coordination().client().getChildren(path(info))).isEmpty();
    DoubleBarrier alone = server.coordination().doubleBarrier(path(info) + "-alone", "x", 2);
    assertThat(alone.enter(SHORT)).isFalse(); // nobody came: it withdraws
    assertThat(server.coordination().client().getChildren(path(info) + "-alone")).isEmpty();
  }

  @Test
  void aQueueHandsEachElementToExactlyOneConsumerInOrder(TestInfo info) throws Exception {
    DistributedQueue producer = server.coordination().queue(path(info));
    assertThat(producer.poll()).isEmpty();
    assertThat(producer.take(SHORT)).isEmpty();
    for (int i = 0; i < 5; i++) {
      producer.offer(b("e" + i));
    }
    assertThat(producer.size()).isEqualTo(5);
    assertThat(producer.peek().map(x -> new String(x, StandardCharsets.UTF_8))).contains("e0");
    assertThat(producer.poll().map(x -> new String(x, StandardCharsets.UTF_8))).contains("e0");

    ConcurrentLinkedQueue<String> got = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> consumers = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        DistributedQueue consumer = server.coordination().queue(path(info));
        consumers.add(
            pool.submit(
                () -> {
                  while (true) {
                    Optional<byte[]> e = consumer.take(Duration.ofSeconds(1));
                    if (e.isEmpty()) {
                      return null;
                    }
                    got.add(new String(e.get(), StandardCharsets.UTF_8));
                  }
                }));
      }
      producer.offer(b("late"));
      for (Future<?> f : consumers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(got).containsExactlyInAnyOrder("e1", "e2", "e3", "e4", "late");
    assertThat(producer.size()).isZero();
  }

  @Test
  void aCounterLosesNoIncrementUnderContention(TestInfo info) throws Exception {
    int threads = 4;
    int adds = 25;
    long total = (long) threads * adds;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger failures = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SharedCounter counter = server.coordination().counter(path(info));
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < adds; i++) {
                    try {
                      counter.add(1);
                    } catch (Exception e) {
                      failures.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    SharedCounter counter = server.coordination().counter(path(info));
    assertThat(failures.get()).isZero();
    assertThat(counter.get()).isEqualTo(total);
    assertThat(counter.compareAndSet(0, 5)).isFalse();
    assertThat(counter.compareAndSet(total, -7)).isTrue();
    assertThat(counter.add(-3)).isEqualTo(-10);
    assertThat(server.coordination().counter(path(info) + "-fresh").get()).isZero();
  }
}
