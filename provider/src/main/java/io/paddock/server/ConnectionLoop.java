package io.paddock.server;

import io.paddock.platform.Clock;
import io.paddock.wire.ConnectCodec;
import io.paddock.wire.ConnectRequest;
import io.paddock.wire.FrameDecoder;
import io.paddock.wire.JuteInput;
import io.paddock.wire.ServerCodec;
import io.paddock.wire.WireFormatException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The selector thread: accepts connections, reads and frames bytes, decodes frames into requests
 * for the {@link Inbound} (the processor), and writes queued replies. It never touches server
 * state. Bad input (garbage, a frame over the limit, an unknown op code, a request before the
 * handshake) closes that one connection with a logged reason; everyone else keeps being served.
 */
final class ConnectionLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(ConnectionLoop.class.getName());
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  /** Where decoded input goes. Called on the selector thread; implementations must not block. */
  interface Inbound {
    void connect(ServerConnection conn, ConnectRequest request);

    void request(ServerConnection conn, ServerCodec.DecodedRequest request);

    void fourLetterWord(ServerConnection conn, String word);

    void disconnected(ServerConnection conn, String reason);
  }

  /** Limits the loop enforces. */
  record Limits(
      int frameBytesMax,
      int connectionsPerAddressMax,
      int outstandingPerConnectionMax,
      int outstandingGlobalMax) {}

  private final ServerSocketChannel serverChannel;
  private final Selector selector;
  private final Inbound inbound;
  private final Limits limits;
  private final Clock clock;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
  private final Map<InetAddress, Integer> connectionsPerAddress = new HashMap<>();
  private final Map<ServerConnection, FrameDecoder> decoders = new HashMap<>();
  private final Queue<ServerConnection> dirty = new ConcurrentLinkedQueue<>();
  private final Queue<ServerConnection> resumes = new ConcurrentLinkedQueue<>();
  private final Queue<Map.Entry<ServerConnection, String>> closes = new ConcurrentLinkedQueue<>();
  private final Map<ServerConnection, String> closeAfterFlush = new HashMap<>();
  private final Queue<Map.Entry<ServerConnection, String>> closeAfterFlushRequests =
      new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final AtomicInteger outstandingGlobal = new AtomicInteger();
  private final Queue<ServerConnection> pausedForGlobal = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private long nextConnectionId = 1;

  ConnectionLoop(ServerSocketChannel serverChannel, Inbound inbound, Limits limits, Clock clock)
      throws IOException {
    this.serverChannel = serverChannel;
    this.inbound = inbound;
    this.limits = limits;
    this.clock = clock;
    this.selector = Selector.open();
    serverChannel.configureBlocking(false);
    serverChannel.register(selector, SelectionKey.OP_ACCEPT);
  }

  @Override
  public void run() {
    try {
      while (running) {
        selector.select(1000);
        runPendingWork();
        for (SelectionKey key : selector.selectedKeys()) {
          handle(key);
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      if (running) {
        LOG.log(Level.ERROR, "selector failed; the client port stops serving", e);
      }
    } finally {
      closeEverything();
    }
  }

  /** Stops the loop; connections are closed and the port released. */
  void shutdown() {
    running = false;
    selector.wakeup();
  }

  // ---- called from other threads -------------------------------------------------------------

  void wantsWrite(ServerConnection conn) {
    if (conn.scheduleFlush()) {
      dirty.add(conn);
      wakeup();
    }
  }

  /** An admitted request was answered or discarded: maybe reading may resume. */
  void replied(ServerConnection conn) {
    int global = outstandingGlobal.decrementAndGet();
    if (conn.readPaused && conn.outstanding() <= limits.outstandingPerConnectionMax() / 2) {
      resumes.add(conn);
      wakeup();
    }
    if (!pausedForGlobal.isEmpty() && global <= limits.outstandingGlobalMax() / 2) {
      ServerConnection paused;
      while ((paused = pausedForGlobal.poll()) != null) {
        resumes.add(paused);
      }
      wakeup();
    }
  }

  /** Requests admitted and not yet answered, over all connections. */
  int outstandingGlobal() {
    return outstandingGlobal.get();
  }

  /** Resumes reading a paused connection, e.g. once its session is established. */
  void resume(ServerConnection conn) {
    resumes.add(conn);
    wakeup();
  }

  void requestClose(ServerConnection conn, String reason) {
    closes.add(Map.entry(conn, reason));
    wakeup();
  }

  void closeAfterFlush(ServerConnection conn, String reason) {
    closeAfterFlushRequests.add(Map.entry(conn, reason));
    wakeup();
  }

  private void wakeup() {
    if (wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  // ---- selector thread -------------------------------------------------------------------------

  private void runPendingWork() {
    wakeupPending.set(false);
    Map.Entry<ServerConnection, String> req;
    while ((req = closeAfterFlushRequests.poll()) != null) {
      closeAfterFlush.put(req.getKey(), req.getValue());
      dirty.add(req.getKey());
    }
    ServerConnection conn;
    while ((conn = dirty.poll()) != null) {
      flush(conn);
    }
    while ((conn = resumes.poll()) != null) {
      resumeReading(conn);
    }
    while ((req = closes.poll()) != null) {
      close(req.getKey(), req.getValue());
    }
  }

  private void handle(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      accept();
      return;
    }
    ServerConnection conn = (ServerConnection) key.attachment();
    if (key.isValid() && key.isReadable()) {
      read(conn);
    }
    if (key.isValid() && key.isWritable()) {
      flush(conn);
    }
  }

  private void accept() {
    SocketChannel channel;
    try {
      while ((channel = serverChannel.accept()) != null) {
        register(channel);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "accept failed: " + e);
    }
  }

  private void register(SocketChannel channel) throws IOException {
    InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
    int count = connectionsPerAddress.getOrDefault(remote.getAddress(), 0);
    if (limits.connectionsPerAddressMax() > 0 && count >= limits.connectionsPerAddressMax()) {
      LOG.log(
          Level.WARNING,
          "Too many connections from "
              + remote.getAddress()
              + " - max is "
              + limits.connectionsPerAddressMax());
      channel.close();
      return;
    }
    channel.configureBlocking(false);
    channel.socket().setTcpNoDelay(true);
    ServerConnection conn =
        new ServerConnection(nextConnectionId++, channel, remote, this, clock.wallMs());
    conn.key = channel.register(selector, SelectionKey.OP_READ, conn);
    connectionsPerAddress.merge(remote.getAddress(), 1, Integer::sum);
    decoders.put(conn, new FrameDecoder(limits.frameBytesMax()));
  }

  private void read(ServerConnection conn) {
    FrameDecoder decoder = decoders.get(conn);
    if (decoder == null) {
      return;
    }
    try {
      readBuffer.clear();
      int n = conn.channel().read(readBuffer);
      if (n < 0) {
        close(conn, "client closed the connection");
        return;
      }
      readBuffer.flip();
      decoder.feed(readBuffer);
      drainFrames(conn, decoder);
    } catch (WireFormatException e) {
      close(conn, "bad input: " + e.getMessage());
    } catch (IOException e) {
      close(conn, "read failed: " + e.getMessage());
    }
  }

  private void drainFrames(ServerConnection conn, FrameDecoder decoder) {
    if (!conn.handshakeDone) {
      String word = decoder.fourLetterWord();
      if (word != null) {
        pauseReading(conn);
        inbound.fourLetterWord(conn, word);
        return;
      }
      byte[] frame = decoder.nextFrame();
      if (frame == null) {
        return;
      }
      ConnectRequest connect = ConnectCodec.decodeConnectRequest(new JuteInput(frame));
      conn.handshakeDone = true;
      conn.packetsReceived++;
      // No requests until the processor has established the session: it resumes us.
      pauseReading(conn);
      inbound.connect(conn, connect);
      return;
    }
    while (!conn.readPaused) {
      byte[] frame = decoder.nextFrame();
      if (frame == null) {
        return;
      }
      // An unknown op code still goes to the processor, which answers UNIMPLEMENTED in order, as
      // ZooKeeper does; only undecodable bytes close the connection.
      ServerCodec.DecodedRequest request = ServerCodec.decodeRequestFrame(frame);
      conn.packetsReceived++;
      conn.requestAdmitted();
      int global = outstandingGlobal.incrementAndGet();
      inbound.request(conn, request);
      // Back-pressure: stop reading until replies drain (globalOutstandingLimit, per connection).
      if (conn.outstanding() >= limits.outstandingPerConnectionMax()) {
        pauseReading(conn);
      } else if (global >= limits.outstandingGlobalMax()) {
        pauseReading(conn);
        pausedForGlobal.add(conn);
      }
    }
  }

  private void pauseReading(ServerConnection conn) {
    conn.readPaused = true;
    if (conn.key.isValid()) {
      conn.key.interestOps(conn.key.interestOps() & ~SelectionKey.OP_READ);
    }
  }

  private void resumeReading(ServerConnection conn) {
    FrameDecoder decoder = decoders.get(conn);
    if (decoder == null || !conn.readPaused || !conn.handshakeDone) {
      return;
    }
    if (conn.outstanding() >= limits.outstandingPerConnectionMax()) {
      return;
    }
    if (outstandingGlobal.get() >= limits.outstandingGlobalMax()) {
      pausedForGlobal.add(conn);
      return;
    }
    conn.readPaused = false;
    if (conn.key.isValid()) {
      conn.key.interestOps(conn.key.interestOps() | SelectionKey.OP_READ);
    }
    try {
      drainFrames(conn, decoder); // frames that arrived with the handshake or before the pause
    } catch (WireFormatException e) {
      close(conn, "bad input: " + e.getMessage());
    }
  }

  private void flush(ServerConnection conn) {
    conn.flushScheduled(); // frames queued from now on schedule another flush
    if (!conn.key.isValid()) {
      return;
    }
    try {
      boolean done = conn.flush();
      int ops = conn.key.interestOps();
      conn.key.interestOps(done ? ops & ~SelectionKey.OP_WRITE : ops | SelectionKey.OP_WRITE);
      if (done && closeAfterFlush.containsKey(conn)) {
        close(conn, closeAfterFlush.get(conn));
      }
    } catch (IOException e) {
      close(conn, "write failed: " + e.getMessage());
    }
  }

  private void close(ServerConnection conn, String reason) {
    closeAfterFlush.remove(conn);
    if (decoders.remove(conn) == null) {
      return;
    }
    conn.markClosed();
    conn.key.cancel();
    try {
      conn.channel().close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "close failed: " + e);
    }
    connectionsPerAddress.computeIfPresent(
        conn.remote().getAddress(), (a, c) -> c > 1 ? c - 1 : null);
    LOG.log(Level.INFO, "closed " + conn + ": " + reason);
    inbound.disconnected(conn, reason);
  }

  private void closeEverything() {
    for (ServerConnection conn : decoders.keySet().toArray(new ServerConnection[0])) {
      close(conn, "server shutting down");
    }
    try {
      selector.close();
      serverChannel.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the client port failed: " + e);
    }
  }
}
