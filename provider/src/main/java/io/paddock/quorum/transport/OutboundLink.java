package io.paddock.quorum.transport;

import io.paddock.quorum.core.Envelope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending side of the link to one peer: a bounded queue, and a writer thread that connects
 * (with back-off), performs the {@link Handshake} and writes the queued messages in order. A
 * watcher thread per connection blocks reading it, so a peer whose process died (its kernel closes
 * the socket) is noticed within milliseconds, even while nothing is being sent.
 *
 * <p>While no connection is established, messages are dropped and counted rather than queued: the
 * core re-sends what matters, and a backlog of stale election rounds would only delay the fresh
 * ones. When a connection breaks, what is still queued for it is dropped too.
 */
final class OutboundLink {
  private static final System.Logger LOG = System.getLogger(OutboundLink.class.getName());
  private static final int BUFFER_BYTES = 64 * 1024;

  /** A queued message, with the attachment it waits for (or null). */
  private record Item(Envelope envelope, CompletableFuture<byte[]> attachment) {}

  /** Wakes the writer when the watcher found the connection broken; the only null envelope. */
  private static final Item BROKEN = new Item(null, null);

  private final TransportConfig config;
  private final long peerId;
  private final InetSocketAddress address;
  private final PeerTransport.Listener listener;
  private final PeerCounters counters;
  private final BlockingQueue<Item> queue;
  private final Thread writer;
  private volatile boolean closed;
  private volatile Connection current;

  OutboundLink(
      TransportConfig config, long peerId, PeerTransport.Listener listener, PeerCounters counters) {
    this.config = config;
    this.peerId = peerId;
    this.address = config.peers().get(peerId);
    this.listener = listener;
    this.counters = counters;
    // One slot more than the limit, so the BROKEN marker finds room even in a full queue.
    this.queue = new ArrayBlockingQueue<>(config.sendQueueMax() + 1);
    this.writer = new Thread(this::run, "paddock-quorum-send-" + config.myId() + "-to-" + peerId);
    writer.setDaemon(true);
  }

  void start() {
    writer.start();
  }

  /** Queues {@code envelope} (with {@code attachment} if not null), or drops and counts it. */
  void send(Envelope envelope, CompletableFuture<byte[]> attachment) {
    Connection connection = current;
    if (closed || connection == null || connection.down.get()) {
      counters.dropped.incrementAndGet();
      return;
    }
    // remainingCapacity() > 1 keeps the last slot for BROKEN; a race between two senders may
    // take it, and then the writer notices the broken socket on its next write instead.
    if (queue.remainingCapacity() <= 1 || !queue.offer(new Item(envelope, attachment))) {
      counters.dropped.incrementAndGet();
    }
  }

  boolean isConnected() {
    Connection connection = current;
    return connection != null && !connection.down.get();
  }

  int queued() {
    return queue.size();
  }

  /** Stops the writer and closes the connection; waits up to {@code joinMs} for the threads. */
  void close(long joinMs) throws InterruptedException {
    closed = true;
    Connection connection = current;
    if (connection != null) {
      connection.closeSocket();
    }
    writer.interrupt();
    writer.join(joinMs);
    // The writer may have connected again meanwhile; it closes that connection itself on seeing
    // closed, so the last connection's watcher ends too.
    connection = current;
    if (connection != null) {
      connection.closeSocket();
      connection.watcher.join(joinMs);
    }
  }

  Thread writerThread() {
    return writer;
  }

  private void run() {
    int backoffMs = config.reconnectBackoffMinMs();
    String lastFailure = null;
    while (!closed) {
      Connection connection;
      try {
        connection = connect();
      } catch (IOException | RuntimeException e) {
        String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        // Log a failure once, not every back-off period while the peer stays down.
        LOG.log(
            failure.equals(lastFailure) ? Level.DEBUG : Level.INFO,
            "server {0}: cannot connect to server {1} at {2}: {3}",
            config.myId(),
            peerId,
            address,
            failure);
        lastFailure = failure;
        if (!pause(backoffMs)) {
          return;
        }
        backoffMs = (int) Math.min((long) backoffMs * 2, config.reconnectBackoffMaxMs());
        continue;
      }
      lastFailure = null;
      backoffMs = config.reconnectBackoffMinMs();
      current = connection;
      connection.watcher.start();
      LOG.log(Level.DEBUG, "server {0}: connected to server {1}", config.myId(), peerId);
      listener.onPeerConnected(peerId);
      if (closed) {
        connection.closeSocket();
        return;
      }
      writeUntilBroken(connection);
      // Whatever is queued was meant for the broken connection.
      List<Item> stale = new ArrayList<>();
      queue.drainTo(stale);
      counters.dropped.addAndGet(stale.stream().filter(item -> item.envelope() != null).count());
      if (!closed && !pause(config.reconnectBackoffMinMs())) {
        return;
      }
    }
  }

