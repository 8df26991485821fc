package io.paddock.server;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.config.ServerConfig;
import io.paddock.log.Disk;
import io.paddock.log.LogWriter;
import io.paddock.snapshot.Recovery;
import io.paddock.snapshot.SnapshotWriter;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * Figures for the storage report, run by hand (not a test):
 *
 * <pre>
 * java -Xmx8g -cp provider/target/classes:provider/target/test-classes:$(deps) \
 *   io.paddock.server.StorageBenchmark [znodes] [clients] [seconds]
 * </pre>
 *
 * Prints the snapshot pause for a tree of {@code znodes} (freeze, the longest apply and the longest
 * gap between applies while the snapshot is written, the pre-freeze states saved, release and the
 * longest merge slice), the snapshot size and write time, the recovery time, and group commit
 * figures (syncs per second, records per sync) under {@code clients} pipelining ZooKeeper clients
 * on the real disk ({@code seconds} 0 skips those).
 */
public final class StorageBenchmark {
  // Not ZooDefs.Ids.OPEN_ACL_UNSAFE: its SpotBugs annotation is not on our class path (javac
  // warns).
  private static final List<ACL> OPEN =
      new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));
  private static final TreeConfig MAX = new TreeConfig(1 << 20);
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private StorageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int znodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path dir = Files.createTempDirectory("paddock-bench");
    snapshotAndRecovery(dir.resolve("snap"), znodes);
    if (seconds == 0) {
      return; // the snapshot figures only
    }
    groupCommit(dir.resolve("server"), 1, 1, seconds);
    groupCommit(dir.resolve("server2"), clients, 100, seconds);
  }

  private static void snapshotAndRecovery(Path dir, int znodes) throws Exception {
    Files.createDirectories(dir);
    DataTree tree = new DataTree(MAX);
    long zxid = 0;
    int parents = Math.max(1, znodes / 1000);
    long t0 = System.nanoTime();
    for (int p = 0; p < parents; p++) {
      tree.apply(create(++zxid, "/p-" + p));
      for (int c = 0; c < znodes / parents - 1; c++) {
        tree.apply(create(++zxid, "/p-" + p + "/c-" + c));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "built %d znodes in %d ms%n",
        tree.nodeCount(),
        (System.nanoTime() - t0) / 1_000_000);
    System.gc();
    long[] baseline = applyFor(tree, zxid, 200_000, null);
    zxid += baseline[2];
    System.out.printf(
        Locale.ROOT,
        "no snapshot: %d applies, longest apply %d µs (CPU %d µs), longest gap %d µs,"
            + " applies over 10 ms: %d, over 50 ms: %d%n",
        baseline[2],
        baseline[0] / 1000,
        baseline[3] / 1000,
        baseline[1] / 1000,
        baseline[4],
        baseline[5]);

    ExecutorService snapshotThread = Executors.newSingleThreadExecutor();
    long freezeStart = System.nanoTime();
    long freezeCpuStart = CPU.getCurrentThreadCpuTime();
    FrozenTree view = tree.freeze();
    long freezeCpu = CPU.getCurrentThreadCpuTime() - freezeCpuStart;
    long freezeNs = System.nanoTime() - freezeStart;
    long writeStart = System.nanoTime();
    Future<SnapshotWriter.Written> written =
        snapshotThread.submit(() -> SnapshotWriter.write(Disk.real(), dir, view, true));
    long[] during = applyFor(tree, zxid, Long.MAX_VALUE, written);
    zxid += during[2];
    SnapshotWriter.Written w = written.get();
    long writeMs = (System.nanoTime() - writeStart) / 1_000_000;
    int saved = tree.pendingMerge(); // pre-freeze states the copy-on-write view needed
    long releaseStart = System.nanoTime();
    tree.release(view);
    long releaseNs = System.nanoTime() - releaseStart;
    long longestSlice = 0;
    long longestSliceCpu = 0;
    boolean more = true;
    while (more) {
      long s = System.nanoTime();
      long c = CPU.getCurrentThreadCpuTime();
      more = tree.mergeStep(SnapshotTaker.MERGE_SLICE);
      longestSliceCpu = Math.max(longestSliceCpu, CPU.getCurrentThreadCpuTime() - c);
      longestSlice = Math.max(longestSlice, System.nanoTime() - s);
    }
    snapshotThread.shutdown();
    System.out.printf(
        Locale.ROOT,
        "snapshot of %d znodes: freeze %d µs (CPU %d µs); written in %d ms, %d bytes on disk"
            + " (%d uncompressed); %d applies meanwhile, longest apply %d µs (CPU %d µs),"
            + " longest gap %d µs, over 10 ms: %d, over 50 ms: %d; %d pre-freeze states saved,"
            + " release %d µs, longest merge slice %d µs (CPU %d µs)%n",
        w.nodes(),
        freezeNs / 1000,
        freezeCpu / 1000,
        writeMs,
        w.fileBytes(),
        w.bodyBytes(),
        during[2],
        during[0] / 1000,
        during[3] / 1000,
        during[1] / 1000,
        during[4],
        during[5],
        saved,
        releaseNs / 1000,
        longestSlice / 1000,
        longestSliceCpu / 1000);

    try (LogWriter log =
        new LogWriter(Disk.real(), dir, new LogWriter.Options(true, 64 << 20, 1L << 30), 0)) {
      // The transactions after the snapshot, as they would be logged.
      for (long z = w.zxid() + 1; z <= w.zxid() + 100_000; z++) {
        log.append(z, TxnCodec.encode(setData(z, "/p-0/c-" + (z % 900))));
        if (z % 1000 == 0) {
          log.sync();
        }
      }
      log.sync();
    }
    long recoverStart = System.nanoTime();
    Recovery.Recovered r = Recovery.recover(Disk.real(), dir, dir, MAX);
    System.out.printf(
        Locale.ROOT,
        "recovery: %d znodes from the snapshot plus %d logged transactions in %d ms%n",
        r.tree().nodeCount(),
        r.replayed(),
        (System.nanoTime() - recoverStart) / 1_000_000);
  }

  /**
   * Applies transactions until {@code until} is done or {@code count} ran. Returns the longest
   * apply in wall time, the longest gap between applies, the count, and the longest apply in this
   * thread's CPU time (which leaves out GC pauses and time the OS gave to other processes: on a
   * shared machine, the figure that shows what the code itself does).
   */
  private static long[] applyFor(DataTree tree, long zxid, long count, Future<?> until) {
    long longestApply = 0;
    long longestGap = 0;
    long longestCpu = 0;
    long over10ms = 0;
    long over50ms = 0;
    long last = System.nanoTime();
    long n = 0;
    while (n < count && (until == null || !until.isDone())) {
      long z = zxid + n + 1;
      Txn txn = n % 4 == 0 ? create(z, "/q-" + z) : setData(z, "/p-" + (z % 997) + "/c-1");
      long cpu = CPU.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      tree.apply(txn);
      long end = System.nanoTime();
      longestCpu = Math.max(longestCpu, CPU.getCurrentThreadCpuTime() - cpu);
      longestApply = Math.max(longestApply, end - start);
      over10ms += end - start > 10_000_000 ? 1 : 0;
      over50ms += end - start > 50_000_000 ? 1 : 0;
      longestGap = Math.max(longestGap, end - last);
      last = end;
      n++;
    }
    return new long[] {longestApply, longestGap, n, longestCpu, over10ms, over50ms};
  }

  private static Txn create(long zxid, String path) {
    return new Txn(
        zxid,
        zxid,
        0,
        0,
        List.of(),
        new TxnOp.Create(path, new byte[32], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0));
  }

  private static Txn setData(long zxid, String path) {
    return new Txn(zxid, zxid, 0, 0, List.of(), new TxnOp.SetData(path, new byte[32], -1));
  }

  private static void groupCommit(Path dir, int clients, int inFlight, int seconds)
      throws Exception {
    try (PaddockServer server =
        PaddockServer.start(ServerConfig.builder(dir).clientPort(0).build())) {
      List<ZooKeeper> zks = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        CountDownLatch connected = new CountDownLatch(1);
        zks.add(
            new ZooKeeper(
                "127.0.0.1:" + server.clientPort(),
                30_000,
                e -> {
                  if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                  }
                }));
        connected.await(20, TimeUnit.SECONDS);
      }
      DurableLogPipeline.Stats before = server.pipeline().stats();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        ZooKeeper zk = zks.get(i);
        String prefix = "/c" + i + "-";
        Thread t =
            new Thread(
                () -> {
                  Semaphore window = new Semaphore(inFlight);
                  long n = 0;
                  while (!stop.get()) {
                    window.acquireUninterruptibly();
                    zk.create(
                        prefix + n++,
                        new byte[100],
                        OPEN,
                        org.apache.zookeeper.CreateMode.PERSISTENT,
                        (rc, path, ctx, name) -> window.release(),
                        null);
                  }
                  window.acquireUninterruptibly(inFlight);
                });
        threads.add(t);
        t.start();
      }
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L); // a fixed measuring window, not waiting for an event
      DurableLogPipeline.Stats after = server.pipeline().stats();
      double secs = (System.nanoTime() - start) / 1e9;
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
      for (ZooKeeper zk : zks) {
        zk.close();
      }
      long records = after.records() - before.records();
      long syncs = after.syncs() - before.syncs();
      System.out.printf(
          Locale.ROOT,
          "group commit, %d clients x %d in flight: %.0f writes/s, %.0f syncs/s, %.1f records"
              + " per sync (largest batch %d)%n",
          clients,
          inFlight,
          records / secs,
          syncs / secs,
          syncs == 0 ? 0.0 : (double) records / syncs,
          after.maxBatch());
    }
  }
}
