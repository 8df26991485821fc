package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;

/**
 * The data of {@link FootprintBenchmark}: {@code /fp/g-<i>/n-<j>} with {@code childrenPerGroup}
 * znodes per group, each holding {@code valueBytes} seeded random bytes (incompressible: a
 * compressed snapshot gains nothing from the values), and the writes that make a server snapshot.
 */
final class FootprintLoad {
  static final String ROOT = "/fp";

  private static final int FILLER_BATCH = 1000;
  private static final Duration BATCH_DEADLINE = Duration.ofMinutes(2);
  private static final Duration SNAPSHOT_SETTLE = Duration.ofSeconds(1);
  private static final Duration SNAPSHOT_DEADLINE = Duration.ofMinutes(5);

  private FootprintLoad() {}

  /** Creates the tree, sessions in parallel, each pipelining its share of the creates. */
  static void create(ServerProcess server, FootprintOptions options) throws Exception {
    int perGroup = options.childrenPerGroup();
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      zk.create(ROOT, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      PipelinedCreates.create(
          zk, options.groups(), FootprintLoad::group, i -> null, options.inFlightPerSession());
      List<Thread> threads = new ArrayList<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      for (int s = 0; s < options.sessions(); s++) {
        ZooKeeper session = clients.connect();
        int from = (int) ((long) options.nodes() * s / options.sessions());
        int to = (int) ((long) options.nodes() * (s + 1) / options.sessions());
        Random random = new Random(options.seed() + s);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    PipelinedCreates.create(
                        session,
                        to - from,
                        i -> node(from + i, perGroup),
                        i -> WriteLoad.randomValue(random, options.valueBytes()),
                        options.inFlightPerSession());
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                },
                "footprint-load-" + s);
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("loading failed", failure.get());
      }
    }
  }

  static String group(int index) {
    return ROOT + "/g-" + index;
  }

  /** The path of node {@code index} (0-based over all groups). */
  static String node(int index, int perGroup) {
    return group(index / perGroup) + "/n-" + (index % perGroup);
  }

  /**
   * Writes setData on {@code /fp} until the server has written a snapshot at a zxid at or after the
   * first of these writes and its size has stopped changing, so it holds every znode created before
   * this call. (A snapshot still being written when the load ended would hold only part of it: its
   * zxid is older, so it does not count.) Both servers snapshot on their own after {@code
   * snapCount} transactions (ZooKeeper after a random number between half of it and all of it), so
   * this writes at most about that many.
   *
   * @return the new snapshot
   */
  static SnapshotProbe.Snapshot writeUntilSnapshot(
      ServerKind kind, ServerProcess server, FootprintOptions options) throws Exception {
    // A server skips a due snapshot while the previous one is still being written (ZooKeeper says
    // "too busy to snap", Paddock retries at its next batch), and writing a million znodes on a
    // busy disk takes seconds: allow many snapCounts, bounded by the deadline too.
    long writesMax = 20L * options.snapCount() + 10 * FILLER_BATCH;
    long deadlineNanos = System.nanoTime() + SNAPSHOT_DEADLINE.toNanos();
    byte[] value = new byte[options.valueBytes()];
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      long firstZxid = zk.setData(ROOT, value, -1).getMzxid();
      for (long written = 1;
          written < writesMax && System.nanoTime() < deadlineNanos;
          written += FILLER_BATCH) {
        SnapshotProbe.Snapshot fresh = firstAtOrAfter(kind, server, firstZxid);
        if (fresh != null) {
          return settle(kind, fresh);
        }
        setDataBatch(zk, value);
      }
    }
    throw new IllegalStateException(
        kind
            + " wrote no snapshot within "
            + writesMax
            + " writes or "
            + SNAPSHOT_DEADLINE
            + "; "
            + server.describeLog());
  }

  /** The oldest snapshot at or after {@code zxidMin}, or null. */
  private static SnapshotProbe.Snapshot firstAtOrAfter(
      ServerKind kind, ServerProcess server, long zxidMin) throws Exception {
    for (SnapshotProbe.Snapshot s : SnapshotProbe.list(kind, server.dataDir())) {
      if (s.zxid() >= zxidMin) {
        return s;
      }
    }
    return null;
  }

  private static void setDataBatch(ZooKeeper zk, byte[] value) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(FILLER_BATCH);
    AtomicLong failures = new AtomicLong();
    for (int i = 0; i < FILLER_BATCH; i++) {
      zk.setData(
          ROOT,
          value,
          -1,
          (rc, path, ctx, stat) -> {
            if (rc != KeeperException.Code.OK.intValue()) {
              failures.incrementAndGet();
            }
            done.countDown();
          },
          null);
    }
    if (!done.await(BATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS) || failures.get() > 0) {
      throw new IllegalStateException("filler setData: " + failures + " failed or timed out");
    }
  }

  /**
   * Waits until the file's size has not changed for {@link #SNAPSHOT_SETTLE} (a server may write a
   * snapshot in place), polling; the deadline bounds a server that never finishes it.
   */
  private static SnapshotProbe.Snapshot settle(ServerKind kind, SnapshotProbe.Snapshot fresh)
      throws Exception {
    long deadline = System.nanoTime() + SNAPSHOT_DEADLINE.toNanos();
    long lastBytes = -1;
    while (System.nanoTime() < deadline) {
      long bytes = Files.size(fresh.path());
      if (bytes == lastBytes && bytes > 0) {
        return new SnapshotProbe.Snapshot(fresh.zxid(), fresh.path(), bytes);
      }
      lastBytes = bytes;
      LoadRunner.pause(SNAPSHOT_SETTLE);
    }
    throw new IllegalStateException(
        kind + " snapshot " + fresh.path() + " still growing after " + SNAPSHOT_DEADLINE);
  }
}