  /** Sleeps before the next attempt; false if the link was closed meanwhile. */
  private boolean pause(long ms) {
    try {
      Thread.sleep(ms);
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Connection connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, config.connectTimeoutMs());
      socket.setSoTimeout(config.connectTimeoutMs());
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES));
      Handshake.writeHello(out, config.myId(), peerId, config.ensembleId());
      out.flush();
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      int status = Handshake.readReply(in);
      if (status != Handshake.ACCEPTED) {
        throw new IOException("refused: " + Handshake.describe(status));
      }
      socket.setSoTimeout(0);
      return new Connection(socket, out, in);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void writeUntilBroken(Connection connection) {
    FrameWriter frames = new FrameWriter(connection.out, config.frameBytesMax());
    try {
      while (!closed && !connection.down.get()) {
        Item item = queue.take();
        if (item.envelope() == null) {
          continue; // BROKEN: the loop condition sees the broken connection
        }
        boolean written;
        try {
          written = write(connection, frames, item);
        } catch (IOException e) {
          counters.dropped.incrementAndGet(); // the one in flight
          throw e;
        }
        (written ? counters.sent : counters.dropped).incrementAndGet();
        // Flush when the queue runs dry: a burst goes out in few segments, a lone message at once.
        if (queue.isEmpty()) {
          frames.flush();
        }
      }
    } catch (IOException e) {
      connection.broken("write failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // close() interrupts; the caller's loop ends
      connection.closeSocket();
    }
  }

  /** Writes one item; false if it was dropped instead. */
  private boolean write(Connection connection, FrameWriter frames, Item item)
      throws IOException, InterruptedException {
    byte[] message;
    try {
      message = MessageCodec.encode(item.envelope().message());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "server {0}: cannot encode {1}: {2}", config.myId(), item, e);
      return false;
    }
    if (!frames.fits(message.length, item.attachment() != null)) {
      LOG.log(
          Level.WARNING,
          "server {0}: dropped a {1} of {2} bytes to server {3}: over frameBytesMax {4}",
          config.myId(),
          item.envelope().message().getClass().getSimpleName(),
          message.length,
          peerId,
          config.frameBytesMax());
      return false;
    }
    if (item.attachment() == null) {
      frames.message(message);
      return true;
    }
    byte[] attachment = awaitAttachment(item);
    if (attachment == null) {
      // The receiver expects the attachment; resetting the link makes it start over cleanly.
      connection.broken("attachment of a " + item.envelope().message() + " failed");
      return false;
    }
    frames.messageWithAttachment(message, attachment);
    frames.flush();
    return true;
  }

  /** The attachment's bytes, or null if it failed or is too large. */
  private byte[] awaitAttachment(Item item) throws InterruptedException {
    byte[] bytes;
    try {
      bytes = item.attachment().get();
    } catch (ExecutionException | CancellationException e) {
      LOG.log(
          Level.WARNING,
          "server {0}: attachment for server {1} failed: {2}",
          config.myId(),
          peerId,
          e.getCause() == null ? e : e.getCause());
      return null;
    }
    if (bytes == null || bytes.length > config.attachmentBytesMax()) {
      LOG.log(
          Level.WARNING,
          "server {0}: attachment for server {1} is {2}: over attachmentBytesMax {3}",
          config.myId(),
          peerId,
          bytes == null ? "null" : bytes.length + " bytes",
          config.attachmentBytesMax());
      return null;
    }
    return bytes;
  }

  /** One established connection to the peer. */
  private final class Connection {
    final Socket socket;
    final DataOutputStream out;
    final InputStream in;
    final AtomicBoolean down = new AtomicBoolean();
    final Thread watcher;

    Connection(Socket socket, DataOutputStream out, InputStream in) {
      this.socket = socket;
      this.out = out;
      this.in = in;
      this.watcher =
          new Thread(this::watch, "paddock-quorum-watch-" + config.myId() + "-to-" + peerId);
      watcher.setDaemon(true);
    }

    /** Blocks reading: the peer never sends on this connection, so any return means it ended. */
    private void watch() {
      String reason;
      try {
        int b = in.read();
        reason = b < 0 ? "closed by the peer" : "the peer sent bytes on a send-only connection";
      } catch (IOException e) {
        reason = e.getMessage();
      }
      broken(reason);
    }

    /** Marks this connection broken, once: closes it, tells the listener, wakes the writer. */
    void broken(String reason) {
      if (!down.compareAndSet(false, true)) {
        return;
      }
      closeSocket();
      if (closed) {
        return;
      }
      LOG.log(
          Level.INFO,
          "server {0}: connection to server {1} broke: {2}",
          config.myId(),
          peerId,
          reason);
      listener.onPeerDisconnected(peerId);
      if (!queue.offer(BROKEN)) {
        LOG.log(Level.DEBUG, "send queue full; the writer will find the socket closed");
      }
    }

    void closeSocket() {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing the connection to server {0}: {1}", peerId, e);
      }
    }
  }
}
