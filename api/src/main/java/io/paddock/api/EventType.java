package io.paddock.api;

/** What a {@link WatchedEvent} reports, with ZooKeeper's wire values. */
public enum EventType {
  /** A connection-state change; the path is null. */
  NONE(-1),
  NODE_CREATED(1),
  NODE_DELETED(2),
  NODE_DATA_CHANGED(3),
  NODE_CHILDREN_CHANGED(4),
  DATA_WATCH_REMOVED(5),
  CHILD_WATCH_REMOVED(6),
  PERSISTENT_WATCH_REMOVED(7);

  private final int code;

  EventType(int code) {
    this.code = code;
  }

  /** The wire value. */
  public int code() {
    return code;
  }

  /**
   * The event type with the given wire value.
   *
   * @throws IllegalArgumentException if {@code code} names no event type
   */
  public static EventType fromCode(int code) {
    for (EventType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown event type: " + code);
  }
}
