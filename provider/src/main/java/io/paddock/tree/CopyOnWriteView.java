package io.paddock.tree;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.function.Consumer;

/**
 * The state of a {@link DataTree} at a freeze, kept by copy-on-write: the live nodes plus a side
 * map of the pre-freeze state of every node changed since. What {@link DataTree#freeze()} hands out
 * inside a {@link FrozenTree}.
 *
 * <p>The owner (processor) thread calls {@link #beforeChange} before it changes a node in any way
 * (data, stat, ACL, children): the first call for a node saves its stored fields and its children
 * array as they were at the freeze. A reader thread {@link #walk}s the tree from the root it had at
 * the freeze, taking for each node its saved state if there is one, else its live state. So a node
 * created after the freeze is never reached (its parent's saved children do not hold it, and a
 * parent without saved state has not changed), and a node deleted after it still is (its parent was
 * saved before the delete unlinked it).
 *
 * <p>Memory visibility: the side map is guarded by one lock. The reader looks a node up and, if it
 * is not there, reads the live node, both under the lock; the owner puts a node's saved state under
 * the lock and changes the node only after that. So either the reader's section comes first, and
 * its reads of the live node happen before any later write to it, or the owner's put comes first,
 * and the reader finds the saved state. Everything written before the freeze is visible to the
 * reader because the view crosses threads through something that orders memory (an executor, a
 * queue). Only the owner adds to the map, so it checks for an entry without the lock. (The pure
 * {@code tree} package may not use {@code java.util.concurrent}; a lock held for one lookup or one
 * put is all this needs.)
 *
 * <p>Cost: {@link DataTree#freeze()} is O(1) in the number of znodes; the owner pays one saved
 * record (and one copy of the children array, for a parent) per node changed while the view is out,
 * and nothing per node when no view is out. Nodes with a creation zxid above {@link #czxidMax} were
 * created after the freeze and are not saved: no per-node mark is needed.
 */
final class CopyOnWriteView {
  /** A node as it was at the freeze: stored fields, and its children then (null if none). */
  private record Before(NodeRecord record, Node[] children) {}

  private final Node root;
  private final int nodeCount;
  private final long czxidMax;

  private final Object lock = new Object();

  /**
   * Pre-freeze states by node (identity: {@link Node} keeps Object's equals), guarded by {@link
   * #lock} for the reader. Null once released, which drops them all at once for the GC: O(1) for
   * the owner, however many nodes changed.
   */
  private volatile IdentityHashMap<Node, Before> saved = new IdentityHashMap<>();

  /** Set by the owner when the tree is replaced: its nodes no longer change, nothing to save. */
  private volatile boolean detached;

  /**
   * @param root the tree's root at the freeze
   * @param nodeCount the number of znodes at the freeze
   * @param czxidMax the largest creation zxid of any node at the freeze
   */
  CopyOnWriteView(Node root, int nodeCount, long czxidMax) {
    this.root = root;
    this.nodeCount = nodeCount;
    this.czxidMax = czxidMax;
  }

  int nodeCount() {
    return nodeCount;
  }

  /** Owner thread: call before changing {@code node} in any way while this view is out. */
  void beforeChange(Node node) {
    IdentityHashMap<Node, Before> map = saved;
    if (detached || map == null || node.czxid > czxidMax || map.containsKey(node)) {
      return; // only the owner adds entries: it may read the map without the lock
    }
    Before before = capture(node); // the owner reads its own writes: no lock needed
    synchronized (lock) {
      map.put(node, before);
    }
  }

  /**
   * Owner thread: the tree no longer changes the nodes this view reads (they were replaced by
   * another tree's), so nothing more needs saving; the view stays readable until released.
   */
  void detach() {
    detached = true;
  }

  /** Owner thread: the reader has finished; drops the saved states (O(1): left to the GC). */
  void release() {
    detached = true;
    saved = null;
  }

  /** Pre-freeze states held: 0 once released. */
  int savedCount() {
    IdentityHashMap<Node, Before> map = saved;
    if (map == null) {
      return 0;
    }
    synchronized (lock) {
      return map.size();
    }
  }

  private static Before capture(Node node) {
    return new Before(
        node.toRecord(), node.children() == null ? null : node.children().slotsCopy());
  }

  /** Reader thread: the node's state at the freeze. */
  private Before read(Node node) {
    IdentityHashMap<Node, Before> map = saved;
    if (map == null) {
      throw new IllegalStateException("frozen view released while being read");
    }
    synchronized (lock) {
      Before before = map.get(node);
      return before != null ? before : capture(node);
    }
  }

  /**
   * Hands every znode of the frozen state to {@code visitor}, depth first, each parent before its
   * children (the order the copying freeze used). Any thread; may overlap the owner's applies.
   *
   * @throws IllegalStateException if the view is released during the walk, or if the walk does not
   *     find as many nodes as there were at the freeze (a change that skipped {@link
   *     #beforeChange})
   */
  void walk(Consumer<NodeRecord> visitor) {
    int visited = 0;
    // Frames of (children array, next index): iterative, so depth costs heap, not stack.
    ArrayDeque<Node[]> arrays = new ArrayDeque<>();
    int[] next = new int[16];
    Before top = read(root);
    visitor.accept(top.record());
    visited++;
    if (top.children() != null) {
      arrays.push(top.children());
    }
    while (!arrays.isEmpty()) {
      int depth = arrays.size() - 1;
      Node[] children = arrays.peek();
      int i = next[depth];
      while (i < children.length && children[i] == null) {
        i++;
      }
      if (i == children.length) {
        arrays.pop();
        next[depth] = 0;
        continue;
      }
      next[depth] = i + 1;
      Before child = read(children[i]);
      visitor.accept(child.record());
      visited++;
      if (child.children() != null) {
        arrays.push(child.children());
        if (depth + 1 >= next.length) {
          next = Arrays.copyOf(next, next.length * 2);
        }
      }
    }
    if (visited != nodeCount) {
      throw new IllegalStateException(
          "frozen view walked " + visited + " znodes, the tree had " + nodeCount);
    }
  }
}
