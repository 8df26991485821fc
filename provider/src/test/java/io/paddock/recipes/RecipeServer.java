package io.paddock.recipes;

import io.paddock.api.ClientConfig;
import io.paddock.api.KeeperState;
import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An in-process Paddock server for recipe tests, plus the coordinations opened against it (closed
 * with it). Session expiry is caused the classic way: a second client attaches to the session with
 * its id and password and closes it (the official ZooKeeper client, test scope only).
 */
final class RecipeServer implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final long POLL_MS = 50;

  private final Path dataDir;
  private final int tickTimeMs;
  private PaddockServer server;
  private int port;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private RecipeServer(Path dataDir, int tickTimeMs) {
    this.dataDir = dataDir;
    this.tickTimeMs = tickTimeMs;
  }

  static RecipeServer start(Path dataDir) {
    return start(dataDir, 2000);
  }

  /** A server with a short tick, so sessions may be short (2 to 20 ticks). */
  static RecipeServer start(Path dataDir, int tickTimeMs) {
    RecipeServer s = new RecipeServer(dataDir, tickTimeMs);
    s.startServer(0);
    return s;
  }

  private void startServer(int wantedPort) {
    try {
      server =
          PaddockServer.start(
              ServerConfig.builder(dataDir).clientPort(wantedPort).tickTimeMs(tickTimeMs).build());
      port = server.clientPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String connectString() {
    return "127.0.0.1:" + port;
  }

  /** Stops the server (clients see a disconnect); {@link #restart()} brings it back. */
  void stopServer() {
    server.close();
  }

  /** Starts a fresh server on the same port: old sessions are unknown to it (expired). */
  void restart() {
    startServer(port);
  }

  ClientConfig config() {
    return config(connectString(), 10_000);
  }

  static ClientConfig config(String connectString, int sessionTimeoutMs) {
    return ClientConfig.builder(connectString)
        .sessionTimeoutMs(sessionTimeoutMs)
        .connectTimeoutMs(Math.min(2_000, sessionTimeoutMs))
        .build();
  }

  /** A coordination owning a connected client; closed with this server. */
  PaddockCoordination coordination() {
    return coordination(config());
  }

  /** A coordination owning a client connected with {@code config}; closed with this server. */
  PaddockCoordination coordination(ClientConfig config) {
    PaddockCoordination c = PaddockCoordination.connect(config, POLL_MS);
    register(c);
    Awaitility.await().atMost(WAIT).until(() -> c.client().state() == KeeperState.SYNC_CONNECTED);
    return c;
  }

  <T extends AutoCloseable> T register(T closeable) {
    synchronized (opened) {
      opened.add(closeable);
    }
    return closeable;
  }

  /**
   * Ends the session of {@code c} on the server, as an expiry would. The two clients take the
   * session from each other until the thief closes it, so a close that happened while the thief was
   * pushed off is tried again.
   */
  void expire(io.paddock.api.PaddockClient c) throws Exception {
    for (int attempt = 1; c.state() != KeeperState.EXPIRED; attempt++) {
      CountDownLatch connected = new CountDownLatch(1);
      ZooKeeper thief =
          new ZooKeeper(
              connectString(),
              10_000,
              e -> {
                if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                  connected.countDown();
                }
              },
              c.sessionId(),
              c.sessionPassword());
      try {
        if (!connected.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("could not attach to 0x" + Long.toHexString(c.sessionId()));
        }
      } finally {
        thief.close();
      }
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> c.state() == KeeperState.EXPIRED);
      } catch (ConditionTimeoutException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> all;
    synchronized (opened) {
      all = new ArrayList<>(opened);
      opened.clear();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).close();
      } catch (Exception e) {
        // closing everything matters more than the first failure
      }
    }
    server.close();
  }
}
