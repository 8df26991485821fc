package io.paddock.tree;

/**
 * How ZooKeeper encodes node kinds in the {@code ephemeralOwner} stat field, which clients see: a
 * session id for ephemerals, {@code 0x8000000000000000} for containers, and {@code 0xFF} in the top
 * byte with the TTL in the low 40 bits for TTL nodes. Session ids never use these patterns (server
 * ids stop at 254 and the container marker is skipped).
 */
public final class EphemeralType {
  /** The container marker. */
  public static final long CONTAINER = Long.MIN_VALUE;

  /** Top byte of TTL nodes' owner field. */
  public static final long TTL_MASK = 0xFF00000000000000L;

  /** The largest TTL that fits the encoding. */
  public static final long TTL_MAX_MS = 0xFFFFFFFFFFL;

  private EphemeralType() {}

  /** The owner field for a TTL node. */
  public static long ttlOwner(long ttlMs) {
    return TTL_MASK | ttlMs;
  }

  /** Whether the owner field marks a TTL node. */
  public static boolean isTtl(long owner) {
    return (owner & TTL_MASK) == TTL_MASK;
  }

  /** The TTL of a TTL node's owner field. */
  public static long ttlOf(long owner) {
    return owner & TTL_MAX_MS;
  }

  /** Whether the owner field names a session (a real ephemeral). */
  public static boolean isSession(long owner) {
    return owner != 0 && owner != CONTAINER && !isTtl(owner);
  }
}
