package io.paddock.api;

/**
 * How a znode is created. The numeric {@link #flag()} is the value carried on the wire.
 *
 * <p>Ephemeral nodes vanish with their session; sequential nodes get a 10-digit, zero-padded
 * counter suffix from their parent; container nodes are removed by the server once their last child
 * is gone; TTL nodes are removed once they have had no children and no change for the TTL.
 */
public enum CreateMode {
  PERSISTENT(0, false, false, false, false),
  EPHEMERAL(1, true, false, false, false),
  PERSISTENT_SEQUENTIAL(2, false, true, false, false),
  EPHEMERAL_SEQUENTIAL(3, true, true, false, false),
  CONTAINER(4, false, false, true, false),
  PERSISTENT_WITH_TTL(5, false, false, false, true),
  PERSISTENT_SEQUENTIAL_WITH_TTL(6, false, true, false, true);

  private final int flag;
  private final boolean ephemeral;
  private final boolean sequential;
  private final boolean container;
  private final boolean ttl;

  CreateMode(int flag, boolean ephemeral, boolean sequential, boolean container, boolean ttl) {
    this.flag = flag;
    this.ephemeral = ephemeral;
    this.sequential = sequential;
    this.container = container;
    this.ttl = ttl;
  }

  /** The wire value of this mode. */
  public int flag() {
    return flag;
  }

  /** Whether the node belongs to the creating session. */
  public boolean isEphemeral() {
    return ephemeral;
  }

  /** Whether the server appends a sequence suffix to the name. */
  public boolean isSequential() {
    return sequential;
  }

  /** Whether the node is a container, removed once it had children and has none left. */
  public boolean isContainer() {
    return container;
  }

  /** Whether the node carries a time-to-live. */
  public boolean isTtl() {
    return ttl;
  }

  /**
   * The mode with the given wire value.
   *
   * @throws IllegalArgumentException if {@code flag} names no mode
   */
  public static CreateMode fromFlag(int flag) {
    for (CreateMode mode : values()) {
      if (mode.flag == flag) {
        return mode;
      }
    }
    throw new IllegalArgumentException("unknown create mode flag: " + flag);
  }
}
