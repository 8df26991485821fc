package io.paddock.microprofile.config;

import io.paddock.api.AddWatchMode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An in-memory copy of some znode subtrees, kept current by persistent recursive watches, that
 * publishes only snapshots the ensemble actually went through.
 *
 * <p>How: an event marks its path dirty. One thread re-reads dirty paths (data and children in one
 * {@code multiRead}, after a {@code sync}) in rounds, and publishes only after a round during which
 * no new event arrived. Why that is consistent: the client runs watch events and completions in the
 * order the server produced them, so when a round's reads complete, every event of every
 * transaction that happened before those reads has already marked its path dirty. If none did, no
 * write touched the subtrees between the last event and the reads, so every value in the copy is
 * the value after that last transaction: a {@code multi} is seen whole or not at all.
 *
 * <p>After a reconnect the whole copy is reloaded (persistent watches do not replay what happened
 * while disconnected); after an expiry a new client is created. Until a snapshot is published,
 * readers keep the previous one: while disconnected they are served the last known values.
 */
final class ZnodeMirror implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ZnodeMirror.class.getName());

  /** Most nodes mirrored; a config tree is far smaller, a bigger one is a mistake to report. */
  static final int NODES_MAX = 100_000;

  /** Paths read per {@code multiRead} (two ops each). */
  static final int PATHS_PER_READ = 200;

  /** Longest pause between attempts while the ensemble cannot be reached. */
  static final long BACKOFF_MAX_MS = 5_000;

  /** Rounds without a quiet end before we log that changes keep arriving. */
  static final int BUSY_ROUNDS_WARN = 50;

  private final Function<Watcher, PaddockClient> connect;
  private final List<String> roots;
  private final Consumer<Map<String, byte[]>> publish;
  private final Watcher nodeWatcher = this::nodeEvent;
  private final Watcher stateWatcher = this::stateEvent;
  private final Thread thread;

  private final Object lock = new Object();
  private final Set<String> dirty = new TreeSet<>(); // guarded by lock
  private boolean full = true; // guarded by lock
  private long events; // guarded by lock
  private boolean closed; // guarded by lock
  private boolean published; // guarded by lock
  private boolean disconnected; // guarded by lock

  // Mirror thread only.
  private PaddockClient client;
  private boolean watching;
  private TreeMap<String, byte[]> nodes = new TreeMap<>();
  private volatile long lastZxid = -1;

  /**
   * @param connect starts a client whose default watcher is the given one
   * @param roots the subtrees to mirror (they need not exist)
   * @param publish receives each consistent snapshot (path to data), on the mirror thread
   */
  ZnodeMirror(
      Function<Watcher, PaddockClient> connect,
      List<String> roots,
      Consumer<Map<String, byte[]>> publish,
      String threadName) {
    this.connect = connect;
    this.roots = List.copyOf(roots);
    this.publish = publish;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits at most {@code timeoutMs} for the first snapshot; whether there is one. */
  boolean awaitFirstSnapshot(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (lock) {
      while (!published && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return published;
    }
  }

  /** The highest data zxid seen in the mirrored nodes, or -1 before the first snapshot. */
  long lastZxid() {
    return lastZxid;
  }

  private void nodeEvent(WatchedEvent event) {
    if (event.type() == EventType.NONE || event.path() == null) {
      return;
    }
    synchronized (lock) {
      dirty.add(event.path());
      events++;
      lock.notifyAll();
    }
  }

  private void stateEvent(WatchedEvent event) {
    if (event.type() != EventType.NONE) {
      return;
    }
    synchronized (lock) {
      if (event.state() == KeeperState.DISCONNECTED && !disconnected) {
        disconnected = true;
        LOG.log(
            Level.WARNING,
            "lost the connection to the ensemble; serving the last known configuration (as of"
                + " zxid 0x{0}) until it is back",
            Long.toHexString(lastZxid));
      } else if (event.state() == KeeperState.SYNC_CONNECTED) {
        if (disconnected) {
          LOG.log(Level.INFO, "connected to the ensemble again; reloading the configuration");
        }
        disconnected = false;
        full = true; // persistent watches do not replay what happened meanwhile
      } else if (event.state() == KeeperState.EXPIRED) {
        LOG.log(Level.WARNING, "the configuration session expired; starting a new one");
        full = true;
      }
      events++;
      lock.notifyAll();
    }
  }

  private void run() {
    int failures = 0;
    while (true) {
      try {
        synchronized (lock) {
          while (!closed && dirty.isEmpty() && !full) {
            lock.wait();
          }
          if (closed) {
            break;
          }
        }
        ensureClient();
        roundsUntilQuiet();
        failures = 0;
      } catch (InterruptedException e) {
        synchronized (lock) {
          if (closed) {
            break;
          }
        }
      } catch (PaddockException | RuntimeException e) {
        failures++;
        LOG.log(
            failures == 1 ? Level.INFO : Level.DEBUG,
            "reading the configuration failed (attempt {0}): {1}",
            failures,
            e.toString());
        if (!pause(Math.min(BACKOFF_MAX_MS, 100L << Math.min(failures, 6)))) {
          break;
        }
      }
    }
    if (client != null) {
      client.close();
    }
  }

  /** Waits {@code ms} unless closed meanwhile; whether to go on. */
  private boolean pause(long ms) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    synchronized (lock) {
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return true;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          return !closed;
        }
      }
      return false;
    }
  }

  private void ensureClient() {
    if (client != null && !isTerminal(client.state())) {
      return;
    }
    if (client != null) {
      client.close();
    }
    client = connect.apply(stateWatcher);
    watching = false;
    synchronized (lock) {
      full = true;
    }
  }

  private static boolean isTerminal(KeeperState state) {
    return state == KeeperState.EXPIRED
        || state == KeeperState.CLOSED
        || state == KeeperState.AUTH_FAILED;
  }

  /** Reads in rounds until one ends with no new event, then publishes. */
  private void roundsUntilQuiet() throws PaddockException, InterruptedException {
    for (int round = 1; ; round++) {
      long seen;
      boolean reloadAll;
      Set<String> paths;
      synchronized (lock) {
        seen = events;
        reloadAll = full;
        full = false;
        paths = new TreeSet<>(dirty);
        dirty.clear();
      }
      Set<String> followUp;
      try {
        if (!watching) {
          for (String root : roots) {
            client.addWatch(root, nodeWatcher, AddWatchMode.PERSISTENT_RECURSIVE);
          }
          watching = true;
        }
        client.sync(roots.get(0));
        followUp = reloadAll ? loadAll() : refresh(paths);
      } catch (PaddockException | InterruptedException | RuntimeException e) {
        synchronized (lock) {
          dirty.addAll(paths);
          full |= reloadAll;
        }
        throw e;
      }
      boolean quiet;
      synchronized (lock) {
        dirty.addAll(followUp);
        quiet = events == seen && dirty.isEmpty() && !full;
      }
      if (quiet) {
        break;
      }
      if (round == BUSY_ROUNDS_WARN) {
        LOG.log(Level.WARNING, "the configuration keeps changing; still serving the previous one");
      }
    }
    publish.accept(Map.copyOf(nodes));
    synchronized (lock) {
      published = true;
      lock.notifyAll();
    }
  }

  /** Reads every mirrored subtree from scratch. */
  private Set<String> loadAll() throws PaddockException, InterruptedException {
    TreeMap<String, byte[]> fresh = new TreeMap<>();
    Deque<String> frontier = new ArrayDeque<>(roots);
    while (!frontier.isEmpty()) {
      List<String> batch = new ArrayList<>();
      while (!frontier.isEmpty() && batch.size() < PATHS_PER_READ) {
        batch.add(frontier.poll());
      }
      List<OpResult> results = client.multiRead(readOps(batch));
      for (int i = 0; i < batch.size(); i++) {
        String path = batch.get(i);
        if (results.get(2 * i) instanceof OpResult.GetDataResult d) {
          fresh.put(path, dataOf(d));
          if (results.get(2 * i + 1) instanceof OpResult.GetChildrenResult c) {
            for (String child : c.children()) {
              frontier.add(path + "/" + child);
            }
          }
        }
      }
      if (fresh.size() + frontier.size() > NODES_MAX) {
        throw new IllegalStateException(
            "configuration subtrees " + roots + " have more than " + NODES_MAX + " nodes");
      }
    }
    nodes = fresh;
    return Set.of();
  }

  /** Re-reads {@code paths}; returns children found that we did not know (to read next round). */
  private Set<String> refresh(Set<String> paths) throws PaddockException, InterruptedException {
    Set<String> unknown = new TreeSet<>();
    List<String> all = new ArrayList<>(paths);
    for (int from = 0; from < all.size(); from += PATHS_PER_READ) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + PATHS_PER_READ));
      List<OpResult> results = client.multiRead(readOps(batch));
      for (int i = 0; i < batch.size(); i++) {
        String path = batch.get(i);
        if (results.get(2 * i) instanceof OpResult.GetDataResult d) {
          nodes.put(path, dataOf(d));
          if (results.get(2 * i + 1) instanceof OpResult.GetChildrenResult c) {
            for (String child : c.children()) {
              String childPath = path + "/" + child;
              if (!nodes.containsKey(childPath)) {
                unknown.add(childPath);
              }
            }
          }
        } else {
          nodes.remove(path);
          nodes.subMap(path + "/", path + "0").clear(); // '0' follows '/': the whole subtree
        }
      }
      if (nodes.size() > NODES_MAX) {
        throw new IllegalStateException(
            "configuration subtrees " + roots + " have more than " + NODES_MAX + " nodes");
      }
    }
    return unknown;
  }

  private static List<Op> readOps(List<String> paths) {
    List<Op> ops = new ArrayList<>(paths.size() * 2);
    for (String p : paths) {
      ops.add(new Op.GetData(p));
      ops.add(new Op.GetChildren(p));
    }
    return ops;
  }

  private byte[] dataOf(OpResult.GetDataResult d) {
    if (d.stat().mzxid() > lastZxid) {
      lastZxid = d.stat().mzxid();
    }
    byte[] data = d.data();
    return data == null ? new byte[0] : data;
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
