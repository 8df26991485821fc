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
}
