package io.paddock.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apache Curator 5.9.0 recipes, each with several independent CuratorFramework clients. */
public abstract class CuratorRecipesContract extends ServerContract {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final int SESSION_TIMEOUT_MS = 30_000;
  private static final int CONNECTION_TIMEOUT_MS = 15_000;

  private ExecutorService pool;

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  private CuratorFramework curator() throws InterruptedException {
    CuratorFramework client =
        CuratorFrameworkFactory.newClient(
            server.connectString(),
            SESSION_TIMEOUT_MS,
            CONNECTION_TIMEOUT_MS,
            new RetryNTimes(20, 100));
    clients.register(client);
    client.start();
    assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
    return client;
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }

  @Test
  void interProcessMutexLosesNoIncrements() throws Exception {
    String counter = uniquePath();
    String lockPath = uniquePath();
    int clientsCount = 4;
    int incrementsEach = 15;
    CuratorFramework setup = curator();
    setup.create().forPath(counter, longBytes(0));

    List<Future<Void>> workers = new ArrayList<>();
    for (int c = 0; c < clientsCount; c++) {
      CuratorFramework client = curator();
      InterProcessMutex mutex = new InterProcessMutex(client, lockPath);
      Callable<Void> work =
          () -> {
            for (int i = 0; i < incrementsEach; i++) {
              assertThat(mutex.acquire(30, TimeUnit.SECONDS)).isTrue();
              try {
                long value = ByteBuffer.wrap(client.getData().forPath(counter)).getLong();
                // Unconditional write (version -1): only the lock prevents lost updates.
                client.setData().forPath(counter, longBytes(value + 1));
              } finally {
                mutex.release();
              }
            }
            return null;
          };
      workers.add(pool.submit(work));
    }
    for (Future<Void> worker : workers) {
      worker.get(120, TimeUnit.SECONDS);
    }
    long total = ByteBuffer.wrap(setup.getData().forPath(counter)).getLong();
    assertThat(total).isEqualTo((long) clientsCount * incrementsEach);
    assertThat(setup.checkExists().forPath(counter).getVersion())
        .isEqualTo(clientsCount * incrementsEach);
  }

  @Test
  void leaderLatchFailsOverWhenTheLeadersClientCloses() throws Exception {
    String latchPath = uniquePath();
    List<CuratorFramework> curators = new ArrayList<>();
    List<LeaderLatch> latches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CuratorFramework client = curator();
      LeaderLatch latch = new LeaderLatch(client, latchPath, "node-" + i);
      // The leader's client is closed on purpose below; its latch then has nothing to close.
      clients.register(
          () -> {
            if (client.getState() == CuratorFrameworkState.STARTED) {
              latch.close();
            }
          });
      latch.start();
      curators.add(client);
      latches.add(latch);
    }
    await().atMost(DEADLINE).until(() -> leaders(latches).size() == 1);
    int first = leaders(latches).get(0);
    assertThat(latches.get(0).getLeader().getId()).isEqualTo("node-" + first);

