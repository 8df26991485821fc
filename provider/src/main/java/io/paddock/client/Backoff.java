package io.paddock.client;

import java.util.Random;

/**
 * Delay before the next connection attempt: exponential in the number of consecutive failures,
 * capped, with jitter in the upper half so many clients that lost the same server do not reconnect
 * in lockstep. Small on purpose: the session is ticking while we are away. Pure apart from the
 * injected {@link Random}.
 */
final class Backoff {
  private static final int SHIFT_MAX = 20;

  private final long baseMs;
  private final long maxMs;
  private final Random random;

  Backoff(long baseMs, long maxMs, Random random) {
    if (baseMs < 1 || maxMs < baseMs) {
      throw new IllegalArgumentException(
          "need 1 <= baseMs <= maxMs, got baseMs=" + baseMs + " maxMs=" + maxMs);
    }
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /**
   * The delay after {@code failures} consecutive failed attempts (0 = right after a disconnect).
   */
  long delayMs(int failures) {
    int shift = Math.min(Math.max(failures, 0), SHIFT_MAX);
    long capMs = Math.min(maxMs, baseMs << shift);
    long halfMs = capMs / 2;
    return halfMs + (long) (random.nextDouble() * (capMs - halfMs + 1));
  }
}
