package io.paddock.tree;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of a {@link DataTree} at one zxid, readable while the tree goes on applying
 * transactions: what a snapshot writes. Made by {@link DataTree#freeze()} in O(sessions) time, with
 * no copy of the znodes; until {@link DataTree#release} the tree copies a node before its first
 * change instead of changing it in place (see {@link NodeStore}).
 *
 * <p>{@link #forEachNode} may run on another thread than the tree's owner, provided the view was
 * handed over through something that orders memory (a queue or an executor), and the owner calls
 * {@link DataTree#release} only after the reading thread has said it is done (again through such a
 * hand-over). Nothing here is mutable after construction.
 */
public final class FrozenTree {
  private final List<Map<String, Node>> nodes;
  private final long zxid;
  private final Map<Long, Integer> sessions;
  private final int nodeCount;

  FrozenTree(List<Map<String, Node>> nodes, long zxid, Map<Long, Integer> sessions) {
    this.nodes = nodes;
    this.zxid = zxid;
    this.sessions = Collections.unmodifiableMap(sessions);
    int count = 0;
    for (Map<String, Node> shard : nodes) {
      count += shard.size();
    }
    this.nodeCount = count;
  }

  /** The zxid of the last transaction included. */
  public long zxid() {
    return zxid;
  }

  /** The open sessions and their timeouts at {@link #zxid()}. */
  public Map<Long, Integer> sessions() {
    return sessions;
  }

  /** The number of znodes, root and reserved nodes included. */
  public int nodeCount() {
    return nodeCount;
  }

  /**
   * Hands every znode to {@code visitor}, in no particular order; parents not necessarily first.
   */
  public void forEachNode(Consumer<NodeRecord> visitor) {
    int visited = 0;
    for (Map<String, Node> shard : nodes) {
      for (Map.Entry<String, Node> e : shard.entrySet()) {
        visitor.accept(e.getValue().toRecord(e.getKey()));
        visited++;
      }
    }
    if (visited != nodeCount) {
      // The base map changed under the reader: the freeze protocol was broken.
      throw new IllegalStateException(
          "frozen tree at zxid 0x"
              + Long.toHexString(zxid)
              + " had "
              + nodeCount
              + " nodes but "
              + visited
              + " were visited");
    }
  }
}
