package io.paddock.embedded;

import io.paddock.config.ServerConfig;
import io.paddock.server.ServerSupervisor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Paddock server running inside this process, started from a typed {@link ServerConfig}: no files
 * needed, no system properties read, no {@code System.exit}, nothing static, so one JVM can host
 * several (each with its own port and data directory).
 *
 * <pre>{@code
 * try (EmbeddedPaddock paddock = EmbeddedPaddock.builder()
 *     .config(ServerConfig.builder(dataDir).clientPort(0).build())
 *     .listener(event -> log.info("paddock " + event.state()))
 *     .start()) {
 *   PaddockClient client = PaddockClients.connect(ClientConfig.builder(paddock.connectString()).build());
 *   ...
 * }
 * }</pre>
 *
 * <p>This class is the one owner of the state; every change is announced to the listeners.
 * Transition table (anything else throws {@link IllegalStateException} with both states):
 *
 * <pre>
 * from       cause                                   to
 * (new)      Builder.start()                         STARTING
 * STARTING   port bound, requests are served         SERVING
 * STARTING   start failed (everything released)      FAILED    final
 * SERVING    close()                                 STOPPING
 * STOPPING   threads stopped, port released          STOPPED   final
 * </pre>
 *
 * <p>Ensemble members: the same builder takes the member's {@code ServerConfig} (the one with its
 * peers). SERVING means the member runs and its client port is bound; whether it takes clients at
 * this moment (it may be looking for a quorum) is what {@code srvr} and {@code mntr} report. A
 * member whose disk fails stops taking part and is restarted in place by a {@link ServerSupervisor}
 * once its data directories take writes again, on the same client port; the state stays SERVING
 * throughout.
 */
public final class EmbeddedPaddock implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmbeddedPaddock.class.getName());

  /** Listeners per server: a handful is normal; thousands would be a leak in the host. */
  public static final int LISTENERS_MAX = 64;

  /** Where an embedded server is in its life; see the transition table above. */
  public enum State {
    STARTING,
    SERVING,
    STOPPING,
    STOPPED,
    FAILED;

    /** Whether no further change can happen. */
    public boolean isFinal() {
      return this == STOPPED || this == FAILED;
    }
  }

  private final ServerConfig config;
  private final List<LifecycleListener> listeners;
  private final Object lock = new Object();
  private State state = State.STARTING; // guarded by lock
  private ServerSupervisor server; // guarded by lock; set on SERVING; restarts a failed member
  private InetSocketAddress clientAddress; // guarded by lock; set on SERVING, kept after stop

  private EmbeddedPaddock(ServerConfig config, List<LifecycleListener> listeners) {
    this.config = config;
    this.listeners = List.copyOf(listeners);
  }

  /** A builder: set the config, add listeners, then {@link Builder#start()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The current state. */
  public State state() {
    synchronized (lock) {
      return state;
    }
  }

  /** The configuration this server was started with. */
  public ServerConfig config() {
    return config;
  }

  /**
   * The address clients connect to: the bound one, so the actual port when the config asked for
   * port 0. Still answers after the server stopped (the port is then released).
   *
   * @throws IllegalStateException if the server never bound its port (it FAILED while starting)
   */
  public InetSocketAddress clientAddress() {
    synchronized (lock) {
      if (clientAddress == null) {
        throw new IllegalStateException("no client address: the server is " + state);
      }
      return clientAddress;
    }
  }

  /** The bound client port; see {@link #clientAddress()}. */
  public int clientPort() {
    return clientAddress().getPort();
  }

  /**
   * A connect string for a client of this server, {@code host:port}. A wildcard bind address
   * (0.0.0.0, ::) is answered as loopback, which always reaches a wildcard listener.
   */
  public String connectString() {
    InetSocketAddress a = clientAddress();
    InetAddress host =
        a.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : a.getAddress();
    String text = host.getHostAddress();
    return (host instanceof Inet6Address ? "[" + text + "]" : text) + ":" + a.getPort();
  }

  /**
   * Waits until the server is SERVING or has stopped.
   *
   * @return whether it is SERVING
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitServing(long timeout, TimeUnit unit) throws InterruptedException {
    long deadlineNs = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (state != State.SERVING && !state.isFinal() && state != State.STOPPING) {
        long leftNs = deadlineNs - System.nanoTime();
        if (leftNs <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, leftNs);
      }
      return state == State.SERVING;
    }
  }

  /**
   * Stops the server: closes every connection and the port and stops its threads; when this
   * returns, the port can be bound again. Idempotent; a concurrent caller waits until the first one
   * has finished.
   */
  @Override
  public void close() {
    ServerSupervisor toStop;
    synchronized (lock) {
      if (state != State.SERVING) {
        awaitFinalUninterruptibly();
        return;
      }
      // Check and change in one step: of two concurrent callers, exactly one stops the server.
      state = State.STOPPING;
      lock.notifyAll();
      toStop = server;
    }
    fire(new LifecycleEvent(this, State.STOPPING, null));
    try {
      toStop.close();
    } finally {
      transition(State.STOPPING, State.STOPPED, null);
    }
  }

  // Waits out another thread's close(); called with the lock held.
  private void awaitFinalUninterruptibly() {
    boolean interrupted = false;
    while (state == State.STOPPING) {
      try {
        lock.wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "EmbeddedPaddock[" + state + (clientAddress == null ? "" : ", " + clientAddress) + "]";
    }
  }

  private static EmbeddedPaddock start(ServerConfig config, List<LifecycleListener> listeners)
      throws IOException {
    EmbeddedPaddock paddock = new EmbeddedPaddock(config, listeners);
    paddock.fire(new LifecycleEvent(paddock, State.STARTING, null));
    ServerSupervisor server;
    try {
      server = ServerSupervisor.start(config);
    } catch (IOException | RuntimeException e) {
      paddock.transition(State.STARTING, State.FAILED, e);
      throw e;
    }
    synchronized (paddock.lock) {
      paddock.server = server;
      paddock.clientAddress = server.server().clientAddress();
    }
    paddock.transition(State.STARTING, State.SERVING, null);
    return paddock;
  }

  private void transition(State from, State to, Throwable failure) {
    synchronized (lock) {
      if (state != from) {
        throw new IllegalStateException(
            "illegal transition to " + to + ": expected " + from + " but the server is " + state);
      }
      state = to;
      lock.notifyAll();
    }
    fire(new LifecycleEvent(this, to, failure));
  }

  private void fire(LifecycleEvent event) {
    for (LifecycleListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a Paddock lifecycle listener failed on " + event.state(), e);
      }
    }
  }

  /** Collects the configuration and listeners of one server. Not thread-safe. */
  public static final class Builder {
    private ServerConfig config;
    private final List<LifecycleListener> listeners = new ArrayList<>();

    private Builder() {}

    /** The server's configuration (required). */
    public Builder config(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Adds a listener; it hears every state change from STARTING on. */
    public Builder listener(LifecycleListener listener) {
      Objects.requireNonNull(listener, "listener");
      if (listeners.size() >= LISTENERS_MAX) {
        throw new IllegalStateException("more than " + LISTENERS_MAX + " listeners");
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Starts the server and returns once it is SERVING (a standalone server) or has bound its
     * ports. Each call starts a new server.
     *
     * @throws IOException if the data directory cannot be created or the port cannot be bound; the
     *     listeners have then heard FAILED with the same exception
     * @throws IllegalStateException if no config was set
     */
    public EmbeddedPaddock start() throws IOException {
      if (config == null) {
        throw new IllegalStateException("no config: call config(ServerConfig) first");
      }
      return EmbeddedPaddock.start(config, listeners);
    }
  }
}
