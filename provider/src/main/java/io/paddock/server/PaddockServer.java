package io.paddock.server;

import io.paddock.acl.Authentication;
import io.paddock.admin.AdminServer;
import io.paddock.api.ErrorCode;
import io.paddock.config.ServerConfig;
import io.paddock.log.Disk;
import io.paddock.platform.Clock;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.Role;
import io.paddock.session.SessionIds;
import io.paddock.session.SessionPasswords;
import io.paddock.session.SessionTable;
import io.paddock.session.SessionTimeouts;
import io.paddock.watch.WatchTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Paddock server: the composition root that wires the pipeline and owns its threads.
 * Start one with {@link #start(ServerConfig)}; {@link #close()} stops it and releases the port.
 * Several servers can run in one JVM; nothing here is static or read from system properties.
 */
public final class PaddockServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PaddockServer.class.getName());

  /** Requests one connection may have unanswered before we stop reading it. */
  private static final int OUTSTANDING_PER_CONNECTION_MAX = 1000;

  /** A stop waits this long for its final snapshot; bin/paddock-server.sh waits 60 s in all. */
  private static final long SHUTDOWN_SNAPSHOT_WAIT_MS = 45_000;

  private final ServerConfig config;
  private final ConnectionLoop loop;
  private final RequestProcessor processor;
  private final Thread ioThread;
  private final Thread processorThread;
  private final InetSocketAddress boundAddress;
  private final ServerStorage storage;
  private final DurableLogPipeline pipeline; // standalone; null for an ensemble member
  private final MemberBackend member; // ensemble member; null when standalone
  private volatile AdminServer admin; // null unless admin.enableServer; set once, right after start
  private final AtomicBoolean closed = new AtomicBoolean();

  private PaddockServer(
      ServerConfig config,
      ConnectionLoop loop,
      RequestProcessor processor,
      InetSocketAddress boundAddress,
      ServerStorage storage,
      DurableLogPipeline pipeline,
      MemberBackend member) {
    this.config = config;
    this.loop = loop;
    this.processor = processor;
    this.boundAddress = boundAddress;
    this.storage = storage;
    this.pipeline = pipeline;
    this.member = member;
    this.ioThread = new Thread(loop, "paddock-io-" + boundAddress.getPort());
    this.processorThread = new Thread(processor, "paddock-processor-" + boundAddress.getPort());
  }

  /**
   * Starts a standalone server: locks the data directories, recovers the state they hold (newest
   * snapshot plus the log after it), binds the client port and starts serving.
   *
   * @throws IOException if the port cannot be bound or the data directories cannot be used; a
   *     {@link io.paddock.log.StorageException} says why the stored state cannot be trusted
   */
  public static PaddockServer start(ServerConfig config) throws IOException {
    return start(config, Clock.system());
  }

  static PaddockServer start(ServerConfig config, Clock clock) throws IOException {
    return start(config, clock, Disk.real());
  }

  static PaddockServer start(ServerConfig config, Clock clock, Disk disk) throws IOException {
    if (!config.ensemble().standalone()) {
      ServerStorage storage = ServerStorage.openMember(config, disk);
      try {
        return startMember(config, clock, storage);
      } catch (IOException | RuntimeException e) {
        storage.close();
        throw e;
      }
    }
    ServerStorage storage = ServerStorage.open(config, disk);
    try {
      return start(config, clock, storage);
    } catch (IOException | RuntimeException e) {
      storage.close();
      throw e;
    }
  }

  private static PaddockServer start(ServerConfig config, Clock clock, ServerStorage storage)
      throws IOException {
    // Stamping continues after the recovered last zxid: ServerState starts from the tree's.
    ServerState state =
        new ServerState(storage.recovered().tree(), new WatchTable(config.maxWatchesPerSession()));
    Sessions sessions =
        sessions(config, clock, storage, state, storage.sessionSecret(), config.serverId());
    RequestProcessor[] holder = new RequestProcessor[1];
    DurableLogPipeline pipeline =
        storage.pipeline(
            new DurableLogPipeline.Outcomes() {
              @Override
              public void committed(RequestProcessor.PendingWrite write) {
                holder[0].committed(write);
              }

              @Override
              public void failed(RequestProcessor.PendingWrite write, ErrorCode error) {
                holder[0].failed(write, error);
              }
            },
            task -> holder[0].submit(task));
    RequestProcessor processor = new RequestProcessor(state, clock, pipeline, sessions);
    holder[0] = processor;

    return serve(config, clock, storage, processor, sessions, state, pipeline, null);
  }

  private static Sessions sessions(
      ServerConfig config,
      Clock clock,
      ServerStorage storage,
      ServerState state,
      byte[] secret,
      long serverId) {
    SessionPasswords passwords = new SessionPasswords(secret);
    SessionTable table =
        new SessionTable(config.tickTimeMs(), SessionTable.DEFAULT_SESSIONS_MAX, passwords);
    storage.restoreSessions(table, clock.monotonicMs());
    return new Sessions(
        state,
        table,
        SessionIds.initial(serverId, clock.wallMs()),
        passwords,
        new Authentication(config.superDigest().orElse(null)),
        new Sessions.Settings(
            new SessionTimeouts(config.minSessionTimeoutMs(), config.maxSessionTimeoutMs()),
            config.containerCheckIntervalMs(),
            config.fourLetterWords(),
            config.describe()),
        clock::monotonicMs,
        clock::wallMs);
  }

  /**
   * Starts an ensemble member: the tree from its newest snapshot, the log after it handed to the
   * replication core (which applies what a leader confirms), the peer transport on its quorum port,
   * and the client port, which takes clients only while the member serves.
   */
  private static PaddockServer startMember(ServerConfig config, Clock clock, ServerStorage storage)
      throws IOException {
    ServerState state =
        new ServerState(storage.unapplied().tree(), new WatchTable(config.maxWatchesPerSession()));
    long myId = config.ensemble().myId();
    Sessions sessions =
        sessions(
            config, clock, storage, state, MemberBackend.sessionSecret(config.ensemble()), myId);
    MemberBackend.Core core = MemberBackend.core(config, storage, state, clock);
    sessions.quorumFigures(core.driver()::figures);
    RequestProcessor processor =
        new RequestProcessor(
            state, clock, core.driver(), sessions, core.driver(), config.leaderServes());
    MemberBackend member = MemberBackend.assemble(config, storage, core, processor);
    return serve(config, clock, storage, processor, sessions, state, null, member);
  }

  /** Binds the client port and starts every thread; on failure releases what it took. */
  private static PaddockServer serve(
      ServerConfig config,
      Clock clock,
      ServerStorage storage,
      RequestProcessor processor,
      Sessions sessions,
      ServerState state,
      DurableLogPipeline pipeline,
      MemberBackend member)
      throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    InetSocketAddress bound;
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(config.clientPortAddress(), config.clientPort()), 1024);
      bound = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      channel.close();
      throw new IOException(
          "cannot bind the client port "
              + config.clientPortAddress()
              + ":"
              + config.clientPort()
              + ": "
              + e.getMessage(),
          e);
    }
    ConnectionLoop loop =
        new ConnectionLoop(
            channel,
            processor,
            new ConnectionLoop.Limits(
                config.juteMaxBufferBytes(), // ZooKeeper bounds the whole frame by jute.maxbuffer
                config.maxClientCnxns(),
                OUTSTANDING_PER_CONNECTION_MAX,
                config.globalOutstandingLimit()),
            clock);
    PaddockServer server =
        new PaddockServer(config, loop, processor, bound, storage, pipeline, member);
    if (pipeline != null) {
      pipeline.start(Integer.toString(bound.getPort()));
    } else {
      try {
        member.start(Integer.toString(bound.getPort()));
      } catch (IOException | RuntimeException e) {
        server.ioThread.start(); // runs only to release the client port
        server.processorThread.start();
        server.close();
        throw e;
      }
    }
    server.processorThread.start();
    // The admin server starts before the client port accepts, so once clients get answers (ruok)
    // the admin server answers too. A requested admin port that cannot be bound fails the start,
    // as the client port does; the io thread then only runs to release the client port.
    try {
      server.admin =
          AdminView.startIfEnabled(
              config,
              processor,
              sessions,
              state,
              clock,
              storage.metrics(),
              server::takeSnapshot,
              bound.getPort());
    } catch (IOException | RuntimeException e) {
      server.ioThread.start(); // runs only to release the client port: close() stops it at once
      server.close();
      throw e;
    }
    server.ioThread.start();
    LOG.log(
        Level.INFO,
        (member == null
                ? "Paddock standalone server serving clients on "
                : "Paddock ensemble member " + member.id() + " listening for clients on ")
            + bound.getAddress().getHostAddress()
            + ":"
            + bound.getPort()
            + (member == null ? "" : " (it serves them once it has joined a quorum)"));
    return server;
  }

  /** The port clients connect to (the actual one when the config asked for port 0). */
  public int clientPort() {
    return boundAddress.getPort();
  }

  /** The bound client address. */
  public InetSocketAddress clientAddress() {
    return boundAddress;
  }

  /** The admin server's port (the actual one if configured as 0), if {@code admin.enableServer}. */
  public OptionalInt adminPort() {
    AdminServer a = admin;
    return a == null ? OptionalInt.empty() : OptionalInt.of(a.port());
  }

  /** The ensemble role, leader and serving state (standalone: leading, serving, epoch 0). */
  PeerStatus quorumStatus() {
    return member == null
        ? new PeerStatus(Role.LEADING, config.serverId(), 0, true, 0)
        : member.driver().status();
  }

  /** The configuration this server runs with. */
  public ServerConfig config() {
    return config;
  }

  /**
   * Takes a snapshot now, in the background; completes with its zxid once it is on disk. If one is
   * being written, another is started after it.
   */
  public CompletableFuture<Long> takeSnapshot() {
    return snapshots().takeNow();
  }

  private SnapshotTaker snapshots() {
    return pipeline != null ? pipeline.snapshots() : member.snapshots();
  }

  /**
   * Completes, with the reason, when this ensemble member stops taking part in the ensemble for
   * good (its log or replication state could not be written): it then serves no clients until it is
   * restarted, which {@link ServerSupervisor} does once its disk takes writes again. Never
   * completes for a standalone server, which resumes writes by itself when its disk recovers.
   */
  public CompletableFuture<String> replicationStopped() {
    return member == null ? new CompletableFuture<>() : member.driver().stoppedReplicating();
  }

  /** The durable pipeline, for figures and tests. */
  DurableLogPipeline pipeline() {
    return pipeline;
  }

  /**
   * With clients gone and the processor still running: snapshots what was logged after the newest
   * snapshot, so the next start loads one file instead of replaying the log (a million-znode
   * restart spent a third of its time replaying). Bounded: a stop never waits on it for longer than
   * {@link #SHUTDOWN_SNAPSHOT_WAIT_MS}; without it, the log still holds everything.
   */
  private void snapshotBeforeStopping() {
    long startNs = System.nanoTime();
    try {
      long zxid = snapshots().takeIfBehind().get(SHUTDOWN_SNAPSHOT_WAIT_MS, TimeUnit.MILLISECONDS);
      LOG.log(
          Level.INFO,
          "stopping: the newest snapshot holds everything up to zxid 0x"
              + Long.toHexString(zxid)
              + " ("
              + (System.nanoTime() - startNs) / 1_000_000
              + " ms)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(
          Level.WARNING,
          "stopping without a final snapshot; the next start replays the log instead: " + e);
    }
  }

  /** Stops serving: closes every connection and the port, and stops the threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // stopped already (or stopping on another thread)
    }
    AdminServer a = admin;
    if (a != null) {
      a.close(); // first: its requests wait on the processor
    }
    loop.shutdown();
    // A member whose replication stopped may have applied commits its log never got: a snapshot of
    // that tree would not match its files. It restarts from the files instead.
    boolean replicating = member == null || !member.driver().failed();
    if (config.snapshotOnShutdown() && processorThread.isAlive() && replicating) {
      snapshotBeforeStopping();
    }
    processor.shutdown();
    try {
      ioThread.join(10_000);
      processorThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pipeline != null) {
      pipeline.close(); // after the processor: nothing submits any more
    } else {
      member.close();
    }
    storage.close();
    LOG.log(Level.INFO, "Paddock server on port " + boundAddress.getPort() + " stopped");
  }
}
