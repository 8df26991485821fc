package io.paddock.api;

/** Which watches {@code removeWatches} removes, with ZooKeeper's wire values. */
public enum WatcherType {
  CHILDREN(1),
  DATA(2),
  ANY(3),
  PERSISTENT(4),
  PERSISTENT_RECURSIVE(5);

  private final int code;

  WatcherType(int code) {
    this.code = code;
  }

  /** The wire value. */
  public int code() {
    return code;
  }

  /**
   * The type with the given wire value.
   *
   * @throws IllegalArgumentException if {@code code} names no type
   */
  public static WatcherType fromCode(int code) {
    for (WatcherType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown watcher type: " + code);
  }
}
