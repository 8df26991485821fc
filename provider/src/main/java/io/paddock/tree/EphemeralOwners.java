package io.paddock.tree;

/**
 * How a znode's kind is encoded in its stored {@code ephemeralOwner}, exactly as ZooKeeper stores
 * it (so snapshots and diagnostics read the same):
 *
 * <ul>
 *   <li>0: a persistent node;
 *   <li>{@code 0x8000000000000000}: a container;
 *   <li>{@code 0xFF00000000000000 | ttlMs}: a TTL node, TTL in the low 40 bits, so at most {@link
 *       #TTL_MAX_MS} (2^40-1 ms, about 34.8 years) — ZooKeeper's {@code EphemeralType.TTL} limit;
 *   <li>anything else: an ephemeral node owned by that session id.
 * </ul>
 *
 * <p>Clients never see the container and TTL encodings: ZooKeeper reports {@code ephemeralOwner =
 * 0} for them in a {@link io.paddock.api.Stat}, and so do we ({@link #clientVisible}). Because of
 * the encoding, a session id may not be 0, {@code 0x8000000000000000}, or have 0xFF as its high
 * byte ({@link #isReservedSessionId}); ZooKeeper avoids the latter by limiting server ids to 254.
 */
public final class EphemeralOwners {
  /** The owner value marking a container node. */
  public static final long CONTAINER = Long.MIN_VALUE;

  /** The high byte that marks a TTL node. */
  public static final long TTL_MASK = 0xFF00_0000_0000_0000L;

  /** The longest TTL, in milliseconds: 40 bits. */
  public static final long TTL_MAX_MS = 0x0000_00FF_FFFF_FFFFL;

  private EphemeralOwners() {}

  /**
   * The stored owner for a TTL node.
   *
   * @throws IllegalArgumentException if {@code ttlMs} is not in 1..{@link #TTL_MAX_MS}
   */
  public static long ttl(long ttlMs) {
    if (ttlMs <= 0 || ttlMs > TTL_MAX_MS) {
      throw new IllegalArgumentException("ttlMs out of range 1.." + TTL_MAX_MS + ": " + ttlMs);
    }
    return TTL_MASK | ttlMs;
  }

  /** Whether the owner marks a container. */
  public static boolean isContainer(long owner) {
    return owner == CONTAINER;
  }

  /** Whether the owner marks a TTL node. */
  public static boolean isTtl(long owner) {
    return (owner & TTL_MASK) == TTL_MASK;
  }

  /** The TTL of a TTL node's owner value. */
  public static long ttlMs(long owner) {
    return owner & TTL_MAX_MS;
  }

  /** Whether the owner marks an ephemeral node owned by a session. */
  public static boolean isSession(long owner) {
    return owner != 0 && !isContainer(owner) && !isTtl(owner);
  }

  /** The {@code ephemeralOwner} a client sees: the session id, or 0 for every other kind. */
  public static long clientVisible(long owner) {
    return isSession(owner) ? owner : 0;
  }

  /** Whether {@code sessionId} cannot be a session id because it collides with an encoding. */
  public static boolean isReservedSessionId(long sessionId) {
    return !isSession(sessionId);
  }
}
