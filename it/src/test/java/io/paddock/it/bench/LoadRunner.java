package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Drives one closed-loop load against one server: N sessions (one official ZooKeeper client each),
 * each keeping K async requests in flight, a warm-up, then a measured window with latency,
 * throughput and the server process's CPU time. What a request is comes from a {@link Workload};
 * the read and write benchmarks share everything else.
 */
final class LoadRunner {
  static final long LATENCY_NANOS_MAX = TimeUnit.SECONDS.toNanos(60);

  private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);

  /** Warm-up and measured window lengths. */
  record Window(int warmupSeconds, int measureSeconds) {}

  /** Makes the per-session request source; called once per session before the load starts. */
  @FunctionalInterface
  interface Workload {
    SessionOps forSession(int sessionIndex);
  }

  /**
   * Issues the requests of one session, always from that session's driver thread, so an
   * implementation may keep unsynchronized state (a random, a counter).
   */
  @FunctionalInterface
  interface SessionOps {
    /** Sends one async request on {@code zk}; its completion must call {@code done} with ctx. */
    void issue(ZooKeeper zk, Completion done, Long issuedNanos);
  }

  /** The callback of every request type a workload uses; all of them just record and release. */
  interface Completion
      extends AsyncCallback.DataCallback,
          AsyncCallback.StatCallback,
          AsyncCallback.ChildrenCallback,
          AsyncCallback.StringCallback {}

  private LoadRunner() {}

  /** Runs warm-up then the measured window with {@code sessions} x {@code inFlight}. */
  static LoadResult run(
      ServerProcess server,
      ProcessCpu cpu,
      Window window,
      int sessions,
      int inFlight,
      Workload workload)
      throws Exception {
    return run(List.of(server), cpu, window, sessions, inFlight, workload);
  }

  /**
   * As {@link #run(ServerProcess, ProcessCpu, Window, int, int, Workload)} against several servers
   * (an ensemble): session {@code s} connects to server {@code s % servers.size()}, and the CPU
   * time is that of all of them together.
   */
  static LoadResult run(
      List<? extends ServerProcess> servers,
      ProcessCpu cpu,
      Window window,
      int sessions,
      int inFlight,
      Workload workload)
      throws Exception {
    List<Clients> perServer = new ArrayList<>();
    try {
      for (ServerProcess server : servers) {
        perServer.add(new Clients(server));
      }
      List<SessionDriver> drivers = new ArrayList<>();
      for (int s = 0; s < sessions; s++) {
        ZooKeeper zk = perServer.get(s % servers.size()).connect();
        drivers.add(new SessionDriver(zk, inFlight, workload.forSession(s)));
      }
      List<Thread> threads = new ArrayList<>();
      for (SessionDriver driver : drivers) {
        Thread thread = new Thread(driver, "bench-driver");
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
      pause(Duration.ofSeconds(window.warmupSeconds()));

      long cpuBefore = cpuNanos(cpu, servers);
      long start = System.nanoTime();
      drivers.forEach(driver -> driver.measuring = true);
      pause(Duration.ofSeconds(window.measureSeconds()));
      drivers.forEach(driver -> driver.measuring = false);
      long windowNanos = System.nanoTime() - start;
      long cpuAfter = cpuNanos(cpu, servers);

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
      return new LoadResult(ops, errors, windowNanos, latency, cpuAfter - cpuBefore);
    } finally {
      for (Clients c : perServer) {
        c.close();
      }
    }
  }

  private static long cpuNanos(ProcessCpu cpu, List<? extends ServerProcess> servers) {
    long total = 0;
    for (ServerProcess s : servers) {
      total += cpu.cpuNanos(s.pid());
    }
    return total;
  }

  /**
   * One session's load: a thread issues requests while a semaphore has permits; the client's event
   * thread runs the callbacks, which record and release. Counters and the histogram are written
   * only by that event thread and read after {@link #drain} (the semaphore orders them).
   */
  private static final class SessionDriver implements Runnable, Completion {
    private final ZooKeeper zk;
    private final Semaphore permits;
    private final int inFlight;
    private final SessionOps sessionOps;
    private final Histogram latencyNanos = new Histogram(LATENCY_NANOS_MAX, 3);
    volatile boolean running = true;
    volatile boolean measuring;
    private long ops;
    private long errors;

    SessionDriver(ZooKeeper zk, int inFlight, SessionOps sessionOps) {
      this.zk = zk;
      this.inFlight = inFlight;
      this.permits = new Semaphore(inFlight);
      this.sessionOps = sessionOps;
    }

    @Override
    public void run() {
      try {
        while (running) {
          if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue;
          }
          sessionOps.issue(zk, this, System.nanoTime());
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

    @Override
    public void processResult(int rc, String path, Object ctx, String name) {
      done(rc, ctx);
    }
  }

  /** A benchmark window is wall-clock time by definition, so here sleeping is the point. */
  static void pause(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}
