package io.paddock.api;

import java.util.List;

/**
 * A node's children with the parent's stat, as returned by {@code getChildren} with a stat.
 *
 * @param names the child names (not paths), unordered
 * @param stat the parent's stat
 */
public record Children(List<String> names, Stat stat) {
  public Children {
    names = List.copyOf(names);
  }
}
