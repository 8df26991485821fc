package io.paddock.api;

/** The connection state a {@link WatchedEvent} reports, with ZooKeeper's wire values. */
public enum KeeperState {
  DISCONNECTED(0),
  SYNC_CONNECTED(3),
  AUTH_FAILED(4),
  CONNECTED_READ_ONLY(5),
  SASL_AUTHENTICATED(6),
  /** The session is gone; its ephemerals and watches with it. A new client must be created. */
  EXPIRED(-112),
  /** The client was closed by its owner. */
  CLOSED(7);

  private final int code;

  KeeperState(int code) {
    this.code = code;
  }

  /** The wire value. */
  public int code() {
    return code;
  }

  /**
   * The state with the given wire value.
   *
   * @throws IllegalArgumentException if {@code code} names no state
   */
  public static KeeperState fromCode(int code) {
    for (KeeperState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown keeper state: " + code);
  }
}
