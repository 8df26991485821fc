package io.paddock.tree;

import io.paddock.api.Acl;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The path-to-node map of a {@link DataTree}, able to freeze its contents for a snapshot without
 * copying them.
 *
 * <p>Normally every node lives in {@code base} and is changed in place. {@link #freeze()} turns
 * {@code base} read-only, for as long as a snapshot reads it: from then on a node the tree is about
 * to change is first copied into {@code delta} ({@link #writable}), new nodes go to {@code delta},
 * and removals leave a {@link #REMOVED} marker there. Lookups check {@code delta} first. So the
 * frozen nodes never change while their reader runs, and the only work on the owner's thread is one
 * node copy per node changed during the snapshot: the copy shares the children set with the
 * original (the frozen view never reads children: a snapshot stores paths and rebuilds them). After
 * {@link #release()}, {@link #mergeStep} folds {@code delta} back into {@code base} a slice at a
 * time, so no single call pauses the owner for long.
 *
 * <p>Invariant: {@code delta} never holds an object that is also in {@code base}, so a node
 * returned by {@link #writable} is never one a frozen view can see.
 */
final class NodeStore {
  /** Marks, in {@code delta}, a path present in {@code base} but removed since the freeze. */
  private static final Node REMOVED = new Node(null, Acl.OPEN_ACL_UNSAFE, 0, 0, 0);

  private final HashMap<String, Node> base = new HashMap<>();
  private HashMap<String, Node> delta; // null: no freeze and nothing left to merge
  private boolean frozen;
  private int size;

  /** The node at {@code path}, or null; for reading only. */
  Node get(String path) {
    if (delta != null) {
      Node d = delta.get(path);
      if (d != null) {
        return d == REMOVED ? null : d;
      }
    }
    return base.get(path);
  }

  /** The node at {@code path}, or null; the caller may change it in place. */
  Node writable(String path) {
    if (!frozen) {
      return get(path);
    }
    Node d = delta.get(path);
    if (d != null) {
      return d == REMOVED ? null : d;
    }
    Node b = base.get(path);
    if (b == null) {
      return null;
    }
    Node copy = b.cowCopy();
    delta.put(path, copy);
    return copy;
  }

  /** Puts a node; returns the one it replaces, or null. */
  Node put(String path, Node node) {
    Node old = get(path);
    if (delta == null) {
      base.put(path, node);
    } else if (frozen) {
      if (node == base.get(path)) {
        delta.remove(path); // back to the frozen object itself: keeps the invariant
      } else {
        delta.put(path, node);
      }
    } else {
      delta.remove(path);
      base.put(path, node);
    }
    if (old == null) {
      size++;
    }
    return old;
  }

  /** Removes a node; returns it, or null if there was none. */
  Node remove(String path) {
    Node old = get(path);
    if (old == null) {
      return null;
    }
    if (delta == null) {
      base.remove(path);
    } else if (frozen) {
      if (base.containsKey(path)) {
        delta.put(path, REMOVED);
      } else {
        delta.remove(path);
      }
    } else {
      delta.remove(path);
      base.remove(path);
    }
    size--;
    return old;
  }

  int size() {
    return size;
  }

  /** Every path (a copy while a freeze or merge is under way). */
  Set<String> keySet() {
    if (delta == null) {
      return Collections.unmodifiableSet(base.keySet());
    }
    Set<String> keys = new HashSet<>(base.keySet());
    for (Map.Entry<String, Node> e : delta.entrySet()) {
      if (e.getValue() == REMOVED) {
        keys.remove(e.getKey());
      } else {
        keys.add(e.getKey());
      }
    }
    return keys;
  }

  boolean isFrozen() {
    return frozen;
  }

  /** Changes not yet folded back into the base after a freeze. */
  int pendingMerge() {
    return delta == null ? 0 : delta.size();
  }

  /**
   * Freezes the current contents and returns them, read-only. Finishes any merge left from the
   * previous freeze first, so the returned map is the whole tree.
   *
   * @throws IllegalStateException if already frozen
   */
  Map<String, Node> freeze() {
    if (frozen) {
      throw new IllegalStateException("already frozen (" + delta.size() + " nodes changed since)");
    }
    while (mergeStep(Integer.MAX_VALUE)) {
      // merge everything left
    }
    if (base.size() != size) {
      throw new IllegalStateException("base holds " + base.size() + " nodes, expected " + size);
    }
    frozen = true;
    delta = new HashMap<>();
    return Collections.unmodifiableMap(base);
  }

  /** Ends the freeze: nobody reads the frozen contents any more; merging may start. */
  void release() {
    if (!frozen) {
      throw new IllegalStateException("not frozen");
    }
    frozen = false;
  }

  /**
   * Folds up to {@code entriesMax} changes made during the last freeze into the base. Returns
   * whether more remain.
   */
  boolean mergeStep(int entriesMax) {
    if (frozen || delta == null) {
      return false;
    }
    Iterator<Map.Entry<String, Node>> it = delta.entrySet().iterator();
    for (int n = 0; n < entriesMax && it.hasNext(); n++) {
      Map.Entry<String, Node> e = it.next();
      if (e.getValue() == REMOVED) {
        base.remove(e.getKey());
      } else {
        base.put(e.getKey(), e.getValue());
      }
      it.remove();
    }
    if (delta.isEmpty()) {
      delta = null;
      return false;
    }
    return true;
  }
}
