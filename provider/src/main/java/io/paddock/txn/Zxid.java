package io.paddock.txn;

/** Helpers for zxids: the epoch in the high 32 bits, a counter in the low 32 bits. */
public final class Zxid {
  private Zxid() {}

  /** The epoch part. */
  public static long epoch(long zxid) {
    return zxid >>> 32;
  }

  /** The counter part. */
  public static long counter(long zxid) {
    return zxid & 0xffffffffL;
  }

  /** A zxid from its parts. */
  public static long of(long epoch, long counter) {
    return (epoch << 32) | (counter & 0xffffffffL);
  }

  /** Hex form, as ZooKeeper prints it. */
  public static String toHex(long zxid) {
    return "0x" + Long.toHexString(zxid);
  }
}
