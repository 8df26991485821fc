package io.paddock.watch;

import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which session watches which path, with ZooKeeper 3.9 semantics. Not thread-safe: the server's
 * apply thread owns it (watches are triggered in zxid order, before the reply to the change).
 *
 * <p>Registrations are per (session, path, {@link Kind}); registering the same triple twice is one
 * registration. What fires on a change of {@code path}:
 *
 * <table>
 *   <caption>Kinds and the events that fire them</caption>
 *   <tr><th>kind</th><th>fires on (same path)</th><th>after firing</th></tr>
 *   <tr><td>DATA, EXIST</td><td>created, deleted, dataChanged</td><td>removed</td></tr>
 *   <tr><td>CHILD</td><td>childrenChanged, deleted</td><td>removed</td></tr>
 *   <tr><td>PERSISTENT</td><td>created, deleted, dataChanged, childrenChanged</td>
 *       <td>stays</td></tr>
 *   <tr><td>PERSISTENT_RECURSIVE</td><td>created, deleted, dataChanged of the path or any
 *       descendant; never childrenChanged</td><td>stays</td></tr>
 * </table>
 *
 * <p>A session receives at most one event per {@link #trigger} call, however many of its
 * registrations match: ZooKeeper keys watchers by connection, so its client sees one event too.
 *
 * <p>Bounded: each session may hold at most {@code watchesPerSessionMax} registrations (default
 * {@link #DEFAULT_WATCHES_PER_SESSION_MAX}); going over is reported as {@link
 * ErrorCode#QUOTA_EXCEEDED}, never thrown.
 */
public final class WatchTable {

  /** What kind of registration a watch is. */
  public enum Kind {
    /** One-shot, set by getData, or by exists on a node that exists. */
    DATA(1),
    /** One-shot, set by exists on a node that does not exist. */
    EXIST(1 << 1),
    /** One-shot, set by getChildren. */
    CHILD(1 << 2),
    /** Stays registered: events of the path itself, children changes included. */
    PERSISTENT(1 << 3),
    /** Stays registered: events of the path and every descendant, no children changes. */
    PERSISTENT_RECURSIVE(1 << 4);

    /** This kind's bit in the per-(session, path) mask. */
    private final int bit;

    Kind(int bit) {
      this.bit = bit;
    }

    int bit() {
      return bit;
    }
  }

  /**
   * One notification for one session.
   *
   * @param sessionId the watcher; the event goes to whatever connection the session has
   * @param event the event, state {@link KeeperState#SYNC_CONNECTED}
   */
  public record Delivery(long sessionId, WatchedEvent event) {
    public Delivery {
      Objects.requireNonNull(event, "event");
    }
  }

  /**
   * Counts for the {@code wchs} four-letter word.
   *
   * @param sessions sessions holding at least one watch ("connections" in ZooKeeper's output)
   * @param paths distinct watched paths
   * @param watches registrations, one per (session, path, kind)
   */
  public record Summary(int sessions, int paths, long watches) {}

  /**
   * The outcome of {@link #reregister}.
   *
   * @param deliveries events to send now, for watches whose condition already happened
   * @param droppedOverLimit registrations not made because the session hit its watch limit
   */
  public record Reregistered(List<Delivery> deliveries, int droppedOverLimit) {
    public Reregistered {
      deliveries = List.copyOf(deliveries);
    }
  }

  /**
   * Default per-session limit. ZooKeeper has none; a million is far above what real clients use (a
   * Curator TreeCache over 100k nodes holds ~200k) yet stops one buggy session from growing the
   * table without bound.
   */
  public static final int DEFAULT_WATCHES_PER_SESSION_MAX = 1_000_000;

  private static final int DATA_BIT = Kind.DATA.bit();
  private static final int EXIST_BIT = Kind.EXIST.bit();
  private static final int CHILD_BIT = Kind.CHILD.bit();
  private static final int PERSISTENT_BIT = Kind.PERSISTENT.bit();
  private static final int RECURSIVE_BIT = Kind.PERSISTENT_RECURSIVE.bit();
  private static final int ONE_SHOT_BITS = DATA_BIT | EXIST_BIT | CHILD_BIT;
  private static final int ALL_BITS = ONE_SHOT_BITS | PERSISTENT_BIT | RECURSIVE_BIT;

  private final int watchesPerSessionMax;

  /** path → (session → kind bits); inner maps keep registration order for determinism. */
  private final Map<String, Map<Long, Integer>> byPath = new HashMap<>();

  /** session → (path → kind bits), the mirror of {@link #byPath}. */
  private final Map<Long, SessionWatches> bySession = new HashMap<>();

  /** Recursive registrations in total; when 0, a change never looks at ancestors. */
  private long recursiveWatches;

  private long totalWatches;

  private static final class SessionWatches {
    final Map<String, Integer> masks = new LinkedHashMap<>();
    int count;
  }

  /** A table with the default per-session limit. */
  public WatchTable() {
    this(DEFAULT_WATCHES_PER_SESSION_MAX);
  }

  /**
   * A table allowing at most {@code watchesPerSessionMax} registrations per session.
   *
   * @throws IllegalArgumentException if {@code watchesPerSessionMax < 1}
   */
  public WatchTable(int watchesPerSessionMax) {
    if (watchesPerSessionMax < 1) {
      throw new IllegalArgumentException(
          "watchesPerSessionMax must be >= 1: " + watchesPerSessionMax);
    }
    this.watchesPerSessionMax = watchesPerSessionMax;
  }

  /**
   * Registers a watch.
   *
   * @return {@link ErrorCode#OK} if registered (or already registered), {@link
   *     ErrorCode#QUOTA_EXCEEDED} if the session already holds the maximum number of watches
   */
  public ErrorCode add(long sessionId, String path, Kind kind) {
    checkPath(path);
    Objects.requireNonNull(kind, "kind");
    SessionWatches mine = bySession.get(sessionId);
    int mask = mine == null ? 0 : mine.masks.getOrDefault(path, 0);
    if ((mask & kind.bit()) != 0) {
      return ErrorCode.OK;
    }
    if (mine != null && mine.count >= watchesPerSessionMax) {
      return ErrorCode.QUOTA_EXCEEDED;
    }
    setBits(sessionId, path, kind.bit());
    return ErrorCode.OK;
  }

  /**
   * Fires the watches that a change of {@code path} triggers and removes the one-shot ones that
   * fired. For a create or delete the caller also triggers {@link EventType#NODE_CHILDREN_CHANGED}
   * on the parent: that is a separate call, so a session watching both gets both events.
   *
   * @param type one of the four node events
   * @param zxid the zxid of the change, carried in the events
   * @return one delivery per session that had a matching watch, in registration order
   */
  public List<Delivery> trigger(String path, EventType type, long zxid) {
    checkPath(path);
    int matching = matchingBits(type);
    Set<Long> fired = new LinkedHashSet<>();
    Map<Long, Integer> here = byPath.get(path);
    if (here != null) {
      // Copy: clearing one-shot bits may remove entries from `here`.
      for (Map.Entry<Long, Integer> e : List.copyOf(here.entrySet())) {
        int hit = e.getValue() & matching;
        if (hit != 0) {
          fired.add(e.getKey());
          if ((hit & ONE_SHOT_BITS) != 0) {
            clearBits(e.getKey(), path, hit & ONE_SHOT_BITS);
          }
        }
      }
    }
    // Recursive watches never see children changes; and with none registered we skip the walk,
    // so the common case costs one map lookup per change.
    if (recursiveWatches > 0 && type != EventType.NODE_CHILDREN_CHANGED) {
      for (String p = parentOf(path); p != null; p = parentOf(p)) {
        Map<Long, Integer> above = byPath.get(p);
        if (above != null) {
          above.forEach(
              (session, mask) -> {
                if ((mask & RECURSIVE_BIT) != 0) {
                  fired.add(session);
                }
              });
        }
      }
    }
    WatchedEvent event = new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path, zxid);
    List<Delivery> out = new ArrayList<>(fired.size());
    for (long session : fired) {
      out.add(new Delivery(session, event));
    }
    return out;
  }

  /**
   * Removes watches of one session on one path, as ZooKeeper 3.9's server does for removeWatches
   * (checked against it in {@code WatchTableOracleTest}): {@code CHILDREN} removes the one-shot
   * child watch, {@code DATA} the one-shot data and exist watches, {@code PERSISTENT} and {@code
   * PERSISTENT_RECURSIVE} their own kind, and {@code ANY} every kind, persistent ones included.
   *
   * @return {@link ErrorCode#OK} if something was removed, else {@link ErrorCode#NO_WATCHER}
   */
  public ErrorCode remove(long sessionId, String path, WatcherType type) {
    checkPath(path);
    SessionWatches mine = bySession.get(sessionId);
    int present = mine == null ? 0 : mine.masks.getOrDefault(path, 0) & bitsOf(type);
    if (present == 0) {
      return ErrorCode.NO_WATCHER;
    }
    clearBits(sessionId, path, present);
    return ErrorCode.OK;
  }

  /**
   * Whether the session holds a watch of {@code type} on {@code path} (checkWatches); {@code type}
   * selects kinds as in {@link #remove}.
   */
  public boolean has(long sessionId, String path, WatcherType type) {
    checkPath(path);
    SessionWatches mine = bySession.get(sessionId);
    return mine != null && (mine.masks.getOrDefault(path, 0) & bitsOf(type)) != 0;
  }

  /** Whether the session holds a watch of exactly this kind on {@code path}. */
  public boolean has(long sessionId, String path, Kind kind) {
    checkPath(path);
    SessionWatches mine = bySession.get(sessionId);
    return mine != null && (mine.masks.getOrDefault(path, 0) & kind.bit()) != 0;
  }

  /**
   * Drops every watch of a closed or expired session.
   *
   * @return how many registrations were removed
   */
  public int removeSession(long sessionId) {
    SessionWatches mine = bySession.get(sessionId);
    if (mine == null) {
      return 0;
    }
    int removed = mine.count;
    for (Map.Entry<String, Integer> e : List.copyOf(mine.masks.entrySet())) {
      clearBits(sessionId, e.getKey(), e.getValue());
    }
    assert !bySession.containsKey(sessionId) : "session " + sessionId + " still indexed";
    return removed;
  }

  /**
   * Re-registers a reconnecting session's watches (setWatches / setWatches2), firing those whose
   * condition happened while the client was away. The rules, as ZooKeeper 3.9's server applies
   * them, with {@code stat = statOf.apply(path)}:
   *
   * <ul>
   *   <li>data watch: node missing → NODE_DELETED; {@code stat.mzxid() > relativeZxid} →
   *       NODE_DATA_CHANGED; otherwise registered.
   *   <li>exist watch: node present → NODE_CREATED; otherwise registered. (A node that was created
   *       and deleted again while away fires nothing; ZooKeeper does the same.)
   *   <li>child watch: node missing → NODE_DELETED; {@code stat.pzxid() > relativeZxid} →
   *       NODE_CHILDREN_CHANGED; otherwise registered.
   *   <li>persistent and persistent-recursive: registered again, nothing fires.
   * </ul>
   *
   * A watch that fires here is not registered (it was one-shot). The events carry zxid -1: they
   * report a state, not one transaction; ZooKeeper sends -1 too.
   *
   * @param relativeZxid the last zxid the client saw
   * @param statOf the current stat of a path, or null if the node does not exist
   */
  public Reregistered reregister(
      long sessionId,
      long relativeZxid,
      List<String> dataWatches,
      List<String> existWatches,
      List<String> childWatches,
      List<String> persistent,
      List<String> persistentRecursive,
      Function<String, Stat> statOf) {
    List<Delivery> out = new ArrayList<>();
    int dropped = 0;
    for (String path : dataWatches) {
      Stat stat = statOf.apply(path);
      if (stat == null) {
        out.add(stateEvent(sessionId, path, EventType.NODE_DELETED));
      } else if (stat.mzxid() > relativeZxid) {
        out.add(stateEvent(sessionId, path, EventType.NODE_DATA_CHANGED));
      } else {
        dropped += addCountingDrop(sessionId, path, Kind.DATA);
      }
    }
    for (String path : existWatches) {
      if (statOf.apply(path) != null) {
        out.add(stateEvent(sessionId, path, EventType.NODE_CREATED));
      } else {
        dropped += addCountingDrop(sessionId, path, Kind.EXIST);
      }
    }
    for (String path : childWatches) {
      Stat stat = statOf.apply(path);
      if (stat == null) {
        out.add(stateEvent(sessionId, path, EventType.NODE_DELETED));
      } else if (stat.pzxid() > relativeZxid) {
        out.add(stateEvent(sessionId, path, EventType.NODE_CHILDREN_CHANGED));
      } else {
        dropped += addCountingDrop(sessionId, path, Kind.CHILD);
      }
    }
    for (String path : persistent) {
      dropped += addCountingDrop(sessionId, path, Kind.PERSISTENT);
    }
    for (String path : persistentRecursive) {
      dropped += addCountingDrop(sessionId, path, Kind.PERSISTENT_RECURSIVE);
    }
    return new Reregistered(out, dropped);
  }

  /** Registrations held by one session. */
  public int watchCount(long sessionId) {
    SessionWatches mine = bySession.get(sessionId);
    return mine == null ? 0 : mine.count;
  }

  /** Counts for {@code wchs}. */
  public Summary summary() {
    return new Summary(bySession.size(), byPath.size(), totalWatches);
  }

  /** For {@code wchp}: each watched path with the sessions watching it, both sorted. */
  public SortedMap<String, List<Long>> dumpByPath() {
    SortedMap<String, List<Long>> out = new TreeMap<>();
    byPath.forEach(
        (path, sessions) -> {
          List<Long> ids = new ArrayList<>(sessions.keySet());
          Collections.sort(ids);
          out.put(path, List.copyOf(ids));
        });
    return Collections.unmodifiableSortedMap(out);
  }

  /** For {@code wchc}: each watching session with the paths it watches, both sorted. */
  public SortedMap<Long, List<String>> dumpBySession() {
    SortedMap<Long, List<String>> out = new TreeMap<>();
    bySession.forEach(
        (session, mine) -> {
          List<String> paths = new ArrayList<>(mine.masks.keySet());
          Collections.sort(paths);
          out.put(session, List.copyOf(paths));
        });
    return Collections.unmodifiableSortedMap(out);
  }

  private int addCountingDrop(long sessionId, String path, Kind kind) {
    return add(sessionId, path, kind) == ErrorCode.OK ? 0 : 1;
  }

  private static Delivery stateEvent(long sessionId, String path, EventType type) {
    return new Delivery(sessionId, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path, -1));
  }

  private void setBits(long sessionId, String path, int bits) {
    SessionWatches mine = bySession.computeIfAbsent(sessionId, s -> new SessionWatches());
    int before = mine.masks.getOrDefault(path, 0);
    int after = before | bits;
    int added = Integer.bitCount(after) - Integer.bitCount(before);
    mine.masks.put(path, after);
    mine.count += added;
    byPath.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(sessionId, after);
    totalWatches += added;
    if ((bits & RECURSIVE_BIT) != 0 && (before & RECURSIVE_BIT) == 0) {
      recursiveWatches++;
    }
  }

  private void clearBits(long sessionId, String path, int bits) {
    SessionWatches mine = bySession.get(sessionId);
    Map<Long, Integer> watchers = byPath.get(path);
    int before = mine == null ? 0 : mine.masks.getOrDefault(path, 0);
    int mirrored = watchers == null ? 0 : watchers.getOrDefault(sessionId, 0);
    if (before != mirrored) {
      throw new IllegalStateException(
          "watch indexes disagree for session "
              + sessionId
              + " path "
              + path
              + ": "
              + before
              + " vs "
              + mirrored);
    }
    int after = before & ~bits;
    int removed = Integer.bitCount(before) - Integer.bitCount(after);
    if (removed == 0) {
      return;
    }
    if ((before & RECURSIVE_BIT) != 0 && (after & RECURSIVE_BIT) == 0) {
      recursiveWatches--;
    }
    totalWatches -= removed;
    mine.count -= removed;
    if (after == 0) {
      mine.masks.remove(path);
      watchers.remove(sessionId);
      if (watchers.isEmpty()) {
        byPath.remove(path);
      }
      if (mine.masks.isEmpty()) {
        bySession.remove(sessionId);
      }
    } else {
      mine.masks.put(path, after);
      watchers.put(sessionId, after);
    }
  }

  private static int matchingBits(EventType type) {
    return switch (type) {
      case NODE_CREATED, NODE_DATA_CHANGED -> DATA_BIT | EXIST_BIT | PERSISTENT_BIT | RECURSIVE_BIT;
      case NODE_DELETED -> DATA_BIT | EXIST_BIT | CHILD_BIT | PERSISTENT_BIT | RECURSIVE_BIT;
      case NODE_CHILDREN_CHANGED -> CHILD_BIT | PERSISTENT_BIT;
      default -> throw new IllegalArgumentException("not a node event: " + type);
    };
  }

  private static int bitsOf(WatcherType type) {
    return switch (type) {
      case CHILDREN -> CHILD_BIT;
      case DATA -> DATA_BIT | EXIST_BIT;
      case ANY -> ALL_BITS;
      case PERSISTENT -> PERSISTENT_BIT;
      case PERSISTENT_RECURSIVE -> RECURSIVE_BIT;
    };
  }

  /** The parent of an absolute path; null for the root. */
  static String parentOf(String path) {
    if (path.equals("/")) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  private static void checkPath(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path: " + path);
    }
  }
}
