package io.paddock.client;

import io.paddock.api.EventType;
import io.paddock.api.WatcherType;
import java.util.EnumSet;
import java.util.Set;

/** The five client-side watch tables, as ZooKeeper keeps them. */
enum WatchKind {
  /** Left by a successful getData or exists: fires on data change or deletion. */
  DATA,
  /** Left by exists on a missing node: fires on creation. */
  EXIST,
  /** Left by getChildren: fires on child change or deletion. */
  CHILD,
  /** addWatch PERSISTENT: data, child and deletion events of one node, until removed. */
  PERSISTENT,
  /** addWatch PERSISTENT_RECURSIVE: create/delete/data events of the node and its descendants. */
  PERSISTENT_RECURSIVE;

  /** The event a watcher gets when a watch of this kind is removed by removeWatches. */
  EventType removalEvent() {
    return switch (this) {
      case DATA, EXIST -> EventType.DATA_WATCH_REMOVED;
      case CHILD -> EventType.CHILD_WATCH_REMOVED;
      case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PERSISTENT_WATCH_REMOVED;
    };
  }

  /** The kinds a removeWatches of {@code type} removes. */
  static Set<WatchKind> of(WatcherType type) {
    return switch (type) {
      case CHILDREN -> EnumSet.of(CHILD);
      case DATA -> EnumSet.of(DATA, EXIST);
      case ANY -> EnumSet.allOf(WatchKind.class);
      case PERSISTENT -> EnumSet.of(PERSISTENT);
      case PERSISTENT_RECURSIVE -> EnumSet.of(PERSISTENT_RECURSIVE);
    };
  }
}
