package io.paddock.client;

import java.util.concurrent.TimeUnit;

/**
 * The clocks of one live connection, pure (now is an argument, in {@link System#nanoTime} units,
 * compared by difference because nanoTime may wrap): ping after a third of the negotiated session
 * timeout without sending; declare the connection dead after two thirds without receiving any frame
 * (the server pings back, so a live server is never that quiet); with a request timeout, declare it
 * dead when the oldest request waits longer than that.
 */
final class LivenessTimer {
  private final long requestTimeoutNanos;
  private long readTimeoutNanos;
  private long pingIntervalNanos;
  private long lastSendNanos;
  private long lastRecvNanos;

  /** {@code requestTimeoutMs} 0 means no request timeout. */
  LivenessTimer(int requestTimeoutMs) {
    this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
  }

  /** A session was (re)established with this negotiated timeout. */
  void negotiated(int sessionTimeoutMs, long nowNanos) {
    readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs * 2L / 3);
    pingIntervalNanos = TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs / 3L);
    lastRecvNanos = nowNanos;
  }

  void sent(long nowNanos) {
    lastSendNanos = nowNanos;
  }

  void received(long nowNanos) {
    lastRecvNanos = nowNanos;
  }

  boolean readTimedOut(long nowNanos) {
    return nowNanos - lastRecvNanos >= readTimeoutNanos;
  }

  long silentMs(long nowNanos) {
    return TimeUnit.NANOSECONDS.toMillis(nowNanos - lastRecvNanos);
  }

  boolean pingDue(long nowNanos) {
    return nowNanos - lastSendNanos >= pingIntervalNanos;
  }

  /** Whether a request sent at {@code sentNanos} has waited too long (never, without a limit). */
  boolean requestOverdue(long sentNanos, long nowNanos) {
    return requestTimeoutNanos > 0 && nowNanos - sentNanos >= requestTimeoutNanos;
  }

  /**
   * Nanoseconds until the next of these clocks runs out; {@code oldestSentNanos} is the send time
   * of the oldest unanswered request, or null.
   */
  long nanosUntilNext(long nowNanos, Long oldestSentNanos) {
    long nanos =
        Math.min(
            lastRecvNanos + readTimeoutNanos - nowNanos,
            lastSendNanos + pingIntervalNanos - nowNanos);
    if (oldestSentNanos != null && requestTimeoutNanos > 0) {
      nanos = Math.min(nanos, oldestSentNanos + requestTimeoutNanos - nowNanos);
    }
    return nanos;
  }
}
