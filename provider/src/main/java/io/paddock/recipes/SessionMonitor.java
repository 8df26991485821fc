package io.paddock.recipes;

import io.paddock.api.KeeperState;
import io.paddock.api.PaddockClient;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows one client's connection state and tells the registered {@link LeaseImpl}s. It learns the
 * state from connection events when the coordination owns the client ({@link #observe}) and by
 * reading {@link PaddockClient#state()} every {@code pollMs} in any case, so it also works for a
 * client created elsewhere.
 *
 * <p>It also infers expiry locally: a client that has been disconnected for a whole negotiated
 * session timeout cannot have been heard by the ensemble for that long, so its session is over (or
 * will be before the client can act on it) and its leases are reported lost.
 *
 * <p>Everything runs on one thread: state evaluation and every lease and leader listener, so
 * listeners are called one at a time, in order.
 */
final class SessionMonitor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SessionMonitor.class.getName());

  private final PaddockClient client;
  private final ScheduledExecutorService thread;
  private final Set<LeaseImpl> leases = ConcurrentHashMap.newKeySet();

  // Confined to the monitor thread.
  private KeeperState last = KeeperState.SYNC_CONNECTED;
  private long disconnectedSinceNanos;
  private boolean expiryInferred;

  SessionMonitor(PaddockClient client, long pollMs, String threadName) {
    if (pollMs <= 0) {
      throw new IllegalArgumentException("pollMs must be > 0: " + pollMs);
    }
    this.client = client;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    Future<?> unused =
        thread.scheduleWithFixedDelay(this::poll, pollMs, pollMs, TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} on the monitor thread (dropped once closed). */
  void execute(Runnable task) {
    try {
      thread.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "a coordination listener failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "coordination closed; dropped a notification");
    }
  }

  /** Runs {@code task} on the monitor thread after {@code delayMs} (dropped once closed). */
  void schedule(Runnable task, long delayMs) {
    try {
      Future<?> unused = thread.schedule(() -> execute(task), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "coordination closed; dropped a scheduled task");
    }
  }

  /** A connection-state event from the client's default watcher. */
  void observe(KeeperState state) {
    execute(() -> evaluate(state));
  }

  /** Starts telling {@code lease} about state changes (and tells it the current one if bad). */
  void register(LeaseImpl lease) {
    leases.add(lease);
    execute(
        () -> {
          KeeperState now = client.state();
          if (now != KeeperState.SYNC_CONNECTED) {
            lease.sessionState(now, expiryInferred);
          }
        });
  }

  void unregister(LeaseImpl lease) {
    leases.remove(lease);
  }

  private void poll() {
    try {
      evaluate(client.state());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "connection-state check failed", e);
    }
  }

  private void evaluate(KeeperState state) {
    boolean changed = state != last;
    if (state == KeeperState.DISCONNECTED) {
      long now = System.nanoTime();
      if (changed) {
        disconnectedSinceNanos = now;
      }
      long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(client.negotiatedSessionTimeoutMs());
      if (!expiryInferred && timeoutNanos > 0 && now - disconnectedSinceNanos >= timeoutNanos) {
        expiryInferred = true;
        changed = true;
        LOG.log(
            Level.WARNING,
            "disconnected for the whole session timeout ({0} ms): leases of session 0x{1} are lost",
            client.negotiatedSessionTimeoutMs(),
            Long.toHexString(client.sessionId()));
      }
    } else {
      expiryInferred = Calls.isTerminal(state);
    }
    if (!changed) {
      return;
    }
    last = state;
    for (LeaseImpl lease : leases) {
      lease.sessionState(state, expiryInferred);
    }
  }

  /** Stops the thread after the notifications already queued. */
  @Override
  public void close() {
    thread.shutdown();
  }

  /** Stops the thread after the notifications already queued, and waits for it a bounded time. */
  void closeAndWait(long waitMs) throws InterruptedException {
    thread.shutdown();
    thread.awaitTermination(waitMs, TimeUnit.MILLISECONDS);
  }
}
