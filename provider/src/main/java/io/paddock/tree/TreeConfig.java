package io.paddock.tree;

/**
 * Limits of a {@link DataTree}.
 *
 * @param dataBytesMax the largest znode data accepted by create and setData (longer →
 *     BAD_ARGUMENTS). ZooKeeper bounds data only through the packet limit {@code jute.maxbuffer}
 *     (default 0xfffff bytes); the default here is the same number, applied to the data itself.
 * @param enforceQuota whether hard quotas ({@code countHardLimit}/{@code byteHardLimit} under
 *     {@code /zookeeper/quota}) refuse writes with QUOTA_EXCEEDED; off by default, as in ZooKeeper
 */
public record TreeConfig(int dataBytesMax, boolean enforceQuota) {
  /** ZooKeeper's default {@code jute.maxbuffer}. */
  public static final int DATA_BYTES_MAX_DEFAULT = 0xfffff;

  /** The defaults. */
  public static final TreeConfig DEFAULTS = new TreeConfig(DATA_BYTES_MAX_DEFAULT, false);

  /** A config with the given data limit and no quota enforcement. */
  public TreeConfig(int dataBytesMax) {
    this(dataBytesMax, false);
  }

  public TreeConfig {
    if (dataBytesMax < 0) {
      throw new IllegalArgumentException("dataBytesMax must be >= 0: " + dataBytesMax);
    }
  }
}
