package io.paddock.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each session's requests answered in the order sent (per-session FIFO) while writes wait for
 * commit and reads run against the local tree.
 *
 * <p>A read may run at once when nothing of its session is waiting; otherwise it queues behind the
 * session's oldest uncommitted write. Writes are handed on for ordering immediately (so the
 * session's writes keep their order in the zxid sequence) and leave a marker here; when a write
 * commits, its marker is at the head of its session's queue (writes of one session commit in the
 * order sent, and reads ahead of it were released at the previous commit), and the reads behind it,
 * up to the next marker, become runnable. Owned by the processor thread; not thread-safe.
 *
 * @param <R> a queued read
 */
final class SessionOrder<R> {
  /** Marks an uncommitted write in a session's queue. */
  private static final Object WRITE = new Object();

  private final Map<Long, ArrayDeque<Object>> queues = new HashMap<>();
  private int queuedTotal;

  /**
   * Offers a read. Returns true if it may run now; otherwise it was queued and will be returned by
   * {@link #committed} once the writes ahead of it are applied.
   */
  boolean offerRead(long sessionId, R read) {
    ArrayDeque<Object> queue = queues.get(sessionId);
    if (queue == null) {
      return true;
    }
    queue.addLast(read);
    queuedTotal++;
    return false;
  }

  /** Records that a write of this session was handed on and awaits commit. */
  void writeSubmitted(long sessionId) {
    queues.computeIfAbsent(sessionId, id -> new ArrayDeque<>()).addLast(WRITE);
    queuedTotal++;
  }

  /**
   * Records that the session's oldest write committed and returns the reads that may now run, in
   * order.
   *
   * @throws IllegalStateException if the session has no write waiting at the head of its queue
   */
  @SuppressWarnings("unchecked") // only reads of type R and the WRITE marker are ever queued
  List<R> committed(long sessionId) {
    ArrayDeque<Object> queue = queues.get(sessionId);
    if (queue == null || queue.peekFirst() != WRITE) {
      throw new IllegalStateException(
          "commit for session 0x" + Long.toHexString(sessionId) + " without a pending write");
    }
    queue.removeFirst();
    queuedTotal--;
    List<R> runnable = new ArrayList<>();
    while (!queue.isEmpty() && queue.peekFirst() != WRITE) {
      runnable.add((R) queue.removeFirst());
      queuedTotal--;
    }
    if (queue.isEmpty()) {
      queues.remove(sessionId);
    }
    return runnable;
  }

  /** Whether the session has a write awaiting commit. */
  boolean hasPendingWrite(long sessionId) {
    return queues.containsKey(sessionId);
  }

  /**
   * Forgets a session (closed or expired) and returns its queued reads, which the caller answers
   * with an error.
   */
  @SuppressWarnings("unchecked") // see committed()
  List<R> drop(long sessionId) {
    ArrayDeque<Object> queue = queues.remove(sessionId);
    List<R> dropped = new ArrayList<>();
    if (queue != null) {
      for (Object entry : queue) {
        if (entry != WRITE) {
          dropped.add((R) entry);
        }
      }
      queuedTotal -= queue.size();
    }
    return dropped;
  }

  /** Number of queued entries (reads and write markers) over all sessions. */
  int queuedTotal() {
    return queuedTotal;
  }
}
