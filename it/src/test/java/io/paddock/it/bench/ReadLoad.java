package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * One read load against one server: N sessions, each keeping K async reads in flight over a
 * prepared tree, a warm-up, then a measured window with latency, throughput and the server
 * process's CPU time.
 *
 * <p>The tree: {@code /bench/g-<i>} for each group, each with {@code c-<j>} children holding {@code
 * valueBytes} of data. Each op is getData (1/2), exists (1/4) on a random child or getChildren
 * (1/4) on a random group, chosen by a seeded random per session.
 */
final class ReadLoad {
  static final String ROOT = "/bench";

  private static final long LATENCY_NANOS_MAX = TimeUnit.SECONDS.toNanos(60);
  private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

  /** What one measured window gave. */
  record Result(long ops, long errors, long windowNanos, Histogram latencyNanos, long cpuNanos) {
    double opsPerSecond() {
      return ops * 1e9 / windowNanos;
    }

    double cpuMicrosPerOp() {
      return ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
    }

    double p50Micros() {
      return latencyNanos.getValueAtPercentile(50) / 1e3;
    }

    double p99Micros() {
      return latencyNanos.getValueAtPercentile(99) / 1e3;
    }
  }

  private ReadLoad() {}

  /** Creates the tree once per server, pipelining the creates. */
  static void prepare(ServerProcess server, BenchOptions options) throws Exception {
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      zk.create(ROOT, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      byte[] value = new byte[options.valueBytes()];
      Arrays.fill(value, (byte) 'v');
      for (int g = 0; g < options.groups(); g++) {
        zk.create(group(g), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        CountDownLatch created = new CountDownLatch(options.childrenPerGroup());
        AtomicLong failures = new AtomicLong();
        for (int c = 0; c < options.childrenPerGroup(); c++) {
          zk.create(
              group(g) + "/c-" + c,
              value,
              Ids.OPEN_ACL_UNSAFE,
              CreateMode.PERSISTENT,
              (rc, path, ctx, name) -> {
                if (rc != 0) {
                  failures.incrementAndGet();
                }
                created.countDown();
              },
              null);
        }
        if (!created.await(60, TimeUnit.SECONDS) || failures.get() > 0) {
          throw new IllegalStateException("preparing " + group(g) + ": " + failures + " failed");
        }
      }
    }
  }

  static String group(int index) {
    return ROOT + "/g-" + index;
  }

  /** Runs warm-up then the measured window with {@code sessions} x {@code inFlight}. */
  static Result run(
      ServerProcess server, ProcessCpu cpu, BenchOptions options, int sessions, int inFlight)
      throws Exception {
    List<String> children = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < options.groups(); g++) {
      groups.add(group(g));
      for (int c = 0; c < options.childrenPerGroup(); c++) {
        children.add(group(g) + "/c-" + c);
      }
    }
    try (Clients clients = new Clients(server)) {
      List<SessionDriver> drivers = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        drivers.add(
            new SessionDriver(
                clients.connect(),
                inFlight,
                children.toArray(new String[0]),
                groups.toArray(new String[0]),
                new Random(options.seed() + s)));
      }
      List<Thread> threads = new ArrayList<>();
      for (SessionDriver driver : drivers) {
        Thread thread = new Thread(driver, "bench-driver");
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
      pause(Duration.ofSeconds(options.warmupSeconds()));

      long cpuBefore = cpu.cpuNanos(server.pid());
      long start = System.nanoTime();
      drivers.forEach(driver -> driver.measuring = true);
      pause(Duration.ofSeconds(options.measureSeconds()));
      drivers.forEach(driver -> driver.measuring = false);
      long windowNanos = System.nanoTime() - start;
      long cpuAfter = cpu.cpuNanos(server.pid());

      drivers.forEach(driver -> driver.running = false);
      for (Thread thread : threads) {
        thread.join(DRAIN_DEADLINE.toMillis());
      }
      Histogram latency = new Histogram(LATENCY_NANOS_MAX, 3);
      long ops = 0;
      long errors = 0;
      for (SessionDriver driver : drivers) {
        if (!driver.drain(DRAIN_DEADLINE)) {
          throw new IllegalStateException("requests still in flight after " + DRAIN_DEADLINE);
        }
        latency.add(driver.latencyNanos);
        ops += driver.ops;
        errors += driver.errors;
      }
      return new Result(ops, errors, windowNanos, latency, cpuAfter - cpuBefore);
    }
  }

  /**
   * One session's load: a thread issues reads while a semaphore has permits; the client's event
   * thread runs the callbacks, which record and release. Counters and the histogram are written
   * only by that event thread and read after {@link #drain} (the semaphore orders them).
   */
  private static final class SessionDriver
      implements Runnable,
          AsyncCallback.DataCallback,
          AsyncCallback.StatCallback,
          AsyncCallback.ChildrenCallback {
    private final ZooKeeper zk;
    private final Semaphore permits;
    private final int inFlight;
    private final String[] children;
    private final String[] groups;
    private final Random random;
    private final Histogram latencyNanos = new Histogram(LATENCY_NANOS_MAX, 3);
    volatile boolean running = true;
    volatile boolean measuring;
    private long ops;
    private long errors;

    SessionDriver(ZooKeeper zk, int inFlight, String[] children, String[] groups, Random random) {
      this.zk = zk;
      this.inFlight = inFlight;
      this.permits = new Semaphore(inFlight);
      this.children = children;
      this.groups = groups;
      this.random = random;
    }

    @Override
    public void run() {
      try {
        while (running) {
          if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue;
          }
          Long issuedNanos = System.nanoTime();
          int choice = random.nextInt(4);
          if (choice < 2) {
            zk.getData(children[random.nextInt(children.length)], false, this, issuedNanos);
          } else if (choice == 2) {
            zk.exists(children[random.nextInt(children.length)], false, this, issuedNanos);
          } else {
            zk.getChildren(groups[random.nextInt(groups.length)], false, this, issuedNanos);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    boolean drain(Duration deadline) throws InterruptedException {
      return permits.tryAcquire(inFlight, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void done(int rc, Object ctx) {
      if (measuring) {
        long latency = System.nanoTime() - (Long) ctx;
        latencyNanos.recordValue(Math.min(latency, LATENCY_NANOS_MAX));
        ops++;
        if (rc != KeeperException.Code.OK.intValue()) {
          errors++;
        }
      }
      permits.release();
    }

    @Override
    public void processResult(int rc, String path, Object ctx, byte[] data, Stat stat) {
      done(rc, ctx);
    }

    @Override
    public void processResult(int rc, String path, Object ctx, Stat stat) {
      done(rc, ctx);
    }

    @Override
    public void processResult(int rc, String path, Object ctx, List<String> names) {
      done(rc, ctx);
    }
  }

  /** A benchmark window is wall-clock time by definition, so here sleeping is the point. */
  static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}
