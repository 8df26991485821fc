package io.paddock.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Splits one connection's byte stream into frames: a 4-byte big-endian payload length, then that
 * many bytes. Feed it whatever a read returned ({@link #feed}); take complete payloads with {@link
 * #nextFrame} until it returns {@code null}. No sockets inside, so the NIO server, the client and
 * tests use it the same way. One instance per connection; not thread-safe.
 *
 * <p>Limits: a length below 0 or above {@code frameBytesMax} is a {@link WireFormatException}, and
 * it is detected as soon as the 4 length bytes are in, before the payload is buffered. Memory held
 * is at most one frame plus one fed chunk. {@link #DEFAULT_FRAME_BYTES_MAX} follows ZooKeeper: its
 * {@code jute.maxbuffer} default of 0xfffff (1 MiB - 1) bounds a znode's data, and the server
 * allows 1024 bytes on top for the header, path and ACLs that travel with it.
 *
 * <p>Four-letter words: {@link #firstInt()} exposes the first 4 bytes of the connection; the server
 * checks {@link #fourLetterWord()} before taking the first frame. Forgetting to is safe: every
 * word, read as a length, exceeds any sane limit and {@link #nextFrame} rejects it.
 */
public final class FrameDecoder {
  /** 0xfffff (ZooKeeper's {@code jute.maxbuffer} default) + 1024 bytes of slack. */
  public static final int DEFAULT_FRAME_BYTES_MAX = 0xfffff + 1024;

  private static final int INITIAL_CAPACITY_BYTES = 256;

  private final int frameBytesMax;
  private byte[] buf = new byte[INITIAL_CAPACITY_BYTES];
  private int head;
  private int tail;
  private long streamOffset; // stream offset of buf[head], for error messages
  private boolean firstIntKnown;
  private int firstInt;

  public FrameDecoder(int frameBytesMax) {
    if (frameBytesMax < 0) {
      throw new IllegalArgumentException("frameBytesMax must be >= 0: " + frameBytesMax);
    }
    this.frameBytesMax = frameBytesMax;
  }

  public FrameDecoder() {
    this(DEFAULT_FRAME_BYTES_MAX);
  }

  public int frameBytesMax() {
    return frameBytesMax;
  }

  /** Bytes fed but not yet returned as frames. */
  public int bufferedBytes() {
    return tail - head;
  }

  /**
   * Appends all remaining bytes of {@code src} (advancing its position).
   *
   * @throws WireFormatException if the next pending frame's length is already known to be bad
   *     (except for a four-letter word at the start of the stream, left for the server to handle)
   */
  public void feed(ByteBuffer src) {
    int n = src.remaining();
    ensureRoom(n);
    src.get(buf, tail, n);
    tail += n;
    noteFirstInt();
  }

  public void feed(byte[] bytes, int offset, int length) {
    feed(ByteBuffer.wrap(bytes, offset, length));
  }

  /** The connection's first 4 bytes as a big-endian int, once they have arrived. */
  public OptionalInt firstInt() {
    return firstIntKnown ? OptionalInt.of(firstInt) : OptionalInt.empty();
  }

  /**
   * The four-letter command the connection opened with, or {@code null} if it did not (or if fewer
   * than 4 bytes have arrived yet; see {@link #firstInt()}).
   */
  public String fourLetterWord() {
    return firstIntKnown ? FourLetterWords.parse(firstInt) : null;
  }

  /**
   * The next complete payload (without its length prefix), or {@code null} if more bytes are
   * needed.
   *
   * @throws WireFormatException if the pending length is negative or above {@code frameBytesMax};
   *     the stream cannot be resynchronised, so the connection must be closed
   */
  public byte[] nextFrame() {
    if (tail - head < 4) {
      return null;
    }
    int len = readLength();
    if (tail - head - 4 < len) {
      return null;
    }
    byte[] payload = Arrays.copyOfRange(buf, head + 4, head + 4 + len);
    head += 4 + len;
    streamOffset += 4L + len;
    if (head == tail) {
      head = 0;
      tail = 0;
    }
    return payload;
  }

  private int readLength() {
    int len =
        ((buf[head] & 0xff) << 24)
            | ((buf[head + 1] & 0xff) << 16)
            | ((buf[head + 2] & 0xff) << 8)
            | (buf[head + 3] & 0xff);
    if (len < 0 || len > frameBytesMax) {
      String word = FourLetterWords.parse(len);
      throw new WireFormatException(
          "frame length "
              + len
              + " at stream offset "
              + streamOffset
              + " is outside [0, "
              + frameBytesMax
              + "]"
              + (word == null ? "" : " (it reads as the four-letter word '" + word + "')"));
    }
    return len;
  }

  private void noteFirstInt() {
    if (!firstIntKnown && streamOffset == 0 && tail - head >= 4) {
      firstIntKnown = true;
      firstInt =
          ((buf[head] & 0xff) << 24)
              | ((buf[head + 1] & 0xff) << 16)
              | ((buf[head + 2] & 0xff) << 8)
              | (buf[head + 3] & 0xff);
    }
    boolean openedWithWord = streamOffset == 0 && fourLetterWord() != null;
    if (tail - head >= 4 && !openedWithWord) {
      readLength(); // fail fast, before a hostile length makes us buffer its payload
    }
  }

  private void ensureRoom(int extraBytes) {
    if (buf.length - tail >= extraBytes) {
      return;
    }
    int live = tail - head;
    long needed = (long) live + extraBytes;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new WireFormatException("cannot buffer " + needed + " bytes");
    }
    if (needed <= buf.length) {
      System.arraycopy(buf, head, buf, 0, live);
    } else {
      byte[] bigger =
          new byte[(int) Math.max(needed, Math.min(2L * buf.length, Integer.MAX_VALUE - 8))];
      System.arraycopy(buf, head, bigger, 0, live);
      buf = bigger;
    }
    head = 0;
    tail = live;
  }
}
