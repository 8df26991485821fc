package io.paddock.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian reads of a snapshot body from a stream, through one buffer and without locks. A body
 * holds millions of small fields; {@code DataInputStream} over {@code BufferedInputStream} reads
 * each int as four synchronized single-byte calls, which showed in restart profiles. Single thread;
 * a premature end of the stream is an {@link EOFException}, as with DataInputStream.
 */
final class BodyInput {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final InputStream NOTHING = InputStream.nullInputStream();

  private final InputStream in;
  private final byte[] buffer;
  private int position;
  private int limit;

  /** Reads {@code bytes[0, length)} in place, without copying them. */
  static BodyInput over(byte[] bytes, int length) {
    BodyInput b = new BodyInput(NOTHING, bytes);
    b.limit = length;
    return b;
  }

  private BodyInput(InputStream in, byte[] buffer) {
    this.in = in;
    this.buffer = buffer;
  }

  /**
   * @param bufferBytes at least 8, so a long always fits
   */
  BodyInput(InputStream in, int bufferBytes) {
    if (bufferBytes < Long.BYTES) {
      throw new IllegalArgumentException("buffer of " + bufferBytes + " bytes");
    }
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  int readInt() throws IOException {
    ensure(Integer.BYTES);
    int v = (int) INT.get(buffer, position);
    position += Integer.BYTES;
    return v;
  }

  long readLong() throws IOException {
    ensure(Long.BYTES);
    long v = (long) LONG.get(buffer, position);
    position += Long.BYTES;
    return v;
  }

  /** Fills {@code target[0, length)}. */
  void readFully(byte[] target, int length) throws IOException {
    int done = 0;
    while (done < length) {
      if (position == limit && !refill()) {
        throw new EOFException("stream ended " + (length - done) + " bytes early");
      }
      int n = Math.min(limit - position, length - done);
      System.arraycopy(buffer, position, target, done, n);
      position += n;
      done += n;
    }
  }

  /** True when nothing is left in the stream. */
  boolean atEnd() throws IOException {
    return position == limit && !refill();
  }

  /** Makes {@code bytes} contiguous bytes available at {@link #position}. */
  private void ensure(int bytes) throws IOException {
    if (limit - position >= bytes) {
      return;
    }
    int kept = limit - position;
    System.arraycopy(buffer, position, buffer, 0, kept);
    position = 0;
    limit = kept;
    while (limit < bytes) {
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw new EOFException("stream ended " + (bytes - limit) + " bytes early");
      }
      limit += n;
    }
  }

  /** Reads the next chunk into an empty buffer; false at the end of the stream. */
  private boolean refill() throws IOException {
    position = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }
}
