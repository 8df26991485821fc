package io.paddock.server;

import io.paddock.admin.AdminBackend;
import io.paddock.admin.AdminServer;
import io.paddock.admin.AdminUnavailableException;
import io.paddock.admin.QuorumFigures;
import io.paddock.admin.ServerFigures;
import io.paddock.admin.SnapshotTaken;
import io.paddock.admin.StorageMetrics;
import io.paddock.config.ConfigKeys;
import io.paddock.config.ServerConfig;
import io.paddock.platform.Clock;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The admin server's window on a running server: every call becomes a task on the processor thread,
 * which owns the tree, sessions and watches, and the caller (an HTTP thread) waits for the
 * immutable result at most {@value #ANSWER_TIMEOUT_MS} ms. So admin threads never touch processor
 * state, and a stuck processor costs the admin caller a bounded wait, not a hung thread.
 */
final class AdminView implements AdminBackend {
  /** How long an admin request waits for the processor before answering 503. */
  static final long ANSWER_TIMEOUT_MS = 5_000;

  /** How long the snapshot command waits for the file to be on disk before answering 503. */
  static final long SNAPSHOT_TIMEOUT_MS = 60_000;

  private final RequestProcessor processor;
  private final Sessions sessions;
  private final ServerState state;
  private final int serverId;
  private final Clock clock;
  private final long startedAtWallMs;
  private final StorageMetrics storageMetrics;
  private final Supplier<CompletableFuture<Long>> snapshotter;

  AdminView(
      RequestProcessor processor,
      Sessions sessions,
      ServerState state,
      ServerConfig config,
      Clock clock,
      StorageMetrics storageMetrics,
      Supplier<CompletableFuture<Long>> snapshotter) {
    this.storageMetrics = storageMetrics;
    this.snapshotter = snapshotter;
    this.processor = processor;
    this.sessions = sessions;
    this.state = state;
    this.serverId = config.serverId();
    this.clock = clock;
    this.startedAtWallMs = clock.wallMs();
  }

  /**
   * Starts the admin server if {@code admin.enableServer} is set; null otherwise.
   *
   * @throws IOException naming the address and port if it cannot bind
   */
  static AdminServer startIfEnabled(
      ServerConfig config,
      RequestProcessor processor,
      Sessions sessions,
      ServerState state,
      Clock clock,
      StorageMetrics storageMetrics,
      Supplier<CompletableFuture<Long>> snapshotter,
      int clientPort)
      throws IOException {
    if (!config.get(ConfigKeys.ADMIN_ENABLE_SERVER)) {
      return null;
    }
    AdminView view =
        new AdminView(processor, sessions, state, config, clock, storageMetrics, snapshotter);
    return AdminServer.start(config, view, clientPort);
  }

  @Override
  public ServerFigures figures(Set<ServerFigures.Detail> details) throws AdminUnavailableException {
    Set<ServerFigures.Detail> wanted = Set.copyOf(details);
    return onProcessor(
        () ->
            FigureCollector.collect(
                sessions,
                state,
                serverId,
                startedAtWallMs,
                clock.wallMs(),
                storageMetrics.snapshot(),
                sessions.quorumFigures(),
                wanted));
  }

  @Override
  public void resetServerStats() throws AdminUnavailableException {
    onProcessor(
        () -> {
          sessions.resetStats();
          return Boolean.TRUE;
        });
  }

  @Override
  public void resetConnectionStats() throws AdminUnavailableException {
    onProcessor(
        () -> {
          sessions.resetConnectionStats();
          return Boolean.TRUE;
        });
  }

  @Override
  public QuorumFigures quorum() {
    return sessions.quorumFigures(); // volatile figures the driver publishes: no processor hop
  }

  @Override
  public SnapshotTaken takeSnapshot() throws AdminUnavailableException {
    long startNs = System.nanoTime();
    try {
      long zxid = snapshotter.get().get(SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      return new SnapshotTaken(
          zxid, storageMetrics.snapshot().lastSnapshotBytes(), System.nanoTime() - startNs);
    } catch (TimeoutException e) {
      throw new AdminUnavailableException(
          "the snapshot was not on disk within "
              + SNAPSHOT_TIMEOUT_MS
              + " ms; it goes on in the background");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminUnavailableException("interrupted while waiting for the snapshot");
    } catch (ExecutionException e) {
      throw new AdminUnavailableException("the snapshot failed: " + e.getCause());
    }
  }

  private <T> T onProcessor(Supplier<T> task) throws AdminUnavailableException {
    CompletableFuture<T> result = new CompletableFuture<>();
    processor.submit(
        () -> {
          try {
            result.complete(task.get());
          } catch (RuntimeException e) {
            // A bug in gathering figures must not take the processor (and the server) down.
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AdminUnavailableException(
          "the server did not answer within " + ANSWER_TIMEOUT_MS + " ms (stopping or overloaded)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminUnavailableException("interrupted while waiting for the server");
    } catch (ExecutionException e) {
      throw new IllegalStateException("gathering admin figures failed", e.getCause());
    }
  }
}
