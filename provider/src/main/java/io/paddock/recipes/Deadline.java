package io.paddock.recipes;

import java.time.Duration;

/**
 * A point in time on the monotonic clock after which a wait gives up; {@link #NEVER} never comes.
 */
final class Deadline {
  static final Deadline NEVER = new Deadline(Long.MAX_VALUE, true);

  private final long atNanos;
  private final boolean never;

  private Deadline(long atNanos, boolean never) {
    this.atNanos = atNanos;
    this.never = never;
  }

  /**
   * The deadline {@code timeout} from now; a negative timeout counts as zero.
   *
   * @throws NullPointerException if {@code timeout} is null
   */
  static Deadline after(Duration timeout) {
    long nanos;
    try {
      nanos = Math.max(0, timeout.toNanos());
    } catch (ArithmeticException e) {
      return NEVER; // more than ~292 years: the same as waiting forever
    }
    long now = System.nanoTime();
    if (now + nanos < now) {
      return NEVER;
    }
    return new Deadline(now + nanos, false);
  }

  /** Nanoseconds left, 0 once passed; {@link Long#MAX_VALUE} for {@link #NEVER}. */
  long remainingNanos() {
    if (never) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, atNanos - System.nanoTime());
  }

  boolean passed() {
    return remainingNanos() == 0;
  }
}
