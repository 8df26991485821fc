package io.paddock.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Reads back a body stored as frames ({@link SnapshotFormat#CODEC_FRAMED}, written by {@link
 * FramedOutput}): raw frames pass straight through, deflated ones are inflated whole into one
 * buffer. Every frame header is checked before anything is allocated for it, so a damaged length
 * cannot claim more than {@link SnapshotFormat#FRAME_BYTES_MAX} bytes. Framing errors are {@link
 * ZipException}s, a body cut short is an {@link EOFException}. Single thread; close releases the
 * inflater but not the source.
 */
final class FramedInput extends InputStream {
  private final InputStream source;
  private final Inflater inflater = new Inflater();
  private final byte[] header = new byte[SnapshotFormat.FRAME_HEADER_BYTES];
  private byte[] stored = new byte[0];
  private byte[] inflated = new byte[0];
  private boolean deflatedFrame;
  private int rawLeft; // bytes of the current frame not yet returned
  private int inflatedPosition;

  FramedInput(InputStream source) {
    this.source = source;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (rawLeft == 0) {
      if (!nextFrame()) {
        return -1;
      }
    }
    int n;
    if (deflatedFrame) {
      n = Math.min(len, rawLeft);
      System.arraycopy(inflated, inflatedPosition, b, off, n);
      inflatedPosition += n;
    } else {
      n = source.read(b, off, Math.min(len, rawLeft));
      if (n < 0) {
        throw new EOFException("frame cut short by " + rawLeft + " bytes");
      }
    }
    rawLeft -= n;
    return n;
  }

  /** Reads the next frame's header (and inflates it); false at the end of the body. */
  private boolean nextFrame() throws IOException {
    int got = readUpTo(header, header.length);
    if (got == 0) {
      return false;
    }
    if (got < header.length) {
      throw new EOFException("frame header cut short");
    }
    ByteBuffer h = ByteBuffer.wrap(header);
    byte kind = h.get();
    int raw = h.getInt();
    int storedBytes = h.getInt();
    if (raw < 1 || raw > SnapshotFormat.FRAME_BYTES_MAX) {
      throw new ZipException("frame of " + raw + " bytes");
    }
    if (kind == SnapshotFormat.FRAME_RAW) {
      if (storedBytes != raw) {
        throw new ZipException("raw frame of " + raw + " bytes stores " + storedBytes);
      }
      deflatedFrame = false;
    } else if (kind == SnapshotFormat.FRAME_DEFLATE) {
      if (storedBytes < 1 || storedBytes >= raw) {
        throw new ZipException("deflated frame of " + raw + " bytes stores " + storedBytes);
      }
      inflate(raw, storedBytes);
      deflatedFrame = true;
      inflatedPosition = 0;
    } else {
      throw new ZipException("unknown frame kind " + kind);
    }
    rawLeft = raw;
    return true;
  }

  private void inflate(int raw, int storedBytes) throws IOException {
    // Frames are mostly of one size, so the buffers grow a few times at most.
    if (stored.length < storedBytes) {
      stored = new byte[storedBytes];
    }
    if (inflated.length < raw) {
      inflated = new byte[raw];
    }
    if (readUpTo(stored, storedBytes) < storedBytes) {
      throw new EOFException("deflated frame cut short");
    }
    inflater.reset();
    inflater.setInput(stored, 0, storedBytes);
    int n = 0;
    try {
      while (n < raw && !inflater.finished()) {
        int step = inflater.inflate(inflated, n, raw - n);
        if (step == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += step;
      }
    } catch (DataFormatException e) {
      throw new ZipException("deflated frame: " + e.getMessage());
    }
    if (n != raw || !inflater.finished() || inflater.getRemaining() != 0) {
      throw new ZipException("deflated frame of " + raw + " bytes inflates to " + n + " or more");
    }
  }

  /** Reads up to {@code wanted} bytes into {@code b}; fewer only at the end of the source. */
  private int readUpTo(byte[] b, int wanted) throws IOException {
    int got = 0;
    while (got < wanted) {
      int n = source.read(b, got, wanted - got);
      if (n < 0) {
        break;
      }
      got += n;
    }
    return got;
  }

  @Override
  public void close() {
    inflater.end();
  }
}
