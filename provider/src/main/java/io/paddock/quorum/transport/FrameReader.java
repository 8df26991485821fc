package io.paddock.quorum.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * Reads the frames that follow the {@link Handshake} on a peer connection.
 *
 * <pre>
 *   frame := length:i32 crc32c:i32 kind:u8 payload     (length = 1 + payload bytes)
 *   kind  := 1 MESSAGE                  payload = message
 *            2 MESSAGE_WITH_ATTACHMENT  payload = attachmentBytes:i32 message,
 *                                       then chunk frames carrying exactly attachmentBytes
 *            3 CHUNK                    payload = the next bytes of the attachment
 * </pre>
 *
 * {@code message} is {@link MessageCodec}'s format; the CRC-32C covers kind and payload. A length
 * outside {@code 1..frameBytesMax} is refused before anything is allocated, so a hostile or damaged
 * length cannot make the reader allocate more than one frame's limit.
 */
final class FrameReader {
  static final int KIND_MESSAGE = 1;
  static final int KIND_MESSAGE_WITH_ATTACHMENT = 2;
  static final int KIND_CHUNK = 3;

  /** One frame: its kind and payload. */
  record Frame(int kind, byte[] payload) {}

  private final DataInputStream in;
  private final int frameBytesMax;
  private final CRC32C crc = new CRC32C();

  FrameReader(DataInputStream in, int frameBytesMax) {
    this.in = in;
    this.frameBytesMax = frameBytesMax;
  }

  /**
   * The next frame; blocks until it has arrived.
   *
   * @throws java.io.EOFException if the connection ends
   * @throws MalformedMessageException if the frame is over the limit, damaged or of unknown kind
   */
  Frame next() throws IOException {
    int length = in.readInt();
    if (length < 1 || length > frameBytesMax) {
      throw new MalformedMessageException(
          "frame length " + length + " outside 1.." + frameBytesMax + " (frameBytesMax)");
    }
    int expectedCrc = in.readInt();
    int kind = in.readUnsignedByte();
    byte[] payload = new byte[length - 1];
    in.readFully(payload);
    crc.reset();
    crc.update(kind);
    crc.update(payload, 0, payload.length);
    if ((int) crc.getValue() != expectedCrc) {
      throw new MalformedMessageException("frame checksum mismatch (kind " + kind + ")");
    }
    if (kind < KIND_MESSAGE || kind > KIND_CHUNK) {
      throw new MalformedMessageException("unknown frame kind " + kind);
    }
    return new Frame(kind, payload);
  }
}
