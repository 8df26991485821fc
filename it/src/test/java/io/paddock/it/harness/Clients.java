package io.paddock.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Opens official ZooKeeper clients against one server and closes all of them at the end of a test,
 * also when it fails.
 */
public final class Clients implements AutoCloseable {
  /** Session timeout for ordinary tests: long enough never to expire on a busy 2-core machine. */
  public static final int SESSION_TIMEOUT_MS = 30_000;

  private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);

  private final ServerProcess server;
  private final List<AutoCloseable> opened = new ArrayList<>();

  public Clients(ServerProcess server) {
    this.server = server;
  }

  /** A connected client with the default session timeout. */
  public ZooKeeper connect() {
    return connect(SESSION_TIMEOUT_MS, new StateRecorder());
  }

  /** A connected client whose default watcher is {@code states}. */
  public ZooKeeper connect(int sessionTimeoutMs, StateRecorder states) {
    try {
      ZooKeeper client =
          new ZooKeeper(server.connectString(), sessionTimeoutMs, states, new ZKClientConfig());
      register(client);
      states.await(KeeperState.SyncConnected, CONNECT_DEADLINE);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client re-attaching to an existing session; does not wait for any state. */
  public ZooKeeper attach(long sessionId, byte[] password, StateRecorder states) {
    try {
      ZooKeeper client =
          new ZooKeeper(
              server.connectString(), SESSION_TIMEOUT_MS, states, sessionId, password, false);
      register(client);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes {@code closeable} when this test ends. */
  public <T extends AutoCloseable> T register(T closeable) {
    synchronized (opened) {
      opened.add(closeable);
    }
    return closeable;
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (opened) {
      toClose = new ArrayList<>(opened);
      opened.clear();
    }
    RuntimeException failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing test clients", e);
        }
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A default watcher that records connection states (events of type None). */
  public static final class StateRecorder implements Watcher {
    private final LinkedBlockingQueue<KeeperState> states = new LinkedBlockingQueue<>();
    private final List<KeeperState> history = new CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
      if (event.getType() == Event.EventType.None) {
        history.add(event.getState());
        states.add(event.getState());
      }
    }

    /** Every state seen so far, in order ({@link #await} does not take them from here). */
    public List<KeeperState> history() {
      return List.copyOf(history);
    }

    /** Waits until {@code wanted} is seen; earlier other states are skipped. */
    public void await(KeeperState wanted, Duration deadline) {
      long endNanos = System.nanoTime() + deadline.toNanos();
      List<KeeperState> seen = new ArrayList<>();
      while (true) {
        long leftNanos = endNanos - System.nanoTime();
        KeeperState state;
        try {
          state = leftNanos <= 0 ? null : states.poll(leftNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        if (state == null) {
          throw new AssertionError("no " + wanted + " within " + deadline + "; saw " + seen);
        }
        if (state == wanted) {
          return;
        }
        seen.add(state);
      }
    }
  }
}
