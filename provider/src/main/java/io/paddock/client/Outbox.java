package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.wire.OpCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Requests accepted from callers and not yet written to a socket. The only structure callers and
 * the I/O thread share: its lock makes "assign the next xid, enqueue" atomic, so the order on the
 * wire is the order of the calls (per-session FIFO), and makes "refuse from now on, take what is
 * queued" atomic, so no call is stranded when the client ends.
 *
 * <p>A call waits here at most {@code waitBudgetNanos} while the client is not connected; the I/O
 * thread fails the overdue ones (FIFO with a fixed budget, so only the head needs checking).
 */
final class Outbox {
  private final Object lock = new Object();
  private final ArrayDeque<Call<?>> queue = new ArrayDeque<>();
  private final int requestFrameBytesMax;
  private final int queuedMax;
  private final long waitBudgetNanos;
  private final LongSupplier nanoTime;
  private final Runnable wakeup;
  private int nextXid = 1;
  private ErrorCode refusalCode;
  private String refusalReason;

  Outbox(
      int requestFrameBytesMax,
      int queuedMax,
      long waitBudgetNanos,
      LongSupplier nanoTime,
      Runnable wakeup) {
    this.requestFrameBytesMax = requestFrameBytesMax;
    this.queuedMax = queuedMax;
    this.waitBudgetNanos = waitBudgetNanos;
    this.nanoTime = nanoTime;
    this.wakeup = wakeup;
  }

  /** Accepts the call for sending, or fails its future at once with the reason. */
  <T> CompletableFuture<T> submit(Call<T> call) {
    if (call.payloadBytes() > requestFrameBytesMax) {
      call.future()
          .completeExceptionally(
              Errors.withCause(
                  ErrorCode.BAD_ARGUMENTS,
                  call.clientPath(),
                  new IllegalArgumentException(
                      call.op()
                          + " request of "
                          + call.payloadBytes()
                          + " bytes exceeds the frame limit of "
                          + requestFrameBytesMax
                          + " bytes (jute.maxbuffer); not sent")));
      return call.future();
    }
    synchronized (lock) {
      if (refusalCode != null) {
        call.future()
            .completeExceptionally(Errors.because(refusalCode, call.clientPath(), refusalReason));
        return call.future();
      }
      if (queue.size() >= queuedMax) {
        call.future()
            .completeExceptionally(
                Errors.because(
                    ErrorCode.THROTTLED_OP,
                    call.clientPath(),
                    queuedMax + " requests are already waiting to be sent"));
        return call.future();
      }
      enqueue(call);
    }
    wakeup.run();
    return call.future();
  }

  /**
   * Enqueues {@code last} (if not refused already) and refuses everything after it.
   *
   * @return whether {@code last} was enqueued
   */
  boolean submitLastAndRefuse(Call<?> last, ErrorCode code, String reason) {
    boolean accepted;
    synchronized (lock) {
      accepted = refusalCode == null;
      if (accepted) {
        enqueue(last);
        refusalCode = code;
        refusalReason = reason;
      }
    }
    wakeup.run();
    return accepted;
  }

  private void enqueue(Call<?> call) {
    if (call.op() != OpCode.AUTH) { // auth frames carry the reserved xid Xid.AUTH already
      call.assignXid(nextXid);
      nextXid = nextXid == Integer.MAX_VALUE ? 1 : nextXid + 1;
    }
    call.deadlineNanos(nanoTime.getAsLong() + waitBudgetNanos);
    queue.addLast(call);
  }

  /** The oldest call, or {@code null}. I/O thread only. */
  Call<?> poll() {
    synchronized (lock) {
      return queue.pollFirst();
    }
  }

  /** Removes and returns the calls whose wait budget is used up at {@code nowNanos}. */
  List<Call<?>> takeOverdue(long nowNanos) {
    List<Call<?>> overdue = new ArrayList<>();
    synchronized (lock) {
      while (!queue.isEmpty() && queue.peekFirst().deadlineNanos() - nowNanos <= 0) {
        overdue.add(queue.pollFirst());
      }
    }
    return overdue;
  }

  /** Nanoseconds from {@code nowNanos} until the oldest call is overdue; MAX_VALUE when empty. */
  long headWaitNanos(long nowNanos) {
    synchronized (lock) {
      return queue.isEmpty() ? Long.MAX_VALUE : queue.peekFirst().deadlineNanos() - nowNanos;
    }
  }

  boolean isEmpty() {
    synchronized (lock) {
      return queue.isEmpty();
    }
  }

  /**
   * Refuses every later call (keeping an earlier refusal's reason) and returns the queued ones for
   * the caller to fail.
   */
  List<Call<?>> refuse(ErrorCode code, String reason) {
    synchronized (lock) {
      if (refusalCode == null) {
        refusalCode = code;
        refusalReason = reason;
      }
      List<Call<?>> taken = new ArrayList<>(queue);
      queue.clear();
      return taken;
    }
  }
}
