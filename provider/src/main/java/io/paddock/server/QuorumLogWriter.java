package io.paddock.server;

import io.paddock.log.LogFormat;
import io.paddock.log.LogWriter;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An ensemble member's log writer: appends the transactions the replication core hands out and
 * reports them durable, with group commit — one sync covers every append queued while the previous
 * sync ran, so the number of syncs per second stays what the disk allows however fast proposals
 * come.
 *
 * <p><b>Order.</b> Everything goes through one FIFO queue and one thread: appends, and the
 * synchronous operations (truncate, discard for a snapshot install) run as barriers after every
 * append queued before them has been synced. A durability report names the <em>generation</em> of
 * the appends it covers; the driver starts a new generation at each truncate or install and ignores
 * older reports, since those zxids may now name other transactions.
 *
 * <p><b>Failure.</b> An I/O error is fail-stop for replication: the writer reports it once and
 * refuses everything after (the driver then stops taking part in the ensemble). Nothing that did
 * not reach the disk is ever reported durable.
 */
final class QuorumLogWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(QuorumLogWriter.class.getName());
  private static final long BARRIER_TIMEOUT_MS = 120_000;

  /** Where reports go; called on the writer thread. */
  interface Listener {
    /** Every append of {@code generation} up to {@code zxid} is on disk. */
    void persisted(long zxid, long generation);

    /** The log cannot be written; nothing after this is reported durable. */
    void failed(IOException error);

    /** {@code count} more transactions are durable (for the snapshot schedule). */
    void appended(int count);
  }

  /** A log operation that runs on the writer thread after the appends queued before it. */
  @FunctionalInterface
  interface LogAction {
    void run(LogWriter log) throws IOException;
  }

  private sealed interface Task {}

  private record Append(Txn txn, long generation) implements Task {}

  private record Barrier(LogAction action, CompletableFuture<Void> done) implements Task {}

  private record Stop() implements Task {}

  private final LogWriter log;
  private final Listener listener;
  private final int batchMax;
  private final BlockingQueue<Task> queue;
  private final Thread thread;
  private volatile IOException failure;

  QuorumLogWriter(LogWriter log, Listener listener, int queueMax, int batchMax, String name) {
    this.log = log;
    this.listener = listener;
    this.batchMax = batchMax;
    this.queue = new ArrayBlockingQueue<>(queueMax);
    this.thread = new Thread(this::run, "paddock-log-" + name);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues an append; blocks while the queue is full (back-pressure on the replication thread,
   * which then stops reading new proposals until the disk catches up).
   */
  void append(Txn txn, long generation) throws InterruptedException {
    put(new Append(txn, generation));
  }

  /**
   * Runs {@code action} after every append queued so far is durable, and waits for it.
   *
   * @throws IOException if the action or an earlier write failed
   */
  void barrier(LogAction action) throws IOException, InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    put(new Barrier(action, done));
    try {
      done.get(BARRIER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("the log writer did not finish a truncate/install in time", e);
    }
  }

  /** The failure that stopped the writer, or null. */
  IOException failure() {
    return failure;
  }

  long syncs() {
    return log.syncs();
  }

  private void put(Task task) throws InterruptedException {
    while (!queue.offer(task, 100, TimeUnit.MILLISECONDS)) {
      if (!thread.isAlive()) {
        return; // stopped: nothing will be reported for it, and the driver is told of the failure
      }
    }
  }

  private void run() {
    List<Task> batch = new ArrayList<>(batchMax);
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, batchMax - 1);
        for (Task task : batch) {
          if (task instanceof Stop) {
            syncPending();
            return;
          } else if (task instanceof Append a) {
            write(a);
          } else if (task instanceof Barrier b) {
            runBarrier(b);
          }
        }
        syncPending();
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      fail(e);
      for (Task t : batch) {
        if (t instanceof Barrier b) {
          b.done().completeExceptionally(e);
        }
      }
      drainAfterFailure(e);
    }
  }

  private long pendingZxid = -1;
  private long pendingGeneration;
  private int pendingCount;

  private void write(Append a) throws IOException {
    byte[] payload = TxnCodec.encode(a.txn());
    if (payload.length > LogFormat.PAYLOAD_BYTES_MAX) {
      // The leader checked the request against jute.maxbuffer; a record this large is a bug.
      throw new IOException(
          "transaction " + a.txn().zxid() + " encodes to " + payload.length + " bytes");
    }
    if (a.generation() != pendingGeneration && pendingCount > 0) {
      syncPending(); // never report two generations as one
    }
    log.append(a.txn().zxid(), payload);
    pendingZxid = a.txn().zxid();
    pendingGeneration = a.generation();
    pendingCount++;
  }

  private void syncPending() throws IOException {
    if (pendingCount == 0) {
      return;
    }
    log.sync();
    listener.persisted(pendingZxid, pendingGeneration);
    listener.appended(pendingCount);
    pendingCount = 0;
  }

  private void runBarrier(Barrier b) throws IOException {
    syncPending();
    try {
      b.action().run(log);
      b.done().complete(null);
    } catch (IOException e) {
      b.done().completeExceptionally(e);
      throw e;
    }
  }

  private void fail(IOException e) {
    failure = e;
    LOG.log(
        Level.ERROR,
        "cannot write the transaction log ("
            + e
            + "); this server stops taking part in the ensemble until it is restarted",
        e);
    listener.failed(e);
  }

  private void drainAfterFailure(IOException e) {
    List<Task> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Task t : rest) {
      if (t instanceof Barrier b) {
        b.done().completeExceptionally(e);
      }
    }
  }

  /** Syncs what is queued, stops the thread and closes the log. */
  @Override
  public void close() {
    try {
      while (thread.isAlive() && !queue.offer(new Stop(), 100, TimeUnit.MILLISECONDS)) {
        // the writer is draining a full queue
      }
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drainAfterFailure(new IOException("log writer closed"));
    try {
      log.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the transaction log failed", e);
    }
  }
}
