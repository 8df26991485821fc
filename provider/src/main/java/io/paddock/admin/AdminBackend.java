package io.paddock.admin;

import java.util.Set;

/**
 * What the admin server needs from a running server. Implemented by the server, which runs each
 * call on the thread that owns its state and waits a bounded time for it, so that the admin
 * server's threads never touch that state.
 */
public interface AdminBackend {
  /**
   * A snapshot of the figures, with the {@code details} asked for.
   *
   * @throws AdminUnavailableException if the server does not answer in time
   */
  ServerFigures figures(Set<ServerFigures.Detail> details) throws AdminUnavailableException;

  /**
   * Resets the server's latency and packet figures ({@code srst}); per-op metrics keep counting.
   *
   * @throws AdminUnavailableException if the server does not answer in time
   */
  void resetServerStats() throws AdminUnavailableException;

  /**
   * Resets every connection's packet counts ({@code crst}).
   *
   * @throws AdminUnavailableException if the server does not answer in time
   */
  void resetConnectionStats() throws AdminUnavailableException;

  /** The replication figures (a standalone server's when not in an ensemble). Any thread. */
  QuorumFigures quorum();

  /**
   * Takes a snapshot now and waits, boundedly, until it is on disk ({@code snapshot}). A request
   * while one is being written is served by the next one, so requests cannot pile up snapshots.
   *
   * @throws AdminUnavailableException if it is not on disk in time, or failed
   */
  SnapshotTaken takeSnapshot() throws AdminUnavailableException;
}
