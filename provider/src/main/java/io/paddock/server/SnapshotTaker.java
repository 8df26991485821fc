package io.paddock.server;

import io.paddock.admin.StorageMetrics;
import io.paddock.log.Disk;
import io.paddock.snapshot.Retention;
import io.paddock.snapshot.SnapshotWriter;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Takes snapshots in the background, and purges old files.
 *
 * <p>A snapshot has three steps on two threads. On the processor thread, between two transactions,
 * {@link DataTree#freeze()} records the zxid and the root and copies the session table: O(1) in the
 * number of znodes. From then on the tree saves the pre-freeze state of each node it changes
 * (copy-on-write), and on the snapshot thread the frozen view reads those saved states and the
 * unchanged live nodes, compressing and writing while the processor goes on applying. Back on the
 * processor thread, the view is released, which drops the saved states at once ({@link
 * DataTree#mergeStep} then finds nothing to merge; the slice loop stays as the hook for any later
 * incremental clean-up). At most one snapshot runs at a time.
 *
 * <p>The tree is touched only in tasks run on the processor thread ({@code onProcessor}); the
 * frozen view crosses to the snapshot thread through the executor and comes back through the
 * processor's task queue, both of which order memory.
 */
final class SnapshotTaker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SnapshotTaker.class.getName());

  /**
   * Entries per merge slice after a snapshot (a millisecond of work at most; today none remain).
   */
  static final int MERGE_SLICE = 10_000;

  /**
   * Settings.
   *
   * @param compress whether snapshots are deflated
   * @param retainCount snapshots the purge keeps
   * @param purgeIntervalMs time between purges; 0 for none
   */
  record Settings(boolean compress, int retainCount, long purgeIntervalMs) {}

  /**
   * Figures, for reports and tests.
   *
   * @param taken snapshots written
   * @param lastZxid zxid of the last one
   * @param lastFileBytes its size on disk
   * @param lastWriteMs how long writing it took (snapshot thread)
   * @param lastFreezeMicros how long freezing took (processor thread)
   * @param maxFreezeMicros the longest freeze so far
   * @param maxMergeSliceMicros the longest merge slice so far (processor thread)
   */
  record Stats(
      long taken,
      long lastZxid,
      long lastFileBytes,
      long lastWriteMs,
      long lastFreezeMicros,
      long maxFreezeMicros,
      long maxMergeSliceMicros) {}

  private final Object filesLock = new Object(); // snapshot writes, purges, installs
  private final StorageMetrics metrics;
  private final Disk disk;
  private final Path dataDir;
  private final Path logDir;
  private final DataTree tree;
  private final Consumer<Runnable> onProcessor;
  private final Settings settings;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<CompletableFuture<Long>> waiters = new ArrayList<>(); // guarded by this
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> purgeTask; // null when purging is off

  private final AtomicLong taken = new AtomicLong();
  private final AtomicLong maxFreezeMicros = new AtomicLong();
  private final AtomicLong maxMergeSliceMicros = new AtomicLong();
  private volatile long lastZxid;
  private volatile long lastFileBytes;
  private volatile long lastWriteMs;
  private volatile long lastFreezeMicros;

  /**
   * @param newestZxid the zxid of the newest snapshot on disk (0 if none)
   */
  SnapshotTaker(
      Disk disk,
      Path dataDir,
      Path logDir,
      DataTree tree,
      long newestZxid,
      Consumer<Runnable> onProcessor,
      Settings settings,
      StorageMetrics metrics) {
    this.lastZxid = newestZxid;
    this.metrics = metrics;
    this.disk = disk;
    this.dataDir = dataDir;
    this.logDir = logDir;
    this.tree = tree;
    this.onProcessor = onProcessor;
    this.settings = settings;
  }

  /** Something done to the snapshot files while no snapshot is written or purged. */
  @FunctionalInterface
  interface FileWork<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code work} (a replica installing its leader's snapshot) while this taker neither writes
   * nor purges: they share the temporary file name and the directory. Any thread.
   */
  <T> T withFilesLocked(FileWork<T> work) throws IOException {
    synchronized (filesLock) {
      return work.run();
    }
  }

  /** Starts the snapshot thread and, if configured, the periodic purge. */
  void start(String nameSuffix) {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "paddock-snapshot-" + nameSuffix);
              t.setDaemon(true);
              return t;
            });
    long every = settings.purgeIntervalMs();
    if (every > 0) {
      purgeTask =
          executor.scheduleWithFixedDelay(this::purgeQuietly, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts a snapshot of the state after everything the processor has been handed so far, unless
   * one is under way. Any thread.
   *
   * @return whether a snapshot was started
   */
  boolean trigger() {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    onProcessor.accept(this::freezeAndWrite);
    return true;
  }

  /** A snapshot begun after this call; completes with its zxid. Any thread. */
  CompletableFuture<Long> takeNow() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    synchronized (this) {
      waiters.add(done);
    }
    trigger(); // if one is running, its end starts another for the waiters
    return done;
  }

  /**
   * A snapshot of the state after everything the processor has been handed so far, unless the
   * newest snapshot already holds it; completes with the zxid of the snapshot that does. For a
   * graceful stop: any thread, while the processor still runs.
   */
  CompletableFuture<Long> takeIfBehind() {
    CompletableFuture<Long> done = new CompletableFuture<>();
    onProcessor.accept(
        () -> {
          if (tree.lastAppliedZxid() == lastZxid) {
            done.complete(lastZxid);
            return;
          }
          synchronized (this) {
            waiters.add(done);
          }
          trigger();
        });
    return done;
  }

  /** Purges now, on the snapshot thread. */
  CompletableFuture<Retention.Plan> purgeNow() {
    CompletableFuture<Retention.Plan> done = new CompletableFuture<>();
    executor.execute(
        () -> {
          try {
            done.complete(
                withFilesLocked(
                    () -> Retention.purge(disk, dataDir, logDir, settings.retainCount())));
          } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  Stats stats() {
    return new Stats(
        taken.get(),
        lastZxid,
        lastFileBytes,
        lastWriteMs,
        lastFreezeMicros,
        maxFreezeMicros.get(),
        maxMergeSliceMicros.get());
  }

  /** Processor thread. */
  private void freezeAndWrite() {
    List<CompletableFuture<Long>> served;
    synchronized (this) {
      served = new ArrayList<>(waiters);
      waiters.clear();
    }
    long startNs = System.nanoTime();
    FrozenTree view = tree.freeze();
    long micros = (System.nanoTime() - startNs) / 1000;
    lastFreezeMicros = micros;
    maxFreezeMicros.accumulateAndGet(micros, Math::max);
    try {
      executor.execute(() -> write(view, served));
    } catch (RejectedExecutionException e) { // closing
      tree.release(view);
      running.set(false);
      served.forEach(f -> f.completeExceptionally(e));
    }
  }

  /** Snapshot thread. */
  private void write(FrozenTree view, List<CompletableFuture<Long>> served) {
    long startNs = System.nanoTime();
    try {
      SnapshotWriter.Written w;
      synchronized (filesLock) {
        w = SnapshotWriter.write(disk, dataDir, view, settings.compress());
      }
      long writeNs = System.nanoTime() - startNs;
      lastWriteMs = writeNs / 1_000_000;
      metrics.snapshot(writeNs, w.fileBytes());
      lastZxid = w.zxid();
      lastFileBytes = w.fileBytes();
      taken.incrementAndGet();
      LOG.log(
          Level.INFO,
          "snapshot "
              + w.path()
              + ": "
              + w.nodes()
              + " znodes, "
              + w.fileBytes()
              + " bytes ("
              + w.bodyBytes()
              + " uncompressed), written in "
              + lastWriteMs
              + " ms; freeze took "
              + lastFreezeMicros
              + " µs");
      served.forEach(f -> f.complete(w.zxid()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.ERROR, "snapshot at zxid 0x" + Long.toHexString(view.zxid()) + " failed", e);
      served.forEach(f -> f.completeExceptionally(e));
    } finally {
      onProcessor.accept(
          () -> {
            tree.release(view);
            mergeSlice();
          });
      running.set(false);
      boolean again;
      synchronized (this) {
        again = !waiters.isEmpty();
      }
      if (again) {
        trigger();
      }
    }
  }

  /** Processor thread: one slice of the merge, then the next as a new task. */
  private void mergeSlice() {
    long startNs = System.nanoTime();
    boolean more = tree.mergeStep(MERGE_SLICE);
    maxMergeSliceMicros.accumulateAndGet((System.nanoTime() - startNs) / 1000, Math::max);
    if (more) {
      onProcessor.accept(this::mergeSlice);
    }
  }

  private void purgeQuietly() {
    try {
      withFilesLocked(() -> Retention.purge(disk, dataDir, logDir, settings.retainCount()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "purge of old snapshots and log segments failed; will retry", e);
    }
  }

  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    if (purgeTask != null) {
      purgeTask.cancel(false);
    }
    // A snapshot cut short leaves only its temporary file, which the next start deletes.
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