    curators.get(first).close();
    List<LeaderLatch> rest = new ArrayList<>(latches);
    rest.remove(first);
    await().atMost(DEADLINE).until(() -> leaders(rest).size() == 1);
    int second = latches.indexOf(rest.get(leaders(rest).get(0)));
    assertThat(second).isNotEqualTo(first);
    assertThat(rest.get(0).getLeader().getId()).isEqualTo("node-" + second);
    assertThat(rest.get(0).getParticipants()).hasSize(2);
  }

  private static List<Integer> leaders(List<LeaderLatch> latches) {
    List<Integer> leaders = new ArrayList<>();
    for (int i = 0; i < latches.size(); i++) {
      if (latches.get(i).hasLeadership()) {
        leaders.add(i);
      }
    }
    return leaders;
  }

  @Test
  void curatorCacheSeesEveryCreateChangeAndDelete() throws Exception {
    CuratorFramework client = curator();
    String root = uniquePath();
    client.create().forPath(root, "r".getBytes(StandardCharsets.UTF_8));
    List<String> seen = new CopyOnWriteArrayList<>();
    CuratorCache cache = CuratorCache.build(client, root);
    clients.register(cache);
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forCreates(node -> seen.add("created " + node.getPath()))
                .forChanges(
                    (before, after) ->
                        seen.add(
                            "changed "
                                + after.getPath()
                                + " "
                                + new String(after.getData(), StandardCharsets.UTF_8)))
                .forDeletes(node -> seen.add("deleted " + node.getPath()))
                .forInitialized(() -> seen.add("initialized"))
                .build());
    cache.start();
    await().atMost(DEADLINE).until(() -> seen.contains("initialized"));

    CuratorFramework writer = curator();
    writer.create().forPath(root + "/a", "1".getBytes(StandardCharsets.UTF_8));
    await().atMost(DEADLINE).until(() -> seen.contains("created " + root + "/a"));
    writer.setData().forPath(root + "/a", "2".getBytes(StandardCharsets.UTF_8));
    await().atMost(DEADLINE).until(() -> seen.contains("changed " + root + "/a 2"));
    writer.delete().forPath(root + "/a");
    await().atMost(DEADLINE).until(() -> seen.contains("deleted " + root + "/a"));

    assertThat(seen)
        .containsExactly(
            "created " + root,
            "initialized",
            "created " + root + "/a",
            "changed " + root + "/a 2",
            "deleted " + root + "/a");
    assertThat(cache.get(root + "/a")).isEmpty();
    assertThat(cache.get(root)).isPresent();
  }

  @Test
  void distributedBarrierReleasesAllWaiters() throws Exception {
    String barrierPath = uniquePath();
    DistributedBarrier controller = new DistributedBarrier(curator(), barrierPath);
    controller.setBarrier();
    List<Future<Boolean>> waiters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      DistributedBarrier barrier = new DistributedBarrier(curator(), barrierPath);
      waiters.add(pool.submit(() -> barrier.waitOnBarrier(60, TimeUnit.SECONDS)));
    }
    // The waiters must still be blocked: the barrier node exists.
    DistributedBarrier probe = new DistributedBarrier(curator(), barrierPath);
    assertThat(probe.waitOnBarrier(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(waiters).noneMatch(Future::isDone);

    controller.removeBarrier();
    for (Future<Boolean> waiter : waiters) {
      assertThat(waiter.get(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void distributedQueueDeliversEveryItemInOrder() throws Exception {
    String queuePath = uniquePath();
    QueueSerializer<String> serializer =
        new QueueSerializer<>() {
          @Override
          public byte[] serialize(String item) {
            return item.getBytes(StandardCharsets.UTF_8);
          }

          @Override
          public String deserialize(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
          }
        };
    List<String> consumed = new CopyOnWriteArrayList<>();
    QueueConsumer<String> consumer =
        new QueueConsumer<>() {
          @Override
          public void consumeMessage(String message) {
            consumed.add(message);
          }

          @Override
          public void stateChanged(CuratorFramework client, ConnectionState newState) {}
        };
    DistributedQueue<String> consumerQueue =
        QueueBuilder.builder(curator(), consumer, serializer, queuePath).buildQueue();
    clients.register(consumerQueue);
    consumerQueue.start();
    DistributedQueue<String> producerQueue =
        QueueBuilder.<String>builder(curator(), null, serializer, queuePath).buildQueue();
    clients.register(producerQueue);
    producerQueue.start();

    List<String> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add("item-" + i);
      producerQueue.put("item-" + i);
    }
    await().atMost(DEADLINE).until(() -> consumed.size() == items.size());
    assertThat(consumed).containsExactlyElementsOf(items);
  }

  @Test
  void sharedCountIsSeenByAllAndRejectsStaleUpdates() throws Exception {
    String countPath = uniquePath();
    SharedCount first = new SharedCount(curator(), countPath, 5);
    SharedCount second = new SharedCount(curator(), countPath, 99);
    clients.register(first);
    clients.register(second);
    first.start();
    second.start();
    assertThat(second.getCount()).isEqualTo(5);

    VersionedValue<Integer> stale = second.getVersionedValue();
    assertThat(first.trySetCount(first.getVersionedValue(), 6)).isTrue();
    await().atMost(DEADLINE).until(() -> second.getCount() == 6);
    assertThat(second.trySetCount(stale, 7)).isFalse();
    first.setCount(42);
    await().atMost(DEADLINE).until(() -> second.getCount() == 42);
  }
}
