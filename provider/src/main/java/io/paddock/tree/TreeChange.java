package io.paddock.tree;

import io.paddock.api.EventType;
import java.util.Objects;

/**
 * One change an applied transaction made, for the watch table: {@code NODE_CREATED}, {@code
 * NODE_DELETED} or {@code NODE_DATA_CHANGED} for the node itself, {@code NODE_CHILDREN_CHANGED} for
 * its parent.
 *
 * @param path the node the event is about
 * @param type what happened to it
 */
public record TreeChange(String path, EventType type) {
  public TreeChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }
}
