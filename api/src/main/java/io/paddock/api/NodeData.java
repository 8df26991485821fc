package io.paddock.api;

/**
 * The data of a znode with its stat, as returned by {@code getData}.
 *
 * @param data the bytes (null if the node was created with null data)
 * @param stat the stat at the time of the read
 */
public record NodeData(byte[] data, Stat stat) {
  public NodeData {
    data = data == null ? null : data.clone();
  }

  @Override
  public byte[] data() {
    return data == null ? null : data.clone();
  }
}
