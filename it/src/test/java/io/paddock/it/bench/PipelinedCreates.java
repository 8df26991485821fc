package io.paddock.it.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * Creates many persistent nodes on one session with async creates, keeping a bounded number in
 * flight (the benchmarks' set-up, not a measurement). Any failed create fails the whole call.
 */
final class PipelinedCreates {
  private static final Duration DRAIN_DEADLINE = Duration.ofMinutes(2);

  private PipelinedCreates() {}

  /**
   * Creates {@code count} nodes, node {@code i} at {@code path.apply(i)} holding {@code
   * value.apply(i)} (a fresh array per node: the client keeps it until the request is sent).
   *
   * @throws IllegalStateException naming the first failure, if any create failed
   */
  static void create(
      ZooKeeper zk, int count, IntFunction<String> path, IntFunction<byte[]> value, int inFlight)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong failures = new AtomicLong();
    AtomicInteger firstFailureRc = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      zk.create(
          path.apply(i),
          value.apply(i),
          Ids.OPEN_ACL_UNSAFE,
          CreateMode.PERSISTENT,
          (rc, p, ctx, name) -> {
            if (rc != KeeperException.Code.OK.intValue() && failures.getAndIncrement() == 0) {
              firstFailureRc.set(rc);
            }
            permits.release();
          },
          null);
    }
    if (!permits.tryAcquire(inFlight, DRAIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("creates still in flight after " + DRAIN_DEADLINE);
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(
          failures
              + " of "
              + count
              + " creates failed, the first with "
              + KeeperException.Code.get(firstFailureRc.get()));
    }
  }
}
