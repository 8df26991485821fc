package io.paddock.log;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The write-ahead log's on-disk format, version 1.
 *
 * <p>The log is a directory of <em>segments</em>, each named {@code log-} followed by the zxid of
 * its first record as 16 lowercase hex digits, so that names sort in zxid order. Each segment
 * starts with a 32-byte header and continues with records back to back; all integers are
 * big-endian.
 *
 * <pre>
 * header
 *   0  magic      4 bytes  'P' 'D' 'K' 'L'
 *   4  version    i32      1
 *   8  firstZxid  i64      the zxid of the first record; equals the one in the file name
 *   16 prevZxid   i64      the zxid of the last record written before this segment, 0 if none
 *   24 reserved   i32      0
 *   28 headerCrc  i32      CRC32C of bytes 0..27
 * record
 *   0  length     i32      payload bytes, 1..PAYLOAD_BYTES_MAX
 *   4  crc        i32      CRC32C of the length, zxid and payload bytes (0..3, then 8..end)
 *   8  zxid       i64      strictly greater than the previous record's
 *   16 payload    length bytes: one transaction in {@link io.paddock.txn.TxnCodec} format 1
 * </pre>
 *
 * After the last record the file holds zeros up to its end: space reserved ahead of the writes so
 * that a sync need not update the file length. A length of zero therefore marks the end of the log;
 * anything else that fails its checks is a torn or damaged tail.
 *
 * <p>Why these choices. The checksum covers the length, so a damaged length is caught instead of
 * sending the reader off into garbage; it covers the zxid, so a record cannot be mistaken for
 * another. {@code prevZxid} chains the segments: a segment that went missing, or a log that does
 * not reach back to a snapshot, shows as a broken link rather than as a silently shorter history
 * (zxids need not be consecutive: a transaction the disk refused keeps its number but is never
 * written). The first eight bytes (magic and version) stay the same in every future version, so an
 * older server can always tell "newer format" from "damaged".
 */
public final class LogFormat {
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  /** "PDKL": Paddock log. */
  public static final int MAGIC = 0x50444b4c;

  public static final int HEADER_BYTES = 32;
  public static final int RECORD_HEADER_BYTES = 16;

  /**
   * Largest payload accepted: far above any transaction a client can send (a request frame is at
   * most jute.maxbuffer), small enough that a damaged length never asks for a huge buffer.
   */
  public static final int PAYLOAD_BYTES_MAX = 1 << 28;

  static final String PREFIX = "log-";

  private LogFormat() {}

  /** A parsed segment header. */
  public record Header(long firstZxid, long prevZxid) {}

  /** The file name of the segment whose first record has {@code firstZxid}. */
  public static String segmentName(long firstZxid) {
    return PREFIX + String.format(Locale.ROOT, "%016x", firstZxid);
  }

  /** The first zxid encoded in a segment's file name, or -1 if the name is not a segment's. */
  public static long firstZxidOf(String fileName) {
    if (!fileName.startsWith(PREFIX) || fileName.length() != PREFIX.length() + 16) {
      return -1;
    }
    String hex = fileName.substring(PREFIX.length());
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return -1;
      }
    }
    return Long.parseUnsignedLong(hex, 16);
  }

  /** The 32 header bytes of a new segment. */
  public static ByteBuffer header(long firstZxid, long prevZxid) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.putInt(MAGIC).putInt(VERSION).putLong(firstZxid).putLong(prevZxid).putInt(0);
    b.putInt(crc(b.array(), 0, HEADER_BYTES - 4));
    return b.flip();
  }

  /**
   * Parses the first {@link #HEADER_BYTES} of a segment.
   *
   * @throws StorageException if the segment is in a format version this code does not read
   * @throws CorruptFileException if the bytes are not a valid version-1 header
   */
  public static Header parseHeader(ByteBuffer bytes, Path file)
      throws StorageException, CorruptFileException {
    if (bytes.remaining() < HEADER_BYTES) {
      throw new CorruptFileException(
          file + ": header cut short at " + bytes.remaining() + " bytes");
    }
    int at = bytes.position();
    int magic = bytes.getInt(at);
    if (magic != MAGIC) {
      throw new CorruptFileException(
          file + ": not a Paddock log segment (magic 0x" + Integer.toHexString(magic) + ")");
    }
    int version = bytes.getInt(at + 4);
    if (version != VERSION) {
      throw new StorageException(
          file
              + ": log format version "
              + version
              + ", but this server reads version "
              + VERSION
              + " only; it was written by a different Paddock version. Start that version, or"
              + " move the data directory aside to start empty.");
    }
    byte[] raw = new byte[HEADER_BYTES];
    bytes.get(at, raw);
    int expected = bytes.getInt(at + 28);
    int actual = crc(raw, 0, HEADER_BYTES - 4);
    if (expected != actual || bytes.getInt(at + 24) != 0) {
      throw new CorruptFileException(file + ": header checksum mismatch");
    }
    return new Header(bytes.getLong(at + 8), bytes.getLong(at + 16));
  }

  /** Bytes one record takes on disk. */
  public static int recordBytes(int payloadBytes) {
    return RECORD_HEADER_BYTES + payloadBytes;
  }

  /** Appends one record to {@code dst}, which must have room for it. */
  public static void putRecord(ByteBuffer dst, long zxid, byte[] payload) {
    if (payload.length < 1 || payload.length > PAYLOAD_BYTES_MAX) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes; must be 1.." + PAYLOAD_BYTES_MAX);
    }
    dst.putInt(payload.length).putInt(recordCrc(payload.length, zxid, payload)).putLong(zxid);
    dst.put(payload);
  }

  /** The checksum a record with these fields must carry. */
  public static int recordCrc(int length, long zxid, byte[] payload) {
    CRC32C crc = new CRC32C();
    ByteBuffer fixed = ByteBuffer.allocate(12).putInt(length).putLong(zxid).flip();
    crc.update(fixed);
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
