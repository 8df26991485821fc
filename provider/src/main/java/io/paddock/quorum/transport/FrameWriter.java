package io.paddock.quorum.transport;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Writes frames (see {@link FrameReader} for the format) to one connection. Not thread-safe: one
 * writer thread owns it.
 */
final class FrameWriter {
  /** Bytes of attachment per chunk frame, at most; small enough to keep other links flowing. */
  static final int CHUNK_BYTES_MAX = 64 * 1024;

  private final DataOutputStream out;
  private final int frameBytesMax;
  private final CRC32C crc = new CRC32C();

  FrameWriter(DataOutputStream out, int frameBytesMax) {
    this.out = out;
    this.frameBytesMax = frameBytesMax;
  }

  /** True if a message of {@code messageBytes} fits in a frame, with or without an attachment. */
  boolean fits(int messageBytes, boolean withAttachment) {
    return (long) messageBytes + (withAttachment ? 5 : 1) <= frameBytesMax;
  }

  /** One message frame. */
  void message(byte[] message) throws IOException {
    frame(FrameReader.KIND_MESSAGE, null, message, 0, message.length);
  }

  /** A message frame announcing {@code attachment}, then the attachment in chunk frames. */
  void messageWithAttachment(byte[] message, byte[] attachment) throws IOException {
    byte[] size = {
      (byte) (attachment.length >>> 24),
      (byte) (attachment.length >>> 16),
      (byte) (attachment.length >>> 8),
      (byte) attachment.length
    };
    frame(FrameReader.KIND_MESSAGE_WITH_ATTACHMENT, size, message, 0, message.length);
    int chunkBytes = Math.min(CHUNK_BYTES_MAX, frameBytesMax - 1);
    for (int offset = 0; offset < attachment.length; offset += chunkBytes) {
      frame(
          FrameReader.KIND_CHUNK,
          null,
          attachment,
          offset,
          Math.min(chunkBytes, attachment.length - offset));
    }
  }

  void flush() throws IOException {
    out.flush();
  }

  private void frame(int kind, byte[] prefix, byte[] body, int offset, int length)
      throws IOException {
    int prefixBytes = prefix == null ? 0 : prefix.length;
    int frameBytes = 1 + prefixBytes + length;
    if (frameBytes > frameBytesMax) {
      // Callers check fits() first; a frame the receiver would refuse must never leave.
      throw new IllegalStateException("frame of " + frameBytes + " bytes over " + frameBytesMax);
    }
    crc.reset();
    crc.update(kind);
    if (prefix != null) {
      crc.update(prefix, 0, prefix.length);
    }
    crc.update(body, offset, length);
    out.writeInt(frameBytes);
    out.writeInt((int) crc.getValue());
    out.writeByte(kind);
    if (prefix != null) {
      out.write(prefix);
    }
    out.write(body, offset, length);
  }
}
