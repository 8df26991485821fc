package io.paddock.recipes;

import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.api.recipes.Lease;
import io.paddock.api.recipes.LeaseListener;
import io.paddock.api.recipes.LeaseLostException;
import io.paddock.api.recipes.LeaseState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A held queue node as a {@link Lease}. Its state follows three sources: the session state (from
 * the {@link SessionMonitor}), a watch on the node (someone else deleted it), and the holder
 * (release). Transitions and the listener calls they cause are serialised on the lease, and the
 * calls run on the monitor thread in transition order.
 */
final class LeaseImpl implements Lease {
  private static final System.Logger LOG = System.getLogger(LeaseImpl.class.getName());

  /** How long close() itself tries to delete the node before handing over to the background. */
  static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

  /** Pause between background attempts to delete the node of a released lease. */
  static final long RELEASE_RETRY_MS = 1_000;

  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final String path;
  private final long fencingToken;
  private final long sessionId;
  private final Consumer<LeaseImpl> onRelease;
  private final List<LeaseListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger holds = new AtomicInteger(1);
  private final Watcher nodeWatcher = this::nodeEvent;
  private LeaseState state = LeaseState.HELD; // guarded by this

  private LeaseImpl(
      PaddockClient client,
      SessionMonitor monitor,
      String path,
      long fencingToken,
      long sessionId,
      Consumer<LeaseImpl> onRelease) {
    this.client = client;
    this.monitor = monitor;
    this.path = path;
    this.fencingToken = fencingToken;
    this.sessionId = sessionId;
    this.onRelease = onRelease;
  }

  /**
   * A lease on the held node {@code node}; starts watching the node and the session.
   *
   * @param onRelease run once, when the last hold is released (before the node is deleted)
   */
  static LeaseImpl start(
      PaddockClient client,
      SessionMonitor monitor,
      NodeQueue.Queued node,
      Consumer<LeaseImpl> onRelease) {
    LeaseImpl lease =
        new LeaseImpl(client, monitor, node.path(), node.czxid(), node.sessionId(), onRelease);
    monitor.register(lease);
    lease.watchNode(false);
    return lease;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public long fencingToken() {
    return fencingToken;
  }

  @Override
  public synchronized LeaseState state() {
    return state;
  }

  @Override
  public void addListener(LeaseListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(LeaseListener listener) {
    listeners.remove(listener);
  }

  /** Adds one hold (a re-entrant acquire); false if the lease was already fully released. */
  boolean retain() {
    while (true) {
      int n = holds.get();
      if (n <= 0) {
        return false;
      }
      if (holds.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Holds not yet released. */
  int holdCount() {
    return holds.get();
  }

  @Override
  public List<OpResult> writeIfHeld(List<Op> ops)
      throws LeaseLostException, PaddockException, InterruptedException {
    if (state().isFinal()) {
      throw new LeaseLostException(path, null);
    }
    List<Op> all = new ArrayList<>(ops.size() + 1);
    all.add(new Op.Check(path, -1));
    all.addAll(ops);
    try {
      List<OpResult> results = client.multi(all);
      return List.copyOf(results.subList(1, results.size()));
    } catch (PaddockException e) {
      if (e.code() == ErrorCode.SESSION_EXPIRED || checkFailed(e)) {
        lost("the ensemble no longer has the lease node");
        throw new LeaseLostException(path, e);
      }
      throw e;
    }
  }

  private static boolean checkFailed(PaddockException e) {
    return !e.results().isEmpty()
        && e.results().get(0) instanceof OpResult.ErrorResult r
        && r.error() == ErrorCode.NO_NODE;
  }

  @Override
  public void close() {
    int left;
    do {
      left = holds.get();
      if (left <= 0) {
        return; // already released: closing again does nothing
      }
    } while (!holds.compareAndSet(left, left - 1));
    if (left > 1) {
      return;
    }
    onRelease.accept(this);
    setState(LeaseState.RELEASED);
    monitor.unregister(this);
    if (Calls.isTerminal(client.state())) {
      return; // the node went with the session
    }
    if (!Thread.currentThread().isInterrupted()) {
      try {
        if (Calls.deleteQuietly(client, path, Deadline.after(RELEASE_WAIT))) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    releaseInBackground();
  }

  /** Keeps deleting the node until it is gone or the session ends: a stuck lock is worse. */
  private void releaseInBackground() {
    if (Calls.isTerminal(client.state())) {
      return;
    }
    client
        .deleteAsync(path, -1)
        .whenComplete(
            (ok, err) -> {
              Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
              if (cause instanceof PaddockException pe && Calls.isRetryable(pe)) {
                LOG.log(Level.INFO, "release of {0} not confirmed ({1}); retrying", path, pe);
                monitor.schedule(this::releaseInBackground, RELEASE_RETRY_MS);
              }
            });
  }

  // ---- state ----------------------------------------------------------------------------------

  /** The session state changed (monitor thread). */
  void sessionState(KeeperState session, boolean expiryInferred) {
    if (Calls.isTerminal(session) || expiryInferred || client.sessionId() != sessionId) {
      lost("session " + session + (expiryInferred ? " (disconnected too long)" : ""));
    } else if (session == KeeperState.SYNC_CONNECTED) {
      if (state() == LeaseState.UNCERTAIN) {
        watchNode(true);
      }
    } else {
      moveTo(LeaseState.HELD, LeaseState.UNCERTAIN);
    }
  }

  /** Something happened to the node (client event thread). */
  private void nodeEvent(WatchedEvent event) {
    if (event.type() == EventType.NODE_DELETED) {
      lost("lease node deleted");
    } else if (!state().isFinal()) {
      watchNode(false);
    }
  }

  /** Watches the node; with {@code confirm}, an UNCERTAIN lease becomes HELD if it is ours. */
  private void watchNode(boolean confirm) {
    if (state().isFinal()) {
      return;
    }
    client
        .existsAsync(path, nodeWatcher)
        .whenComplete(
            (stat, err) -> {
              if (err == null) {
                nodeSeen(stat, confirm);
              } else {
                Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
                if (cause instanceof PaddockException pe && Calls.isRetryable(pe)) {
                  monitor.schedule(() -> watchNode(confirm), RELEASE_RETRY_MS);
                } else {
                  lost("cannot watch the lease node: " + cause);
                }
              }
            });
  }

  private void nodeSeen(Stat stat, boolean confirm) {
    if (stat == null || stat.ephemeralOwner() != sessionId) {
      lost(stat == null ? "lease node gone" : "lease node owned by another session");
    } else if (confirm && client.state() == KeeperState.SYNC_CONNECTED) {
      moveTo(LeaseState.UNCERTAIN, LeaseState.HELD);
    }
  }

  private void lost(String why) {
    if (setState(LeaseState.LOST)) {
      LOG.log(Level.INFO, "lease {0} lost: {1}", path, why);
    }
  }

  private synchronized boolean moveTo(LeaseState from, LeaseState to) {
    if (state != from) {
      return false;
    }
    return setState(to);
  }

  /** Moves to {@code to} unless final already; queues the listener calls. */
  private synchronized boolean setState(LeaseState to) {
    if (state.isFinal() || state == to) {
      return false;
    }
    state = to;
    if (to.isFinal()) {
      monitor.unregister(this);
    }
    monitor.execute(
        () -> {
          for (LeaseListener l : listeners) {
            l.stateChanged(this, to);
          }
        });
    return true;
  }

  @Override
  public String toString() {
    return "Lease[" + path + ", token=0x" + Long.toHexString(fencingToken) + ", " + state() + "]";
  }
}
