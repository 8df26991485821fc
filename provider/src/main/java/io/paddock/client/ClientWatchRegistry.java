package io.paddock.client;

import io.paddock.api.EventType;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ZooKeeper's client-side watch bookkeeping: which watchers wait on which path, in five tables
 * ({@link WatchKind}). The server only knows "this session watches this path"; the client maps an
 * event back to the watchers, removes one-shot ones as they fire, and re-registers everything after
 * a reconnect. Paths are client paths (chroot stripped). A watcher registered twice in one table is
 * kept once, and gets one event per notification even if several tables match. Thread-safe.
 */
final class ClientWatchRegistry {

  /**
   * One removed registration.
   *
   * @param watcher the watcher
   * @param kind the table it was in
   */
  record Removed(Watcher watcher, WatchKind kind) {}

  /**
   * The paths of every table, for setWatches.
   *
   * @param data DATA paths
   * @param exist EXIST paths
   * @param child CHILD paths
   * @param persistent PERSISTENT paths
   * @param persistentRecursive PERSISTENT_RECURSIVE paths
   */
  record Snapshot(
      List<String> data,
      List<String> exist,
      List<String> child,
      List<String> persistent,
      List<String> persistentRecursive) {

    boolean isEmpty() {
      return data.isEmpty()
          && exist.isEmpty()
          && child.isEmpty()
          && persistent.isEmpty()
          && persistentRecursive.isEmpty();
    }
  }

  private final Map<WatchKind, Map<String, Set<Watcher>>> tables = new EnumMap<>(WatchKind.class);

  ClientWatchRegistry() {
    for (WatchKind kind : WatchKind.values()) {
      tables.put(kind, new HashMap<>());
    }
  }

  synchronized void add(WatchKind kind, String path, Watcher watcher) {
    tables.get(kind).computeIfAbsent(path, p -> new LinkedHashSet<>()).add(watcher);
  }

  /**
   * The watchers a server event triggers; one-shot ones are removed (so each fires once).
   * Persistent watches on the path match every event type; recursive ones on the path or an
   * ancestor match everything but child changes.
   */
  synchronized Set<Watcher> materialize(EventType type, String path) {
    Set<Watcher> result = new LinkedHashSet<>();
    switch (type) {
      case NODE_CREATED, NODE_DATA_CHANGED -> {
        take(WatchKind.DATA, path, result);
        take(WatchKind.EXIST, path, result);
      }
      case NODE_DELETED -> {
        take(WatchKind.DATA, path, result);
        take(WatchKind.EXIST, path, result);
        take(WatchKind.CHILD, path, result);
      }
      case NODE_CHILDREN_CHANGED -> take(WatchKind.CHILD, path, result);
      default -> {
        return result;
      }
    }
    Set<Watcher> persistent = tables.get(WatchKind.PERSISTENT).get(path);
    if (persistent != null) {
      result.addAll(persistent);
    }
    if (type != EventType.NODE_CHILDREN_CHANGED) {
      Map<String, Set<Watcher>> recursive = tables.get(WatchKind.PERSISTENT_RECURSIVE);
      for (String p = path; p != null; p = parent(p)) {
        Set<Watcher> ws = recursive.get(p);
        if (ws != null) {
          result.addAll(ws);
        }
      }
    }
    return result;
  }

  private void take(WatchKind kind, String path, Set<Watcher> into) {
    Set<Watcher> ws = tables.get(kind).remove(path);
    if (ws != null) {
      into.addAll(ws);
    }
  }

  /** The parent path, or {@code null} for the root. */
  static String parent(String path) {
    if (path.equals("/")) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /**
   * The registrations removeWatches would remove: {@code watcher}'s (or everyone's, if null) in the
   * tables {@code type} covers.
   */
  synchronized List<Removed> find(String path, Watcher watcher, WatcherType type) {
    return collect(path, watcher, type, false);
  }

  /** Removes and returns what {@link #find} returns. */
  synchronized List<Removed> remove(String path, Watcher watcher, WatcherType type) {
    return collect(path, watcher, type, true);
  }

  private List<Removed> collect(String path, Watcher watcher, WatcherType type, boolean remove) {
    List<Removed> found = new ArrayList<>();
    for (WatchKind kind : WatchKind.of(type)) {
      Map<String, Set<Watcher>> table = tables.get(kind);
      Set<Watcher> ws = table.get(path);
      if (ws == null) {
        continue;
      }
      for (Iterator<Watcher> it = ws.iterator(); it.hasNext(); ) {
        Watcher w = it.next();
        if (watcher == null || w.equals(watcher)) {
          found.add(new Removed(w, kind));
          if (remove) {
            it.remove();
          }
        }
      }
      if (ws.isEmpty()) {
        table.remove(path);
      }
    }
    return found;
  }

  /** Whether any watcher is left on {@code path} in the tables {@code type} covers. */
  synchronized boolean anyLeft(String path, WatcherType type) {
    for (WatchKind kind : WatchKind.of(type)) {
      if (tables.get(kind).containsKey(path)) {
        return true;
      }
    }
    return false;
  }

  /** The paths of every table (client paths). */
  synchronized Snapshot snapshot() {
    return new Snapshot(
        List.copyOf(tables.get(WatchKind.DATA).keySet()),
        List.copyOf(tables.get(WatchKind.EXIST).keySet()),
        List.copyOf(tables.get(WatchKind.CHILD).keySet()),
        List.copyOf(tables.get(WatchKind.PERSISTENT).keySet()),
        List.copyOf(tables.get(WatchKind.PERSISTENT_RECURSIVE).keySet()));
  }

  /** Forgets everything (the session is gone). */
  synchronized void clear() {
    tables.values().forEach(Map::clear);
  }
}
