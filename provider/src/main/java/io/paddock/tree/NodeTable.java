package io.paddock.tree;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A set of {@link Node}s keyed by path, smaller than a {@code HashMap}/{@code HashSet}: no entry
 * objects, just one array of node references. Used for the global path index, every node's
 * children, the ephemeral index and the container/TTL sets.
 *
 * <p>Up to {@value #COMPACT_MAX} slots the array is dense and searched linearly (most child sets
 * are tiny). Beyond that it is an open-addressing table with linear probing, Fibonacci hashing of
 * {@link Paths#hash} and backward-shift deletion, kept at most 3/4 full. It never shrinks once
 * hashed. Nodes keep their paths as UTF-8 bytes ({@link Node#pathBytes}); a probe compares them
 * directly, so it costs what a String compare did (the node, then one array).
 *
 * <p>Iteration order depends only on the sequence of adds and removes, so replicas that apply the
 * same transactions iterate the same way.
 */
final class NodeTable {
  static final int COMPACT_MAX = 8;
  private static final int HASHED_MIN = 16;
  private static final int CAPACITY_MAX = 1 << 30;

  private Node[] slots;
  private int size;

  /**
   * @param initialCapacity expected size; at most {@value #COMPACT_MAX} starts compact
   */
  NodeTable(int initialCapacity) {
    if (initialCapacity <= COMPACT_MAX) {
      slots = new Node[Math.max(1, initialCapacity)];
    } else {
      slots = new Node[Math.max(HASHED_MIN, Integer.highestOneBit(initialCapacity - 1) << 1)];
    }
  }

  int size() {
    return size;
  }

  private boolean compact() {
    return slots.length <= COMPACT_MAX;
  }

  /** The node with this path, or null. */
  Node get(String path) {
    byte[] utf8 = Paths.isAscii(path) ? null : Paths.utf8(path);
    if (compact()) {
      for (int i = 0; i < size; i++) {
        if (Paths.same(slots[i].pathBytes(), path, utf8)) {
          return slots[i];
        }
      }
      return null;
    }
    int mask = slots.length - 1;
    for (int i = home(Paths.hash(path, utf8), slots.length); ; i = (i + 1) & mask) {
      Node n = slots[i];
      if (n == null || Paths.same(n.pathBytes(), path, utf8)) {
        return n;
      }
    }
  }

  /** Adds a node; false if a node with the same path is already present. */
  boolean add(Node node) {
    return add(node, Paths.hash(node.pathBytes()));
  }

  /** {@link #add(Node)} with the path's {@link Paths#hash} already computed. */
  boolean add(Node node, int hash) {
    int found = find(node.pathBytes(), hash);
    if (found >= 0) {
      return false;
    }
    if (!compact()) {
      // The probe ended at the free slot where the node goes, unless the table must grow first.
      if (!grownFor(size + 1)) {
        slots[-1 - found] = node;
        size++;
        return true;
      }
      insertHashed(node, hash);
    } else if (size < slots.length) {
      slots[size] = node;
    } else if (slots.length < COMPACT_MAX) {
      slots = Arrays.copyOf(slots, Math.min(COMPACT_MAX, slots.length * 2));
      slots[size] = node;
    } else {
      rehash(HASHED_MIN);
      insertHashed(node, hash);
    }
    size++;
    return true;
  }

  /**
   * Adds a node the caller knows is absent (its parent's child set just took it): probes read only
   * the slot array, never a candidate's path. Comparing paths costs two cache misses per probe
   * (node, then its path) once the table outgrows the cache; a million-node restore spent most of
   * its linking time there.
   */
  void addNew(Node node) {
    addNew(node, Paths.hash(node.pathBytes()));
  }

  /** {@link #addNew(Node)} with the path's {@link Paths#hash} already computed. */
  void addNew(Node node, int hash) {
    if (compact()) {
      if (!add(node, hash)) {
        throw new IllegalStateException("node already present: " + node.path());
      }
      return;
    }
    grownFor(size + 1);
    insertHashed(node, hash);
    size++;
  }

  /** Whether a node with this path ({@code hash} its {@link Paths#hash}) is present. */
  boolean contains(byte[] path, int hash) {
    return find(path, hash) >= 0;
  }

  /** Removes the node with this path; false if absent. */
  boolean remove(String path) {
    return remove(Paths.utf8(path));
  }

  /** Removes the node with the path of {@code node}; false if absent. */
  boolean remove(Node node) {
    return remove(node.pathBytes());
  }

  private boolean remove(byte[] path) {
    int i = find(path, Paths.hash(path));
    if (i < 0) {
      return false;
    }
    if (compact()) {
      slots[i] = slots[size - 1]; // order within a compact set is not meaningful
      slots[--size] = null;
      return true;
    }
    slots[i] = null;
    size--;
    // Backward-shift: pull later entries of the probe run into the hole so lookups never stop
    // early at it.
    int mask = slots.length - 1;
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int h = home(Paths.hash(slots[j].pathBytes()), slots.length);
      boolean stays = hole < j ? (hole < h && h <= j) : (hole < h || h <= j);
      if (!stays) {
        slots[hole] = slots[j];
        slots[j] = null;
        hole = j;
      }
    }
    return true;
  }

  /**
   * The slot of the node with this path; if absent, {@code -1 - slot} of the free slot a hashed
   * table's probe ended at (any negative number for a compact set).
   */
  private int find(byte[] path, int hash) {
    if (compact()) {
      for (int i = 0; i < size; i++) {
        if (Arrays.equals(slots[i].pathBytes(), path)) {
          return i;
        }
      }
      return -1;
    }
    int mask = slots.length - 1;
    int i = home(hash, slots.length);
    for (Node n = slots[i]; n != null; n = slots[i]) {
      if (Arrays.equals(n.pathBytes(), path)) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1 - i;
  }

  /** Doubles a hashed table if {@code newSize} nodes would fill it beyond 3/4; whether it did. */
  private boolean grownFor(int newSize) {
    if (newSize * 4L <= slots.length * 3L) {
      return false;
    }
    if (slots.length >= CAPACITY_MAX) {
      throw new IllegalStateException("node table full: " + size);
    }
    rehash(slots.length * 2);
    return true;
  }

  void forEach(Consumer<Node> action) {
    for (Node n : slots) {
      if (n != null) {
        action.accept(n);
      }
    }
  }

  /**
   * A copy of the slot array: the nodes in iteration order, with nulls for empty slots (callers
   * skip them). A plain array copy, the cheapest way to keep a child set as it is now.
   */
  Node[] slotsCopy() {
    return compact() ? Arrays.copyOf(slots, size) : slots.clone();
  }

  private void rehash(int capacity) {
    Node[] old = slots;
    slots = new Node[capacity];
    for (Node n : old) {
      if (n != null) {
        insertHashed(n, Paths.hash(n.pathBytes()));
      }
    }
  }

  private void insertHashed(Node node, int hash) {
    int mask = slots.length - 1;
    int i = home(hash, slots.length);
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = node;
  }

  private static int home(int hash, int capacity) {
    int bits = Integer.numberOfTrailingZeros(capacity);
    return (hash * 0x9E3779B9) >>> (32 - bits);
  }
}
