package io.paddock.session;

/**
 * The session-timeout bounds a server grants, and the negotiation that clamps what a client asks
 * for into them (as ZooKeeper does: too short becomes the minimum, too long the maximum).
 *
 * @param minMs the shortest timeout granted, in ms
 * @param maxMs the longest timeout granted, in ms
 */
public record SessionTimeouts(int minMs, int maxMs) {

  /** ZooKeeper's default bounds in ticks: [2, 20] × tickTime. */
  public static final int DEFAULT_MIN_TICKS = 2;

  /** See {@link #DEFAULT_MIN_TICKS}. */
  public static final int DEFAULT_MAX_TICKS = 20;

  /**
   * @throws IllegalArgumentException unless {@code 0 < minMs <= maxMs}
   */
  public SessionTimeouts {
    if (minMs <= 0 || minMs > maxMs) {
      throw new IllegalArgumentException(
          "need 0 < minMs <= maxMs: minMs=" + minMs + " maxMs=" + maxMs);
    }
  }

  /**
   * Bounds from a tick and optional explicit values; {@code -1} means the default ({@link
   * #DEFAULT_MIN_TICKS} or {@link #DEFAULT_MAX_TICKS} ticks).
   */
  public static SessionTimeouts of(int tickTimeMs, int minMsOrMinus1, int maxMsOrMinus1) {
    if (tickTimeMs <= 0) {
      throw new IllegalArgumentException("tickTimeMs must be > 0: " + tickTimeMs);
    }
    int min =
        minMsOrMinus1 == -1 ? Math.multiplyExact(DEFAULT_MIN_TICKS, tickTimeMs) : minMsOrMinus1;
    int max =
        maxMsOrMinus1 == -1 ? Math.multiplyExact(DEFAULT_MAX_TICKS, tickTimeMs) : maxMsOrMinus1;
    return new SessionTimeouts(min, max);
  }

  /** The timeout granted to a client that asked for {@code requestedMs}. */
  public int negotiate(int requestedMs) {
    return Math.max(minMs, Math.min(maxMs, requestedMs));
  }
}
