package io.paddock.txn;

/**
 * Helpers for zxids. A zxid is a plain {@code long} everywhere: the leader epoch in the high 32
 * bits and a counter in the low 32 bits, as ZooKeeper lays it out. Code that orders zxids compares
 * the longs directly; only diagnostics and the election code split them.
 */
public final class Zxid {
  /** The largest counter value one epoch can hold before it would spill into the epoch bits. */
  public static final long COUNTER_MAX = 0xFFFF_FFFFL;

  private Zxid() {}

  /**
   * Builds a zxid.
   *
   * @param epoch the leader epoch, 0 to 2^32-1
   * @param counter the counter within the epoch, 0 to {@link #COUNTER_MAX}
   * @throws IllegalArgumentException if either part is out of range
   */
  public static long of(long epoch, long counter) {
    if (epoch < 0 || epoch > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("epoch out of range: " + epoch);
    }
    if (counter < 0 || counter > COUNTER_MAX) {
      throw new IllegalArgumentException("counter out of range: " + counter);
    }
    return (epoch << 32) | counter;
  }

  /** The epoch part (high 32 bits, unsigned). */
  public static long epoch(long zxid) {
    return zxid >>> 32;
  }

  /** The counter part (low 32 bits, unsigned). */
  public static long counter(long zxid) {
    return zxid & COUNTER_MAX;
  }

  /** {@code 0x} followed by the zxid in hex, as ZooKeeper prints zxids. */
  public static String toHex(long zxid) {
    return "0x" + Long.toHexString(zxid);
  }
}
