package io.paddock.tree;

import io.paddock.api.Acl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

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
 * <p>Both maps are split into {@value #SHARDS} hash maps by the top bits of a mixed path hash. A
 * hash map grows by copying all its entries at once, which for a million znodes in one map is a
 * pause of a hundred milliseconds or more; split, each growth moves 1/{@value #SHARDS} of them.
 *
 * <p>Invariant: {@code delta} never holds an object that is also in {@code base}, so a node
 * returned by {@link #writable} is never one a frozen view can see.
 */
final class NodeStore {
  private static final int SHARD_BITS = 6;
  static final int SHARDS = 1 << SHARD_BITS;

  /** Marks, in {@code delta}, a path present in {@code base} but removed since the freeze. */
  private static final Node REMOVED = new Node(null, Acl.OPEN_ACL_UNSAFE, 0, 0, 0);

  private final List<Map<String, Node>> base = shards();
  private List<Map<String, Node>> delta; // null: no freeze and nothing left to merge
  private int deltaSize;
  private boolean frozen;
  private int size;
  private int mergeShard; // where the next merge slice starts

  private static List<Map<String, Node>> shards() {
    List<Map<String, Node>> shards = new ArrayList<>(SHARDS);
    for (int i = 0; i < SHARDS; i++) {
      shards.add(new HashMap<>());
    }
    return shards;
  }

  /**
   * The shard of a path: the top bits of its hash times a Fibonacci constant. HashMap indexes its
   * table with the low bits, so these must be different bits, or each shard would use 1/64 of its
   * table.
   */
  private static int shard(String path) {
    return (path.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - SHARD_BITS);
  }

  private Node baseGet(String path) {
    return base.get(shard(path)).get(path);
  }

  private Node deltaGet(String path) {
    return delta.get(shard(path)).get(path);
  }

  private void deltaPut(String path, Node node) {
    if (delta.get(shard(path)).put(path, node) == null) {
      deltaSize++;
    }
  }

  private void deltaRemove(String path) {
    if (delta.get(shard(path)).remove(path) != null) {
      deltaSize--;
    }
  }

  /** The node at {@code path}, or null; for reading only. */
  Node get(String path) {
    if (delta != null) {
      Node d = deltaGet(path);
      if (d != null) {
        return d == REMOVED ? null : d;
      }
    }
    return baseGet(path);
  }

  /** The node at {@code path}, or null; the caller may change it in place. */
  Node writable(String path) {
    if (!frozen) {
      return get(path);
    }
    Node d = deltaGet(path);
    if (d != null) {
      return d == REMOVED ? null : d;
    }
    Node b = baseGet(path);
    if (b == null) {
      return null;
    }
    Node copy = b.cowCopy();
    deltaPut(path, copy);
    return copy;
  }

  /** Puts a node; returns the one it replaces, or null. */
  Node put(String path, Node node) {
    Node old = get(path);
    if (delta == null) {
      base.get(shard(path)).put(path, node);
    } else if (frozen) {
      if (node == baseGet(path)) {
        deltaRemove(path); // back to the frozen object itself: keeps the invariant
      } else {
        deltaPut(path, node);
      }
    } else {
      deltaRemove(path);
      base.get(shard(path)).put(path, node);
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
      base.get(shard(path)).remove(path);
    } else if (frozen) {
      if (baseGet(path) != null) {
        deltaPut(path, REMOVED);
      } else {
        deltaRemove(path);
      }
    } else {
      deltaRemove(path);
      base.get(shard(path)).remove(path);
    }
    size--;
    return old;
  }

  int size() {
    return size;
  }

  /** Every path, as a new set. */
  Set<String> keySet() {
    Set<String> keys = new HashSet<>(size * 4 / 3 + 1);
    forEach((path, node) -> keys.add(path));
    return keys;
  }

  /** Visits every node, in no particular order. */
  void forEach(BiConsumer<String, Node> visitor) {
    for (Map<String, Node> shard : base) {
      for (Map.Entry<String, Node> e : shard.entrySet()) {
        Node d = delta == null ? null : deltaGet(e.getKey());
        if (d == null) {
          visitor.accept(e.getKey(), e.getValue());
        } else if (d != REMOVED) {
          visitor.accept(e.getKey(), d);
        }
      }
    }
    if (delta != null) {
      for (Map<String, Node> shard : delta) {
        for (Map.Entry<String, Node> e : shard.entrySet()) {
          if (e.getValue() != REMOVED && baseGet(e.getKey()) == null) {
            visitor.accept(e.getKey(), e.getValue());
          }
        }
      }
    }
  }

  boolean isFrozen() {
    return frozen;
  }

  /** Changes not yet folded back into the base after a freeze. */
  int pendingMerge() {
    return deltaSize;
  }

  /**
   * Freezes the current contents and returns them, read-only, as shards. Finishes any merge left
   * from the previous freeze first, so the returned maps hold the whole tree.
   *
   * @throws IllegalStateException if already frozen
   */
  List<Map<String, Node>> freeze() {
    if (frozen) {
      throw new IllegalStateException("already frozen (" + deltaSize + " nodes changed since)");
    }
    while (mergeStep(Integer.MAX_VALUE)) {
      // merge everything left
    }
    List<Map<String, Node>> view = new ArrayList<>(SHARDS);
    int total = 0;
    for (Map<String, Node> shard : base) {
      view.add(Collections.unmodifiableMap(shard));
      total += shard.size();
    }
    if (total != size) {
      throw new IllegalStateException("base holds " + total + " nodes, expected " + size);
    }
    frozen = true;
    delta = shards();
    deltaSize = 0;
    mergeShard = 0;
    return Collections.unmodifiableList(view);
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
    int n = 0;
    while (n < entriesMax && mergeShard < SHARDS) {
      Map<String, Node> from = delta.get(mergeShard);
      Map<String, Node> to = base.get(mergeShard);
      Iterator<Map.Entry<String, Node>> it = from.entrySet().iterator();
      while (n < entriesMax && it.hasNext()) {
        Map.Entry<String, Node> e = it.next();
        if (e.getValue() == REMOVED) {
          to.remove(e.getKey());
        } else {
          to.put(e.getKey(), e.getValue());
        }
        it.remove();
        deltaSize--;
        n++;
      }
      if (from.isEmpty()) {
        mergeShard++;
      }
    }
    if (mergeShard == SHARDS) {
      if (deltaSize != 0) {
        throw new IllegalStateException(deltaSize + " changes left after merging every shard");
      }
      delta = null;
      return false;
    }
    return true;
  }
}
