package io.paddock.api;

import java.util.Objects;

/**
 * Everything a client needs to connect, typed. Build with {@link #builder(String)}.
 *
 * @param connectString {@code host:port[,host:port...][/chroot]}
 * @param sessionTimeoutMs the requested session timeout; the server negotiates it into its bounds
 * @param connectTimeoutMs how long one connection attempt to one server may take
 * @param requestTimeoutMs how long a request may wait for its answer before the client treats the
 *     connection as lost (0 = no limit beyond the session's liveness checks)
 * @param defaultWatcher receives connection-state events (may be null)
 * @param canBeReadOnly whether the client accepts a read-only server when no quorum is reachable
 */
public record ClientConfig(
    String connectString,
    int sessionTimeoutMs,
    int connectTimeoutMs,
    int requestTimeoutMs,
    Watcher defaultWatcher,
    boolean canBeReadOnly) {

  /** Default requested session timeout. */
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 30_000;

  public ClientConfig {
    Objects.requireNonNull(connectString, "connectString");
    if (connectString.isBlank()) {
      throw new IllegalArgumentException("connectString must name at least one host:port");
    }
    if (sessionTimeoutMs <= 0) {
      throw new IllegalArgumentException("sessionTimeoutMs must be > 0: " + sessionTimeoutMs);
    }
    if (connectTimeoutMs <= 0) {
      throw new IllegalArgumentException("connectTimeoutMs must be > 0: " + connectTimeoutMs);
    }
    if (requestTimeoutMs < 0) {
      throw new IllegalArgumentException("requestTimeoutMs must be >= 0: " + requestTimeoutMs);
    }
  }

  /** A builder with defaults for everything but the connect string. */
  public static Builder builder(String connectString) {
    return new Builder(connectString);
  }

  /** Builds a {@link ClientConfig}. */
  public static final class Builder {
    private final String connectString;
    private int sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS;
    private int connectTimeoutMs = -1;
    private int requestTimeoutMs;
    private Watcher defaultWatcher;
    private boolean canBeReadOnly;

    private Builder(String connectString) {
      this.connectString = connectString;
    }

    /** Sets the requested session timeout. */
    public Builder sessionTimeoutMs(int value) {
      this.sessionTimeoutMs = value;
      return this;
    }

    /** Sets the per-server connection timeout (default: session timeout / number of hosts). */
    public Builder connectTimeoutMs(int value) {
      this.connectTimeoutMs = value;
      return this;
    }

    /** Sets the request timeout (0 = none). */
    public Builder requestTimeoutMs(int value) {
      this.requestTimeoutMs = value;
      return this;
    }

    /** Sets the watcher for connection-state events. */
    public Builder defaultWatcher(Watcher value) {
      this.defaultWatcher = value;
      return this;
    }

    /** Allows connecting to read-only servers. */
    public Builder canBeReadOnly(boolean value) {
      this.canBeReadOnly = value;
      return this;
    }

    /** The config. */
    public ClientConfig build() {
      int connect = connectTimeoutMs > 0 ? connectTimeoutMs : Math.max(1_000, sessionTimeoutMs);
      return new ClientConfig(
          connectString,
          sessionTimeoutMs,
          connect,
          requestTimeoutMs,
          defaultWatcher,
          canBeReadOnly);
    }
  }
}
