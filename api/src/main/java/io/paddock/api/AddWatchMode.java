package io.paddock.api;

/** Kinds of watches that stay registered after they fire. */
public enum AddWatchMode {
  /** Data changes, deletion and child changes of one node, for as long as it is registered. */
  PERSISTENT(0),
  /** Creation, deletion and data changes of a node and every descendant, but no child events. */
  PERSISTENT_RECURSIVE(1);

  private final int mode;

  AddWatchMode(int mode) {
    this.mode = mode;
  }

  /** The wire value. */
  public int mode() {
    return mode;
  }

  /**
   * The mode with the given wire value.
   *
   * @throws IllegalArgumentException if {@code mode} names no mode
   */
  public static AddWatchMode fromMode(int mode) {
    for (AddWatchMode m : values()) {
      if (m.mode == mode) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown add-watch mode: " + mode);
  }
}
