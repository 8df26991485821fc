package io.paddock.server;

import io.paddock.config.ServerConfig;
import io.paddock.log.Disk;
import io.paddock.log.DiskProbe;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a server and brings an ensemble member back after a storage failure. A member whose log
 * cannot be written (a full disk, an I/O error) stops taking part at once: it never acknowledges
 * what did not reach its disk, and its clients move to other members. Its memory may then hold
 * commits its files lack, so it cannot simply carry on. The supervisor waits until the data
 * directories take a synced write again, stops the member and starts it afresh on the same
 * configuration and client port: it recovers from its files and rejoins as after a process restart,
 * and the leader sends it what it missed. A standalone server needs none of this (its log pipeline
 * probes the disk and resumes writes in place); for it the supervisor only holds the server and
 * starts no thread.
 *
 * <p>{@code bin/paddock-server.sh} (through {@link ServerMain}) and {@code EmbeddedPaddock} run
 * their servers through one. One watcher thread per ensemble member; it polls the server's state
 * and the disk once a second.
 */
public final class ServerSupervisor implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ServerSupervisor.class.getName());

  /** How often a stopped member's directories are probed, and a failed restart retried. */
  static final long RETRY_INTERVAL_MS = 1_000;

  /** Starts a server; {@link PaddockServer#start(ServerConfig)} outside tests. */
  @FunctionalInterface
  interface Starter {
    PaddockServer start(ServerConfig config) throws IOException;
  }

  private final ServerConfig config;
  private final Starter starter;
  private final Disk disk;
  private final Object lock = new Object();
  private final AtomicLong restarts = new AtomicLong();
  private final Thread watcher;
  private PaddockServer current; // guarded by lock
  private boolean closed; // guarded by lock

  private ServerSupervisor(ServerConfig config, Starter starter, Disk disk, PaddockServer first) {
    this.config = config;
    this.starter = starter;
    this.disk = disk;
    this.current = first;
    this.watcher = new Thread(this::watch, "paddock-supervisor-" + first.clientPort());
    watcher.setDaemon(true);
  }

  /**
   * Starts a server on {@code config} and watches it.
   *
   * @throws IOException if the first start fails (nothing is retried then)
   */
  public static ServerSupervisor start(ServerConfig config) throws IOException {
    return start(config, PaddockServer::start, Disk.real());
  }

  static ServerSupervisor start(ServerConfig config, Starter starter, Disk disk)
      throws IOException {
    PaddockServer first = starter.start(config);
    // Restarts take the port the first start bound, so clients find the member where it was.
    ServerConfig pinned = config.toBuilder().clientPort(first.clientPort()).build();
    ServerSupervisor supervisor = new ServerSupervisor(pinned, starter, disk, first);
    if (!config.ensemble().standalone()) {
      supervisor.watcher.start(); // a standalone server recovers in place: nothing to watch
    }
    return supervisor;
  }

  /** The server running now (another object after a restart). */
  public PaddockServer server() {
    synchronized (lock) {
      return current;
    }
  }

  /** How many times the member was restarted after a storage failure. */
  public long restarts() {
    return restarts.get();
  }

  private void watch() {
    try {
      while (true) {
        PaddockServer stopped;
        synchronized (lock) {
          if (closed) {
            return;
          }
          stopped = current;
        }
        String reason = awaitStop(stopped);
        if (reason == null) {
          return; // closed
        }
        LOG.log(
            Level.WARNING,
            "member stopped replicating ("
                + reason
                + "); it restarts once "
                + config.dataDir()
                + " and "
                + config.dataLogDir()
                + " take writes again");
        if (!awaitWritable()) {
          return;
        }
        stopped.close();
        PaddockServer next = startAgain();
        if (next == null) {
          return;
        }
        synchronized (lock) {
          if (closed) {
            next.close();
            return;
          }
          current = next;
        }
        LOG.log(
            Level.INFO,
            "member restarted after its storage failure (restart "
                + restarts.incrementAndGet()
                + "); it rejoins the ensemble from its files");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // nobody interrupts it; end quietly if someone does
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * The reason {@code server} stopped replicating, or null once closed. Polls rather than blocks,
   * so that close() never has to interrupt a restart under way (a server closed mid-start by an
   * interrupt could keep half its threads).
   */
  private String awaitStop(PaddockServer server) throws InterruptedException {
    while (!isClosed()) {
      try {
        return server.replicationStopped().get(RETRY_INTERVAL_MS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still replicating
      } catch (ExecutionException e) {
        throw new IllegalStateException("the stop future never fails", e);
      }
    }
    return null;
  }

  /** Whether both directories take a synced write (false: closed while waiting). */
  private boolean awaitWritable() throws InterruptedException {
    while (!isClosed()) {
      try {
        DiskProbe.writeAndSync(disk, config.dataLogDir());
        DiskProbe.writeAndSync(disk, config.dataDir());
        return true;
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "data directories still failing: " + e);
      }
      Thread.sleep(RETRY_INTERVAL_MS); // waiting on the disk: nothing to be woken by
    }
    return false;
  }

  /** A new server on the same configuration, retried until it starts; null once closed. */
  private PaddockServer startAgain() throws InterruptedException {
    while (!isClosed()) {
      try {
        return starter.start(config);
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "restarting the member failed; retrying: " + e.getMessage());
      }
      Thread.sleep(RETRY_INTERVAL_MS);
    }
    return null;
  }

  /** Stops watching and stops the server. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    try {
      // Within a retry interval, or once a restart under way has finished; at once if never
      // started.
      watcher.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server().close();
  }
}
