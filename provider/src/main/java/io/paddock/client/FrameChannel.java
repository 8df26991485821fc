package io.paddock.client;

import io.paddock.wire.FrameDecoder;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * One non-blocking TCP connection to one server, framed: queued frames out, complete payloads in.
 * Owned by the I/O thread; knows nothing of the protocol above the frames.
 */
final class FrameChannel implements AutoCloseable {
  /** Reads per readiness event, so one busy connection cannot starve the timers. */
  private static final int READS_PER_WAKEUP_MAX = 16;

  private static final int READ_BUFFER_BYTES = 64 * 1024;
  private static final int GATHER_MAX = 64;

  /** Receives the complete payloads of one read. */
  @FunctionalInterface
  interface FrameSink {
    void onFrame(byte[] payload) throws IOException;
  }

  private final SocketChannel channel;
  private final SelectionKey key;
  private final FrameDecoder decoder;
  private final InetSocketAddress remote;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private final ArrayDeque<ByteBuffer> writes = new ArrayDeque<>();
  private long queuedBytes;
  private boolean closed;

  private FrameChannel(
      SocketChannel channel, SelectionKey key, FrameDecoder decoder, InetSocketAddress remote) {
    this.channel = channel;
    this.key = key;
    this.decoder = decoder;
    this.remote = remote;
  }

  /**
   * Starts a non-blocking connect to {@code remote} (resolved).
   *
   * @throws IOException if the connect fails at once
   */
  static FrameChannel open(Selector selector, InetSocketAddress remote, int replyFrameBytesMax)
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = ch.register(selector, SelectionKey.OP_CONNECT);
      FrameChannel fc = new FrameChannel(ch, key, new FrameDecoder(replyFrameBytesMax), remote);
      if (ch.connect(remote)) {
        key.interestOps(SelectionKey.OP_READ);
      }
      return fc;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  InetSocketAddress remote() {
    return remote;
  }

  SelectionKey key() {
    return key;
  }

  boolean isTcpConnected() {
    return channel.isConnected();
  }

  /** Completes the TCP connect; true once connected (then interest is read). */
  boolean finishConnect() throws IOException {
    if (!channel.finishConnect()) {
      return false;
    }
    key.interestOps(SelectionKey.OP_READ | (writes.isEmpty() ? 0 : SelectionKey.OP_WRITE));
    return true;
  }

  /** Queues a complete frame; {@link #flush} writes it. */
  void send(byte[] frame) {
    writes.addLast(ByteBuffer.wrap(frame));
    queuedBytes += frame.length;
  }

  long queuedBytes() {
    return queuedBytes;
  }

  /** Writes as much as the socket takes; asks for write readiness if some is left. */
  void flush() throws IOException {
    if (closed || !channel.isConnected()) {
      return;
    }
    while (!writes.isEmpty()) {
      ByteBuffer[] batch = writes.stream().limit(GATHER_MAX).toArray(ByteBuffer[]::new);
      long written = channel.write(batch);
      queuedBytes -= written;
      while (!writes.isEmpty() && !writes.peekFirst().hasRemaining()) {
        writes.pollFirst();
      }
      if (written == 0) {
        break;
      }
    }
    int ops = SelectionKey.OP_READ | (writes.isEmpty() ? 0 : SelectionKey.OP_WRITE);
    if (key.isValid() && key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  /**
   * Reads what is available and hands each complete payload to {@code sink}, stopping early if the
   * sink closes this channel.
   *
   * @return whether any bytes arrived
   * @throws EOFException when the server closed the connection
   */
  boolean read(FrameSink sink) throws IOException {
    boolean any = false;
    for (int i = 0; i < READS_PER_WAKEUP_MAX && !closed; i++) {
      readBuffer.clear();
      int n = channel.read(readBuffer);
      if (n < 0) {
        throw new EOFException("server " + remote + " closed the connection");
      }
      if (n == 0) {
        break;
      }
      any = true;
      readBuffer.flip();
      decoder.feed(readBuffer);
      byte[] payload;
      while (!closed && (payload = decoder.nextFrame()) != null) {
        sink.onFrame(payload);
      }
    }
    return any;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    key.cancel();
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the connection is being abandoned either way.
    }
  }
}
