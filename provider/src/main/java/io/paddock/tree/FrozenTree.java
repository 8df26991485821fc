package io.paddock.tree;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of a {@link DataTree} at one zxid, readable while the tree goes on applying
 * transactions: what a snapshot writes. Made by {@link DataTree#freeze()}, which copies every
 * znode's stored fields into a {@link NodeRecord} on the owner's thread (a stop-the-world copy,
 * linear in the number of znodes; the data arrays are shared, never copied, since stored data is
 * never mutated). The expensive part, encoding, compressing and writing, happens on the reader's
 * thread.
 *
 * <p>{@link #forEachNode} may run on another thread than the tree's owner, provided the view was
 * handed over through something that orders memory (a queue or an executor). Nothing here is
 * mutable after construction.
 */
public final class FrozenTree {
  private final List<NodeRecord> nodes;
  private final long zxid;
  private final Map<Long, Integer> sessions;

  FrozenTree(List<NodeRecord> nodes, long zxid, Map<Long, Integer> sessions) {
    this.nodes = Collections.unmodifiableList(nodes);
    this.zxid = zxid;
    this.sessions = Collections.unmodifiableMap(sessions);
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
    return nodes.size();
  }

  /** Hands every znode to {@code visitor}, each parent before its children. */
  public void forEachNode(Consumer<NodeRecord> visitor) {
    nodes.forEach(visitor);
  }
}
