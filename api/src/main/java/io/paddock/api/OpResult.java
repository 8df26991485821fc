package io.paddock.api;

import java.util.List;

/** The result of one {@link Op} in a multi or multiRead. */
public sealed interface OpResult {
  /**
   * A node was created.
   *
   * @param path the actual path (with the sequence suffix, for sequential modes)
   * @param stat the new node's stat
   */
  record CreateResult(String path, Stat stat) implements OpResult {}

  /** A node was deleted. */
  record DeleteResult() implements OpResult {}

  /**
   * Data was set.
   *
   * @param stat the node's stat after the change
   */
  record SetDataResult(Stat stat) implements OpResult {}

  /** A check passed. */
  record CheckResult() implements OpResult {}

  /**
   * Data was read.
   *
   * @param data the data (may be null for a node created with null data)
   * @param stat the node's stat
   */
  record GetDataResult(byte[] data, Stat stat) implements OpResult {
    public GetDataResult {
      data = data == null ? null : data.clone();
    }

    @Override
    public byte[] data() {
      return data == null ? null : data.clone();
    }
  }

  /**
   * Children were listed.
   *
   * @param children the child names, unordered
   */
  record GetChildrenResult(List<String> children) implements OpResult {
    public GetChildrenResult {
      children = List.copyOf(children);
    }
  }

  /**
   * The op failed, or was not applied because another op of the multi failed ({@link
   * ErrorCode#RUNTIME_INCONSISTENCY} for ops after the failing one, {@link ErrorCode#OK} for ops
   * before it, as ZooKeeper reports them).
   *
   * @param error the code
   */
  record ErrorResult(ErrorCode error) implements OpResult {}
}
