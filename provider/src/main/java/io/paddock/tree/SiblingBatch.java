package io.paddock.tree;

import java.util.Arrays;

/**
 * The children of one parent collected during a restore, with their path hashes, and a small
 * open-addressing index over those hashes so that a repeated path is found at once: a probe
 * compares ints and reads a path only on equal hashes, and the nodes it reads were just created.
 * Reused from one parent to the next; clearing touches only the slots in use, so a tree of
 * one-child parents costs nothing per parent.
 */
final class SiblingBatch {
  private Node[] nodes = new Node[16];
  private int[] hashes = new int[16];
  private int[] slotOf = new int[16]; // where each node's entry sits in index
  private int[] index = new int[32]; // 1 + position in nodes, or 0 for an empty slot
  private int size;

  int size() {
    return size;
  }

  boolean contains(byte[] path, int hash) {
    int mask = index.length - 1;
    for (int i = home(hash, index.length); index[i] != 0; i = (i + 1) & mask) {
      int at = index[i] - 1;
      if (hashes[at] == hash && Arrays.equals(nodes[at].pathBytes(), path)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a node that {@link #contains} just said is absent. */
  void add(Node node, int hash) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
      slotOf = Arrays.copyOf(slotOf, size * 2);
    }
    nodes[size] = node;
    hashes[size] = hash;
    size++;
    if (size * 2 > index.length) {
      index = new int[index.length * 2]; // at most half full: probes stay short
      for (int i = 0; i < size; i++) {
        place(i);
      }
    } else {
      place(size - 1);
    }
  }

  private void place(int at) {
    int mask = index.length - 1;
    int i = home(hashes[at], index.length);
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = at + 1;
    slotOf[at] = i;
  }

  /** Gives every collected node to {@code parent} as a child and empties the batch. */
  void moveTo(Node parent) {
    parent.addNewChildren(nodes, hashes, size);
    for (int i = 0; i < size; i++) {
      index[slotOf[i]] = 0;
      nodes[i] = null;
    }
    size = 0;
  }

  private static int home(int hash, int capacity) {
    return (hash * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(capacity));
  }
}
