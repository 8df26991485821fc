package io.paddock.quorum.transport;

import io.paddock.quorum.core.Envelope;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Carries the Zab core's messages between the servers of an ensemble over TCP.
 *
 * <p>Each server keeps one outbound connection to every other member for sending ({@link
 * OutboundLink}: a bounded queue and a writer thread that reconnects with back-off) and accepts
 * inbound connections for receiving ({@link Acceptor}, one reader thread per connection). Every
 * connection starts with a {@link Handshake} (magic, versions, sender and receiver ids, ensemble
 * id); frames are length-prefixed and checksummed ({@link FrameReader}); messages are encoded by
 * {@link MessageCodec}.
 *
 * <p>Guarantees: per link, messages arrive in the order sent while a connection lives; bytes are
 * never corrupted (a damaged or hostile frame closes that connection, never the others). Not
 * guaranteed: delivery. A message is dropped (and counted) when the peer's queue is full, when the
 * peer is unreachable, and when the connection breaks with it still queued or in flight; the core
 * copes with loss (it re-sends elections and handshakes, acks are cumulative). Each break is
 * reported to {@link Listener#onPeerDisconnected}.
 *
 * <p>Threads, all named {@code paddock-quorum-...} and all ended by {@link #close()}: one acceptor,
 * one sender per peer, one watcher per outbound connection, one reader per inbound connection.
 */
public final class PeerTransport implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PeerTransport.class.getName());

  /** How long close() waits for each thread; they end as soon as their sockets are closed. */
  private static final long JOIN_MS = 5_000;

  /**
   * What the transport reports. Called from the transport's own threads (reader, sender and watcher
   * threads), concurrently for different peers: implementations must be thread-safe and quick — the
   * server's driver only queues the call for the thread that owns the peer. A slow listener stalls
   * the connection that called it.
   */
  public interface Listener {
    /**
     * A message from {@code envelope.from()} (taken from the authenticated connection, never from
     * the payload), addressed to this server.
     *
     * @param attachment the bytes sent with it (a snapshot), or null if it was sent without one
     */
    void onMessage(Envelope envelope, byte[] attachment);

    /**
     * The connection to or from {@code peerId} broke (or was replaced by a newer one); messages may
     * have been lost. Reported within milliseconds when the peer's process dies. May be called more
     * than once for one failure (once per direction).
     */
    void onPeerDisconnected(long peerId);

    /** A connection to or from {@code peerId} was established. */
    default void onPeerConnected(long peerId) {}
  }

  private final TransportConfig config;
  private final Listener listener;
  private final Map<Long, PeerCounters> counters;
  private final Map<Long, OutboundLink> links;
  private Acceptor acceptor;
  private ServerSocket serverSocket;
  private boolean started;
  private boolean closed;

  public PeerTransport(TransportConfig config, Listener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    Map<Long, PeerCounters> c = new TreeMap<>();
    Map<Long, OutboundLink> l = new TreeMap<>();
    for (Long peerId : config.peers().keySet()) {
      PeerCounters pc = new PeerCounters();
      c.put(peerId, pc);
      l.put(peerId, new OutboundLink(config, peerId, listener, pc));
    }
    this.counters = Collections.unmodifiableMap(c);
    this.links = Collections.unmodifiableMap(l);
  }

  /**
   * Binds the listen address and starts connecting to the peers.
   *
   * @throws IOException naming the address if it cannot be bound
   * @throws IllegalStateException if started before or closed
   */
  public synchronized void start() throws IOException {
    if (started || closed) {
      throw new IllegalStateException(closed ? "transport is closed" : "transport started already");
    }
    ServerSocket socket = new ServerSocket();
    try {
      // A restarted server must get its port back while old connections sit in TIME_WAIT.
      socket.setReuseAddress(true);
      socket.bind(config.listenAddress());
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          "server " + config.myId() + " cannot listen on " + config.listenAddress() + ": " + e, e);
    }
    serverSocket = socket;
    started = true;
    acceptor = new Acceptor(config, socket, listener, counters);
    acceptor.start();
    links.values().forEach(OutboundLink::start);
    LOG.log(
        Level.INFO,
        "server {0}: peer transport listening on {1}",
        config.myId(),
        socket.getLocalSocketAddress());
  }

  /** The port bound by {@link #start()} (useful when the listen address had port 0). */
  public synchronized int boundPort() {
    if (serverSocket == null) {
      throw new IllegalStateException("not started");
    }
    return serverSocket.getLocalPort();
  }

  /** The address bound by {@link #start()}. */
  public synchronized InetSocketAddress boundAddress() {
    if (serverSocket == null) {
      throw new IllegalStateException("not started");
    }
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  /**
   * Sends {@code envelope} to {@code envelope.to()}. Never blocks: the message is queued, or
   * dropped and counted if the peer's queue is full or the peer is unreachable.
   *
   * @throws IllegalArgumentException if it is addressed to this server or an unknown one, or not
   *     sent by this server
   */
  public void send(Envelope envelope) {
    link(envelope).send(envelope, null);
  }

  /**
   * Sends {@code envelope} with {@code attachment}'s bytes once that future completes. Messages
   * sent to the same peer afterwards wait behind it, so order is kept. If the future fails (or its
   * bytes exceed {@code attachmentBytesMax}) the message is dropped and the connection reset, so
   * the peer sees a disconnect and starts over. Never blocks.
   */
  public void send(Envelope envelope, CompletableFuture<byte[]> attachment) {
    link(envelope).send(envelope, Objects.requireNonNull(attachment, "attachment"));
  }

  private OutboundLink link(Envelope envelope) {
    if (envelope.from() != config.myId()) {
      throw new IllegalArgumentException(
          "server " + config.myId() + " cannot send as server " + envelope.from());
    }
    if (envelope.to() == config.myId()) {
      throw new IllegalArgumentException("server " + config.myId() + " sending to itself");
    }
    OutboundLink link = links.get(envelope.to());
    if (link == null) {
      throw new IllegalArgumentException(
          "server " + envelope.to() + " is not a peer of server " + config.myId());
    }
    return link;
  }

  /** Counts per peer, by peer id. */
  public Map<Long, PeerFigures> figures() {
    Acceptor a;
    synchronized (this) {
      a = acceptor;
    }
    Map<Long, PeerFigures> figures = new TreeMap<>();
    counters.forEach(
        (peerId, c) -> {
          OutboundLink link = links.get(peerId);
          figures.put(
              peerId,
              new PeerFigures(
                  peerId,
                  c.sent.get(),
                  c.received.get(),
                  c.dropped.get(),
                  link.queued(),
                  link.isConnected(),
                  a != null && a.isConnected(peerId)));
        });
    return Collections.unmodifiableMap(figures);
  }

  /**
   * Closes every connection and the listening socket, and waits for the transport's threads to end.
   * The listener is not called about the connections this closes. Idempotent.
   */
  @Override
  public void close() {
    Acceptor a;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      a = acceptor;
    }
    List<Thread> stragglers = new ArrayList<>();
    try {
      if (a != null) {
        a.close(JOIN_MS);
      }
      for (OutboundLink link : links.values()) {
        link.close(JOIN_MS);
        if (link.writerThread().isAlive()) {
          stragglers.add(link.writerThread());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.log(Level.WARNING, "server {0}: interrupted while closing", config.myId());
    }
    if (!stragglers.isEmpty()) {
      LOG.log(Level.WARNING, "server {0}: threads still running: {1}", config.myId(), stragglers);
    }
    LOG.log(Level.INFO, "server {0}: peer transport closed", config.myId());
  }
}
