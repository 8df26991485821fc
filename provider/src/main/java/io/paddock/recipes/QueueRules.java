package io.paddock.recipes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The pure part of the queue recipes: order the children of a queue directory and decide, for one
 * node, whether it holds and otherwise which single node it must watch. Watching only that node is
 * what avoids the herd effect: a release wakes exactly the waiter that can make progress.
 */
final class QueueRules {
  static final String LOCK = "lock";
  static final String READ = "read";
  static final String WRITE = "write";
  static final String LATCH = "latch";
  static final String LEASE = "lease";

  private QueueRules() {}

  /**
   * Where a queued node stands.
   *
   * @param holds whether it holds (the lock, the leadership)
   * @param watch the name of the node to watch while it does not hold, else null
   */
  record Standing(boolean holds, String watch) {
    static final Standing HOLDS = new Standing(true, null);

    static Standing waitFor(String name) {
      return new Standing(false, name);
    }
  }

  /** Decides for the node at index {@code mine} of the queue, ordered by sequence. */
  @FunctionalInterface
  interface Rule {
    Standing decide(List<QueueNode> ordered, int mine);
  }

  /** Exclusive (mutex, write lock, leader): hold when first, else watch the node just before. */
  static final Rule EXCLUSIVE =
      (ordered, mine) ->
          mine == 0 ? Standing.HOLDS : Standing.waitFor(ordered.get(mine - 1).name());

  /** Shared (read lock): hold unless a writer is queued before; then watch the last such writer. */
  static final Rule SHARED =
      (ordered, mine) -> {
        for (int i = mine - 1; i >= 0; i--) {
          if (ordered.get(i).kind().equals(WRITE)) {
            return Standing.waitFor(ordered.get(i).name());
          }
        }
        return Standing.HOLDS;
      };

  /**
   * The queue nodes among {@code names} in queue order; other names are ignored. Ties (which the
   * ensemble never produces in one directory) are broken by name so the order is total.
   */
  static List<QueueNode> ordered(Collection<String> names) {
    List<QueueNode> nodes = new ArrayList<>(names.size());
    for (String name : names) {
      QueueNode.parse(name).ifPresent(nodes::add);
    }
    nodes.sort(Comparator.comparingLong(QueueNode::sequence).thenComparing(QueueNode::name));
    return nodes;
  }

  /** The index of the node named {@code name} in {@code ordered}, or -1. */
  static int indexOf(List<QueueNode> ordered, String name) {
    for (int i = 0; i < ordered.size(); i++) {
      if (ordered.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The node that a create with {@code id} made, if it is among {@code names}. */
  static Optional<String> findById(Collection<String> names, String id) {
    for (String name : names) {
      Optional<QueueNode> node = QueueNode.parse(name);
      if (node.isPresent() && node.get().id().equals(id)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
