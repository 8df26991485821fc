package io.paddock.server;

import io.paddock.api.ErrorCode;
import io.paddock.log.Disk;
import io.paddock.log.DiskProbe;
import io.paddock.log.LogFormat;
import io.paddock.log.LogWriter;
import io.paddock.txn.TxnCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone server's durable pipeline: a transaction commits once its log record is on disk.
 *
 * <p><b>Group commit.</b> The processor {@link #submit}s writes to a bounded queue. One log writer
 * thread takes the first waiting write, then every other write queued meanwhile (up to {@code
 * batchMax}), appends them all and covers them with ONE sync; only then does it report each as
 * committed, in zxid order. While a sync runs, new writes pile up in the queue and form the next
 * batch, so the number of syncs per second stays about what the disk allows however many clients
 * write, and a batch grows with the load.
 *
 * <p><b>Back-pressure.</b> When the queue is full, {@link #submit} blocks the processor thread
 * until the writer makes room. This cannot deadlock: the writer never waits for the processor. It
 * reports outcomes by adding tasks to the processor's unbounded task queue (which never blocks), so
 * the writer keeps draining as long as the disk answers, and the blocked processor is released by
 * it. Blocking the processor (rather than failing the write) keeps every write's outcome exact; a
 * stalled disk then stalls the server, which is what its clients' timeouts are for.
 *
 * <p><b>Disk failure.</b> If an append or sync fails (a full disk, an I/O error), the writer stops
 * acknowledging: the writes of the failed batch and every write submitted afterwards are answered
 * with {@link #WRITE_REFUSED} and never applied, so nothing that did not reach the disk is ever
 * reported as done, and reads go on against the unchanged tree. The writer then cuts the segment
 * back to its last synced record (so no half-written record stays in the log), and every {@code
 * retryIntervalMs} it probes the disk by writing and syncing a small file; once that works, it
 * resumes in a new segment.
 */
final class DurableLogPipeline implements TxnPipeline {
  private static final System.Logger LOG = System.getLogger(DurableLogPipeline.class.getName());

  /**
   * The answer to writes while the log cannot be written. CONNECTION_LOSS, because it tells
   * ZooKeeper clients exactly the truth they can act on: the write may not have happened, retry;
   * Curator's retry policies do so with back-off, which rides out a disk that fills up and is
   * cleaned. (A refused write never happens here; a client cannot assume so from this code, but
   * retrying a create or a versioned set is safe for it either way.)
   */
  static final ErrorCode WRITE_REFUSED = ErrorCode.CONNECTION_LOSS;

  /** Marks the end of the queue on close. */
  private static final RequestProcessor.PendingWrite STOP =
      new RequestProcessor.PendingWrite(null, null, null, null, null, 0);

  /** Where outcomes go: the processor, through its task queue (never blocking). */
  interface Outcomes {
    void committed(RequestProcessor.PendingWrite write);

    void failed(RequestProcessor.PendingWrite write, ErrorCode error);
  }

  /**
   * Settings.
   *
   * @param queueMax writes waiting for the writer before {@link #submit} blocks
   * @param batchMax writes covered by one sync at most
   * @param retryIntervalMs how often a failed disk is probed
   * @param snapCount transactions between snapshots
   */
  record Settings(int queueMax, int batchMax, long retryIntervalMs, int snapCount) {}

  /**
   * Figures, for reports and tests.
   *
   * @param records records made durable
   * @param syncs syncs of the log
   * @param batches batches written (one sync each when forceSync is on)
   * @param maxBatch the largest batch
   * @param refused writes answered with {@link #WRITE_REFUSED}
   * @param failing whether the log is currently refusing writes
   */
  record Stats(
      long records, long syncs, long batches, long maxBatch, long refused, boolean failing) {}

  private final Disk disk;
  private final Path logDir;
  private final LogWriter log;
  private final SnapshotTaker snapshots;
  private final Outcomes outcomes;
  private final Settings settings;
  private final BlockingQueue<RequestProcessor.PendingWrite> queue;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong maxBatch = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean failing;
  private volatile boolean closed;
  private Thread writer;
  private long sinceSnapshot; // writer thread
  private long nextProbeMs; // writer thread

  DurableLogPipeline(
      Disk disk,
      Path logDir,
      LogWriter log,
      SnapshotTaker snapshots,
      Outcomes outcomes,
      Settings settings) {
    this.disk = disk;
    this.logDir = logDir;
    this.log = log;
    this.snapshots = snapshots;
    this.outcomes = outcomes;
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueMax());
  }

  /** Starts the log writer and snapshot threads. */
  void start(String nameSuffix) {
    snapshots.start(nameSuffix);
    writer = new Thread(this::runWriter, "paddock-log-" + nameSuffix);
    writer.start();
  }

  /** Processor thread. Blocks while the queue is full (see the class comment). */
  @Override
  public void submit(RequestProcessor.PendingWrite write) {
    try {
      // put() with a way out: if the writer is gone (closed, or died of a bug), nobody drains.
      while (!queue.offer(write, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          outcomes.failed(write, WRITE_REFUSED);
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcomes.failed(write, WRITE_REFUSED);
    }
    if (closed) {
      refuse(drainQueue()); // the writer may have stopped before this write went in
    }
  }

  SnapshotTaker snapshots() {
    return snapshots;
  }

  Stats stats() {
    return new Stats(
        records.get(), log.syncs(), batches.get(), maxBatch.get(), refused.get(), failing);
  }

  private void runWriter() {
    List<RequestProcessor.PendingWrite> batch = new ArrayList<>(settings.batchMax());
    try {
      while (true) {
        RequestProcessor.PendingWrite first =
            queue.poll(settings.retryIntervalMs(), TimeUnit.MILLISECONDS);
        if (first == null) {
          if (failing) {
            tryResume();
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, settings.batchMax() - 1);
        boolean stop = batch.remove(STOP);
        if (!batch.isEmpty()) {
          if (failing && !tryResume()) {
            refuse(batch);
          } else {
            writeBatch(batch);
          }
          batch.clear();
        }
        if (stop) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A broken invariant (e.g. zxids out of order): stop acknowledging rather than guess.
      LOG.log(Level.ERROR, "log writer failed; the server no longer acknowledges writes", e);
      failing = true;
      throw e;
    } finally {
      closed = true;
      refuse(drainQueue());
    }
  }

  private List<RequestProcessor.PendingWrite> drainQueue() {
    List<RequestProcessor.PendingWrite> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.remove(STOP);
    return rest;
  }

  private void writeBatch(List<RequestProcessor.PendingWrite> batch) {
    boolean[] tooLarge = new boolean[batch.size()];
    try {
      for (int i = 0; i < batch.size(); i++) {
        RequestProcessor.PendingWrite w = batch.get(i);
        byte[] payload = TxnCodec.encode(w.txn());
        if (payload.length > LogFormat.PAYLOAD_BYTES_MAX) {
          tooLarge[i] = true; // cannot happen within jute.maxbuffer; refused, never applied
          continue;
        }
        log.append(w.txn().zxid(), payload);
      }
      log.sync();
    } catch (IOException e) {
      enterFailure(e);
      refuse(batch);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      if (tooLarge[i]) {
        outcomes.failed(batch.get(i), ErrorCode.BAD_ARGUMENTS);
      } else {
        outcomes.committed(batch.get(i));
      }
    }
    records.addAndGet(batch.size());
    batches.incrementAndGet();
    maxBatch.accumulateAndGet(batch.size(), Math::max);
    sinceSnapshot += batch.size();
    if (sinceSnapshot >= settings.snapCount() && snapshots.trigger()) {
      // The snapshot's zxid is the last of this batch: start the next segment after it, so a
      // segment never straddles two snapshots and the purge can drop whole segments.
      sinceSnapshot = 0;
      try {
        log.roll();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "closing a log segment failed; its records were synced", e);
      }
    }
  }

  private void refuse(List<RequestProcessor.PendingWrite> writes) {
    for (RequestProcessor.PendingWrite w : writes) {
      outcomes.failed(w, WRITE_REFUSED);
    }
    refused.addAndGet(writes.size());
  }

  private void enterFailure(IOException e) {
    if (!failing) {
      LOG.log(
          Level.ERROR,
          "cannot write the transaction log in "
              + logDir
              + " ("
              + e
              + "); refusing writes with "
              + WRITE_REFUSED
              + " until the disk works again (retrying every "
              + settings.retryIntervalMs()
              + " ms). Reads go on.",
          e);
    }
    failing = true;
    nextProbeMs = System.nanoTime() / 1_000_000; // probe at once: the fault may be gone
  }

  /** Writer thread: whether the log takes writes again. At most one probe per interval. */
  private boolean tryResume() {
    long nowMs = System.nanoTime() / 1_000_000;
    if (nowMs < nextProbeMs) {
      return false;
    }
    nextProbeMs = nowMs + settings.retryIntervalMs();
    try {
      log.abandonUnsynced();
      DiskProbe.writeAndSync(disk, logDir);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "log directory still failing: " + e);
      return false;
    }
    failing = false;
    LOG.log(Level.INFO, "the transaction log in " + logDir + " is writable again; writes resume");
    return true;
  }

  /** Stops the threads; writes still queued are refused (the processor has stopped already). */
  @Override
  public void close() {
    closed = true;
    if (writer != null) {
      try {
        while (writer.isAlive() && !queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
          // the writer is draining a full queue
        }
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    snapshots.close();
    try {
      log.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the transaction log failed; every record was synced", e);
    }
  }
}
