package io.paddock.tree;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The state of a {@link DataTree} at one zxid, readable while the tree goes on applying
 * transactions: what a snapshot writes.
 *
 * <p>Two kinds. {@link DataTree#freeze()} makes a copy-on-write view ({@link CopyOnWriteView}):
 * O(1) in the number of znodes on the owner's thread, which from then on saves the pre-freeze state
 * of each node it changes until the view is {@linkplain DataTree#release released}. {@link
 * DataTree#copyView()} makes a full copy of every node's stored fields (linear in the znodes, on
 * the owner's thread) that needs no release. Either way the data arrays are shared, never copied,
 * since stored data is never mutated; the expensive part, encoding, compressing and writing,
 * happens on the reader's thread.
 *
 * <p>{@link #forEachNode} may run on another thread than the tree's owner, provided the view was
 * handed over through something that orders memory (a queue or an executor). A view from {@code
 * freeze()} must not be read after its release (the read then throws).
 */
public final class FrozenTree {
  private final List<NodeRecord> copied; // copyView(); null for a copy-on-write view
  private final CopyOnWriteView view; // freeze(); null for a copy
  private final long zxid;
  private final Map<Long, Integer> sessions;

  /** A full copy. */
  FrozenTree(List<NodeRecord> nodes, long zxid, Map<Long, Integer> sessions) {
    this.copied = Collections.unmodifiableList(nodes);
    this.view = null;
    this.zxid = zxid;
    this.sessions = Collections.unmodifiableMap(sessions);
  }

  /** A copy-on-write view; {@code sessions} is a copy the tree no longer touches. */
  FrozenTree(CopyOnWriteView view, long zxid, Map<Long, Integer> sessions) {
    this.copied = null;
    this.view = view;
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
    return view != null ? view.nodeCount() : copied.size();
  }

  /**
   * Hands every znode to {@code visitor}, each parent before its children.
   *
   * @throws IllegalStateException if this is a released copy-on-write view
   */
  public void forEachNode(Consumer<NodeRecord> visitor) {
    if (view != null) {
      view.walk(visitor);
    } else {
      copied.forEach(visitor);
    }
  }

  /** The copy-on-write state behind this view, or null for a full copy. */
  CopyOnWriteView copyOnWrite() {
    return view;
  }
}
