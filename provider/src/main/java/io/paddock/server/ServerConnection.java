package io.paddock.server;

import io.paddock.api.Id;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection as both threads see it. The selector thread reads, frames and writes; the
 * processor thread queues replies with {@link #send} and reads the session fields, which only it
 * writes. Outbound frames wait in a lock-free queue; the selector thread drains it with gathering
 * writes.
 *
 * <p>One exception: the answer to a connection's only outstanding request is written by the thread
 * that produced it, straight away ({@link #reply}). A client that waits for each answer before it
 * asks again (the usual synchronous caller) then does not pay for waking the selector thread, a
 * hand-off that cost tens of microseconds per request here; a client with requests in flight keeps
 * the batching of the selector thread's gathering writes. Whoever writes holds {@code flushing}, so
 * frames never interleave and leave in the order they were queued.
 */
final class ServerConnection {
  /** Written and read by the processor thread only. */
  static final class SessionView {
    long sessionId;
    int timeoutMs;
    boolean established;
    final List<Id> authIds = new ArrayList<>(2);
  }

  private final long connectionId;
  private final SocketChannel channel;
  private final InetSocketAddress remote;
  private final ConnectionLoop loop;
  private final Queue<ByteBuffer> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean flushScheduled = new AtomicBoolean();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final ByteBuffer[] writeBatch = new ByteBuffer[64]; // used by whoever holds flushing
  private final long openedAtMs;
  final SessionView session = new SessionView();

  // Selector-thread state.
  SelectionKey key;
  boolean handshakeDone;

  /** Written by the selector thread; read by the processor to decide whether to resume it. */
  volatile boolean readPaused;

  long packetsReceived;
  long packetsSent;

  /** The counts at the last {@code crst}; processor thread only. */
  long packetsReceivedAtReset;

  long packetsSentAtReset;

  ServerConnection(
      long connectionId,
      SocketChannel channel,
      InetSocketAddress remote,
      ConnectionLoop loop,
      long openedAtMs) {
    this.connectionId = connectionId;
    this.channel = channel;
    this.remote = remote;
    this.loop = loop;
    this.openedAtMs = openedAtMs;
  }

  long connectionId() {
    return connectionId;
  }

  InetSocketAddress remote() {
    return remote;
  }

  long openedAtMs() {
    return openedAtMs;
  }

  SocketChannel channel() {
    return channel;
  }

  boolean isClosed() {
    return closed.get();
  }

  /** Requests handed to the processor and not yet answered. */
  int outstanding() {
    return outstanding.get();
  }

  void requestAdmitted() {
    outstanding.incrementAndGet();
  }

  /** Queues a complete frame (length prefix included); safe from any thread. */
  void send(byte[] frame) {
    if (closed.get()) {
      return;
    }
    outbound.add(ByteBuffer.wrap(frame));
    loop.wantsWrite(this);
  }

  /** Queues the answer to an admitted request; writes it at once if it was the only one. */
  void reply(byte[] frame) {
    if (outstanding.decrementAndGet() == 0 && !closed.get()) {
      outbound.add(ByteBuffer.wrap(frame));
      writeNow();
    } else {
      send(frame);
    }
    loop.replied(this);
  }

  /**
   * Writes what is queued on the calling thread unless another thread is writing; whatever is left
   * (a full socket buffer, frames queued meanwhile) goes to the selector thread.
   */
  private void writeNow() {
    boolean done = false;
    if (flushing.compareAndSet(false, true)) {
      try {
        done = writeQueued();
      } catch (IOException e) {
        close("write failed: " + e.getMessage());
        return;
      } finally {
        flushing.set(false);
      }
    }
    if (!done || hasPendingOutput()) {
      loop.wantsWrite(this);
    }
  }

  /**
   * Forgets an admitted request that will never be answered (its connection or session is gone), so
   * the outstanding counts that throttle reading stay exact.
   */
  void discard() {
    outstanding.decrementAndGet();
    loop.replied(this);
  }

  /** Queues a last frame and closes the connection once it has been written. */
  void sendAndClose(byte[] frame, String reason) {
    send(frame);
    loop.closeAfterFlush(this, reason);
  }

  /** Lets the selector thread read this connection again (after the handshake). */
  void resumeReading() {
    loop.resume(this);
  }

  /** Closes the connection from any thread; the selector thread does the work. */
  void close(String reason) {
    loop.requestClose(this, reason);
  }

  /** True if this call scheduled a flush (none was pending): the caller must queue one. */
  boolean scheduleFlush() {
    return flushScheduled.compareAndSet(false, true);
  }

  /** Called by the selector thread right before it flushes. */
  void flushScheduled() {
    flushScheduled.set(false);
  }

  boolean markClosed() {
    return closed.compareAndSet(false, true);
  }

  /**
   * Writes as much queued output as the socket takes. Returns true when everything queued has been
   * written; false also while another thread is writing (the selector then tries again). Selector
   * thread only.
   */
  boolean flush() throws IOException {
    if (!flushing.compareAndSet(false, true)) {
      return false;
    }
    try {
      return writeQueued();
    } finally {
      flushing.set(false);
    }
  }

  /** The writing itself; the caller holds {@code flushing}. */
  private boolean writeQueued() throws IOException {
    ByteBuffer[] batch = writeBatch;
    while (true) {
      int n = 0;
      for (ByteBuffer b : outbound) {
        batch[n++] = b;
        if (n == batch.length) {
          break;
        }
      }
      if (n == 0) {
        return true;
      }
      try {
        channel.write(batch, 0, n);
        for (int i = 0; i < n; i++) {
          if (batch[i].hasRemaining()) {
            return false;
          }
          outbound.poll();
          packetsSent++;
        }
      } finally {
        Arrays.fill(batch, 0, n, null); // a frame may be large: the queue alone holds it
      }
    }
  }

  boolean hasPendingOutput() {
    return !outbound.isEmpty();
  }

  @Override
  public String toString() {
    return "connection "
        + connectionId
        + " from "
        + remote
        + (session.sessionId != 0 ? " session 0x" + Long.toHexString(session.sessionId) : "");
  }
}
