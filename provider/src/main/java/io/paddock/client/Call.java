package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.api.PaddockException;
import io.paddock.wire.OpCode;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Response;
import java.util.concurrent.CompletableFuture;

/**
 * One request from the API: its encoded frame, how to read its reply, the watch it leaves and the
 * future the caller holds. The xid is patched into the frame when the {@link Outbox} accepts it, so
 * xid order is queue order.
 */
final class Call<T> {
  private final OpCode op;
  private final String clientPath;
  private final byte[] frame;
  private final ReplyDecoder<T> decoder;
  private final WatchRegistration watch;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private int xid;
  private long deadlineNanos;
  private long sentNanos;

  Call(
      OpCode op,
      String clientPath,
      byte[] frame,
      ReplyDecoder<T> decoder,
      WatchRegistration watch) {
    this.op = op;
    this.clientPath = clientPath;
    this.frame = frame;
    this.decoder = decoder;
    this.watch = watch;
  }

  OpCode op() {
    return op;
  }

  String clientPath() {
    return clientPath;
  }

  /** The complete frame (length prefix included). */
  byte[] frame() {
    return frame;
  }

  /** Payload bytes, as the server's frame limit counts them. */
  int payloadBytes() {
    return frame.length - 4;
  }

  CompletableFuture<T> future() {
    return future;
  }

  int xid() {
    return xid;
  }

  /** Sets the xid, in the header field right after the 4-byte length prefix. */
  void assignXid(int value) {
    this.xid = value;
    frame[4] = (byte) (value >>> 24);
    frame[5] = (byte) (value >>> 16);
    frame[6] = (byte) (value >>> 8);
    frame[7] = (byte) value;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  void deadlineNanos(long value) {
    this.deadlineNanos = value;
  }

  long sentNanos() {
    return sentNanos;
  }

  void sentNanos(long value) {
    this.sentNanos = value;
  }

  /**
   * Handles the reply on the I/O thread: registers the watch the reply earns, decodes the result,
   * and schedules the completion on the event thread (so it runs after every event the server sent
   * before this reply).
   */
  void onReply(
      ReplyHeader header, Response body, ClientWatchRegistry watches, EventDispatcher out) {
    if (watch != null) {
      WatchKind kind = watch.kindFor(header.err());
      if (kind != null) {
        watches.add(kind, watch.clientPath(), watch.watcher());
      }
    }
    try {
      T value = decoder.decode(header, body);
      out.execute(() -> future.complete(value));
    } catch (PaddockException e) {
      out.execute(() -> future.completeExceptionally(e));
    } catch (RuntimeException e) {
      // A decoder bug must not kill the I/O thread; the caller still gets a clear failure.
      PaddockException pe = Errors.withCause(ErrorCode.MARSHALLING_ERROR, clientPath, e);
      out.execute(() -> future.completeExceptionally(pe));
    }
  }

  /** Fails the call on the event thread (keeping completion order with replies). */
  void fail(PaddockException e, EventDispatcher out) {
    out.execute(() -> future.completeExceptionally(e));
  }

  @Override
  public String toString() {
    return op + "(xid=" + xid + ", path=" + clientPath + ")";
  }
}
