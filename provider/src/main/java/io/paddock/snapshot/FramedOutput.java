package io.paddock.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * Stores a snapshot body as frames ({@link SnapshotFormat#CODEC_FRAMED}): each frame is deflated
 * when that makes it at least an eighth smaller, and stored as it is otherwise.
 *
 * <p>Why frames rather than one deflate stream: znode data is often incompressible (random ids,
 * already compressed or encrypted values), and inflating such bytes costs a restart as much as
 * inflating the structure around them, for nothing. The encoder puts a block's structure and its
 * data into separate sections ({@link #startSection}); a frame never spans two, so the structure is
 * deflated (paths and stats shrink several times) while incompressible data is copied on load.
 *
 * <p>A section that did not compress is likely not to compress next time either: after a frame of a
 * section was stored raw, the next {@link #RETRY_EVERY} - 1 frames of that section are stored raw
 * without trying, which keeps the snapshot thread from deflating megabytes in vain.
 */
final class FramedOutput extends OutputStream {
  static final int SECTION_STRUCTURE = 0;
  static final int SECTION_DATA = 1;
  private static final int SECTIONS = 2;
  private static final int RETRY_EVERY = 8;
  private static final int TRY_BYTES_MIN = 512;

  private final OutputStream sink;
  private final byte[] frame;
  private final byte[] deflated;
  private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
  private final int[] skipsLeft = new int[SECTIONS];
  private final ByteBuffer frameHeader = ByteBuffer.allocate(SnapshotFormat.FRAME_HEADER_BYTES);
  private int section = SECTION_STRUCTURE;
  private int length;

  /**
   * @param frameBytes the largest frame written, at most {@link SnapshotFormat#FRAME_BYTES_MAX}
   */
  FramedOutput(OutputStream sink, int frameBytes) {
    if (frameBytes < 1 || frameBytes > SnapshotFormat.FRAME_BYTES_MAX) {
      throw new IllegalArgumentException("frame of " + frameBytes + " bytes");
    }
    this.sink = sink;
    this.frame = new byte[frameBytes];
    this.deflated = new byte[frameBytes];
  }

  /** Ends the current frame; what follows belongs to {@code kind}. */
  void startSection(int kind) throws IOException {
    endFrame();
    section = kind;
  }

  @Override
  public void write(int b) throws IOException {
    if (length == frame.length) {
      endFrame();
    }
    frame[length++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (length == frame.length) {
        endFrame();
      }
      int n = Math.min(len - done, frame.length - length);
      System.arraycopy(b, off + done, frame, length, n);
      length += n;
      done += n;
    }
  }

  /** Ends the last frame and flushes the sink. Call once, after the last byte of the body. */
  void finish() throws IOException {
    endFrame();
    sink.flush();
  }

  /** Releases the deflater. */
  @Override
  public void close() {
    deflater.end();
  }

  private void endFrame() throws IOException {
    if (length == 0) {
      return;
    }
    int stored = -1;
    if (length < TRY_BYTES_MIN) {
      // small: raw, and no lesson for the section
    } else if (skipsLeft[section] > 0) {
      skipsLeft[section]--;
    } else {
      stored = deflate();
      skipsLeft[section] = stored < 0 ? RETRY_EVERY - 1 : 0;
    }
    if (stored < 0) {
      writeFrame(SnapshotFormat.FRAME_RAW, frame, length);
    } else {
      writeFrame(SnapshotFormat.FRAME_DEFLATE, deflated, stored);
    }
    length = 0;
  }

  /** The deflated size of the frame, or -1 if deflating does not save an eighth of it. */
  private int deflate() {
    int limit = length - length / 8 - 1;
    deflater.reset();
    deflater.setInput(frame, 0, length);
    deflater.finish();
    int n = 0;
    while (!deflater.finished() && n < limit) {
      n += deflater.deflate(deflated, n, limit - n);
    }
    return deflater.finished() ? n : -1;
  }

  private void writeFrame(byte kind, byte[] bytes, int stored) throws IOException {
    frameHeader.clear();
    frameHeader.put(kind).putInt(length).putInt(stored);
    sink.write(frameHeader.array(), 0, SnapshotFormat.FRAME_HEADER_BYTES);
    sink.write(bytes, 0, stored);
  }
}
