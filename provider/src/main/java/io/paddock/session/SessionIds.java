package io.paddock.session;

/**
 * Hands out session ids, ZooKeeper-style, so ids from different servers of an ensemble (and from
 * restarts of one server) do not collide:
 *
 * <pre>
 *   bits 63..56  server id (0..254)
 *   bits 55..16  low 40 bits of the start time in ms (distinct across restarts)
 *   bits 15..0   zero at start; then the id increments by one per session
 * </pre>
 *
 * Server id 255 is refused: ids with a top byte of 0xff are the ephemeral-owner values ZooKeeper
 * reserves for TTL nodes. The single id {@link Long#MIN_VALUE} (server 128, time 0) is the
 * container-node marker and is skipped. Not thread-safe; the leader's session owner holds it.
 */
public final class SessionIds {

  /** Highest server id whose session ids stay clear of the TTL marker range. */
  public static final long SERVER_ID_MAX = 254;

  private static final int SERVER_SHIFT = 56;
  private static final int TIME_SHIFT = 16;
  private static final long TIME_MASK = (1L << 40) - 1;

  /** The value ZooKeeper uses as ephemeralOwner of container nodes; never a session id. */
  static final long CONTAINER_OWNER = Long.MIN_VALUE;

  private final long serverId;
  private long next;

  private SessionIds(long serverId, long first) {
    this.serverId = serverId;
    this.next = first;
  }

  /**
   * A generator for a server starting at {@code nowMs}.
   *
   * @throws IllegalArgumentException if {@code serverId} is outside [0, {@link #SERVER_ID_MAX}]
   */
  public static SessionIds initial(long serverId, long nowMs) {
    if (serverId < 0 || serverId > SERVER_ID_MAX) {
      throw new IllegalArgumentException(
          "serverId must be in [0, " + SERVER_ID_MAX + "] to fit a session id: " + serverId);
    }
    long first = (serverId << SERVER_SHIFT) | ((nowMs & TIME_MASK) << TIME_SHIFT);
    return new SessionIds(serverId, first);
  }

  /** The id the next call to {@link #next()} returns, without consuming it. */
  public long peek() {
    return next == CONTAINER_OWNER ? next + 1 : next;
  }

  /**
   * A fresh session id.
   *
   * @throws IllegalStateException if this server's id space (2^56 ids) is exhausted
   */
  public long next() {
    if (next == CONTAINER_OWNER) {
      next++;
    }
    long id = next;
    if (serverIdOf(id) != serverId) {
      throw new IllegalStateException("session ids of server " + serverId + " exhausted at " + id);
    }
    next++;
    return id;
  }

  /** The server that created a session, from the top 8 bits of its id. */
  public static long serverIdOf(long sessionId) {
    return sessionId >>> SERVER_SHIFT;
  }
}
