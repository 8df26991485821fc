package io.paddock.server;

import io.paddock.acl.Authentication;
import io.paddock.admin.AdminServer;
import io.paddock.config.ServerConfig;
import io.paddock.platform.Clock;
import io.paddock.session.SessionIds;
import io.paddock.session.SessionPasswords;
import io.paddock.session.SessionTable;
import io.paddock.session.SessionTimeouts;
import io.paddock.tree.DataTree;
import io.paddock.watch.WatchTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.OptionalInt;

/**
 * A running Paddock server: the composition root that wires the pipeline and owns its threads.
 * Start one with {@link #start(ServerConfig)}; {@link #close()} stops it and releases the port.
 * Several servers can run in one JVM; nothing here is static or read from system properties.
 */
public final class PaddockServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PaddockServer.class.getName());

  /** Requests one connection may have unanswered before we stop reading it. */
  private static final int OUTSTANDING_PER_CONNECTION_MAX = 1000;

  private final ServerConfig config;
  private final ConnectionLoop loop;
  private final RequestProcessor processor;
  private final Thread ioThread;
  private final Thread processorThread;
  private final InetSocketAddress boundAddress;
  private volatile AdminServer admin; // null unless admin.enableServer; set once, right after start

  private PaddockServer(
      ServerConfig config,
      ConnectionLoop loop,
      RequestProcessor processor,
      InetSocketAddress boundAddress) {
    this.config = config;
    this.loop = loop;
    this.processor = processor;
    this.boundAddress = boundAddress;
    this.ioThread = new Thread(loop, "paddock-io-" + boundAddress.getPort());
    this.processorThread = new Thread(processor, "paddock-processor-" + boundAddress.getPort());
  }

  /**
   * Starts a standalone server: binds the client port and starts serving.
   *
   * @throws IOException if the data directory cannot be created or the port cannot be bound
   */
  public static PaddockServer start(ServerConfig config) throws IOException {
    return start(config, Clock.system());
  }

  static PaddockServer start(ServerConfig config, Clock clock) throws IOException {
    Files.createDirectories(config.dataDir());
    ServerState state =
        new ServerState(
            new DataTree(config.juteMaxBufferBytes()),
            new WatchTable(config.maxWatchesPerSession()));
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    SessionPasswords passwords = new SessionPasswords(secret);
    Sessions sessions =
        new Sessions(
            state,
            new SessionTable(config.tickTimeMs(), SessionTable.DEFAULT_SESSIONS_MAX, passwords),
            SessionIds.initial(config.serverId(), clock.wallMs()),
            passwords,
            new Authentication(config.superDigest().orElse(null)),
            new Sessions.Settings(
                new SessionTimeouts(config.minSessionTimeoutMs(), config.maxSessionTimeoutMs()),
                config.containerCheckIntervalMs(),
                config.fourLetterWords(),
                config.describe()),
            clock::monotonicMs,
            clock::wallMs);
    RequestProcessor[] holder = new RequestProcessor[1];
    TxnPipeline pipeline = new ImmediateCommitPipeline(write -> holder[0].committed(write));
    RequestProcessor processor = new RequestProcessor(state, clock, pipeline, sessions);
    holder[0] = processor;

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
                OUTSTANDING_PER_CONNECTION_MAX),
            clock);
    PaddockServer server = new PaddockServer(config, loop, processor, bound);
    server.processorThread.start();
    // The admin server starts before the client port accepts, so once clients get answers (ruok)
    // the admin server answers too. A requested admin port that cannot be bound fails the start,
    // as the client port does; the io thread then only runs to release the client port.
    try {
      server.admin =
          AdminView.startIfEnabled(config, processor, sessions, state, clock, bound.getPort());
    } catch (IOException | RuntimeException e) {
      server.ioThread.start(); // runs only to release the client port: close() stops it at once
      server.close();
      throw e;
    }
    server.ioThread.start();
    LOG.log(
        Level.INFO,
        "Paddock standalone server serving clients on "
            + bound.getAddress().getHostAddress()
            + ":"
            + bound.getPort());
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

  /** The configuration this server runs with. */
  public ServerConfig config() {
    return config;
  }

  /** Stops serving: closes every connection and the port, and stops the threads. */
  @Override
  public void close() {
    AdminServer a = admin;
    if (a != null) {
      a.close(); // first: its requests wait on the processor
    }
    loop.shutdown();
    processor.shutdown();
    try {
      ioThread.join(10_000);
      processorThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.log(Level.INFO, "Paddock server on port " + boundAddress.getPort() + " stopped");
  }
}
