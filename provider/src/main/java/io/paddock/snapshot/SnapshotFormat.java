package io.paddock.snapshot;

import io.paddock.log.CorruptFileException;
import io.paddock.log.StorageException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The snapshot file format, version 2: the exact state of the data tree at one zxid.
 *
 * <p>A snapshot is a file named {@code snap-} followed by its zxid as 16 lowercase hex digits. It
 * is written under the same name plus {@code .tmp}, synced, and renamed, so a file with the final
 * name was complete once; the checks below catch what the disk did to it since. Integers are
 * big-endian; {@code str} is a length ({@code i32}) and UTF-8 bytes.
 *
 * <pre>
 * header, 32 bytes, never compressed
 *   0  magic      4 bytes  'P' 'D' 'K' 'S'
 *   4  version    i32      2
 *   8  zxid       i64      the last transaction included; equals the one in the file name
 *   16 codec      i32      how the body is stored: 0 plain, 1 framed (below)
 *   20 reserved   8 bytes  0
 *   28 headerCrc  i32      CRC32C of bytes 0..27
 * body, stored with the codec
 *   sessionCount:i32  then per session  sessionId:i64 timeoutMs:i32
 *   nodeCount:i32     then blocks until nodeCount nodes have come, in no particular order:
 *     blockNodes:i32 (at least 1)  structureBytes:i32
 *     structure, structureBytes long: per node of the block
 *       path:str dataLength:i32 (-1 for null) aclRef:i32 [acl, when aclRef is the next new index]
 *       czxid:i64 mzxid:i64 pzxid:i64 ctime:i64 mtime:i64
 *       version:i32 cversion:i32 aversion:i32 ephemeralOwner:i64
 *     data: the data of the block's nodes, one after the other, in the same order
 *   acl := count:i32 then per entry  perms:i32 scheme:str id:str
 * framed codec: the body is cut into frames, each
 *   kind:u8 (0 raw, 1 deflate)  rawBytes:i32 (1..2^20)  storedBytes:i32  then storedBytes bytes:
 *   the rawBytes as they are (storedBytes = rawBytes), or one zlib stream of them (storedBytes less
 *   than rawBytes)
 * trailer, the last 16 bytes of the file, never compressed
 *   0  bodyBytes  i64      length of the body before compression
 *   8  bodyCrc    i32      CRC32C of the body before compression
 *   12 endMagic   4 bytes  'P' 'D' 'K' 'E'
 * </pre>
 *
 * <p>Why. ACL lists are stored once and referred to by index, in the order first seen: most trees
 * use a handful of ACLs, and sharing them again on load saves memory too. Child counts are not
 * stored: they follow from the paths. The checksum covers the uncompressed body, so it checks the
 * decompressor as well as the disk; the trailer sits at a fixed place, so a truncated file is
 * recognised before anything is parsed. Deflate at its fastest level comes with the JDK ({@code
 * java.util.zip}), so the provider stays one bundle in OSGi with no native library (Snappy or LZ4
 * would need one). A block keeps its nodes' structure apart from their data because the two
 * compress differently: the structure (paths, stats) shrinks several times, while znode data is
 * often incompressible, and inflating it anyway made up a third of a restart. The writer cuts
 * frames where a block's structure or data begins ({@link FramedOutput}) and deflates a frame only
 * where that saves at least an eighth, so restoring incompressible data is a copy. Version 1 (one
 * deflate stream, node by node) is not read: no release wrote it. As in the log, the first eight
 * bytes stay the same in every version.
 */
public final class SnapshotFormat {
  public static final int VERSION = 2;

  /** "PDKS": Paddock snapshot. */
  public static final int MAGIC = 0x50444b53;

  /** "PDKE": end of a Paddock snapshot. */
  public static final int END_MAGIC = 0x50444b45;

  public static final int HEADER_BYTES = 32;
  public static final int TRAILER_BYTES = 16;

  public static final int CODEC_PLAIN = 0;
  public static final int CODEC_FRAMED = 1;

  /** A frame's kind, raw size and stored size. */
  static final int FRAME_HEADER_BYTES = 9;

  /** No frame holds more than 1 MiB of the body, so reading one never needs more memory. */
  static final int FRAME_BYTES_MAX = 1 << 20;

  static final byte FRAME_RAW = 0;
  static final byte FRAME_DEFLATE = 1;

  static final String PREFIX = "snap-";
  static final String TMP_SUFFIX = ".tmp";

  private SnapshotFormat() {}

  /** A parsed header. */
  public record Header(long zxid, int codec) {}

  /** A parsed trailer. */
  public record Trailer(long bodyBytes, int bodyCrc) {}

  /** The file name of the snapshot at {@code zxid}. */
  public static String fileName(long zxid) {
    return PREFIX + String.format(Locale.ROOT, "%016x", zxid);
  }

  /** The zxid in a snapshot's file name, or -1 if the name is not a (finished) snapshot's. */
  public static long zxidOf(String fileName) {
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

  /** The 32 header bytes. */
  public static ByteBuffer header(long zxid, int codec) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.putInt(MAGIC).putInt(VERSION).putLong(zxid).putInt(codec).putLong(0);
    b.putInt(crc(b.array(), HEADER_BYTES - 4));
    return b.flip();
  }

  /**
   * Parses a header.
   *
   * @throws StorageException if the version is one this code does not read
   * @throws CorruptFileException if the bytes are not a valid header
   */
  public static Header parseHeader(ByteBuffer b, String source)
      throws StorageException, CorruptFileException {
    if (b.remaining() < HEADER_BYTES) {
      throw new CorruptFileException(source + ": header cut short");
    }
    int magic = b.getInt(0);
    if (magic != MAGIC) {
      throw new CorruptFileException(
          source + ": not a Paddock snapshot (magic 0x" + Integer.toHexString(magic) + ")");
    }
    int version = b.getInt(4);
    if (version != VERSION) {
      throw new StorageException(
          source
              + ": snapshot format version "
              + version
              + ", but this server reads version "
              + VERSION
              + " only; it was written by a different Paddock version. Start that version, or"
              + " move the data directory aside to start empty.");
    }
    byte[] raw = new byte[HEADER_BYTES];
    b.get(0, raw);
    if (b.getInt(28) != crc(raw, HEADER_BYTES - 4) || b.getLong(20) != 0) {
      throw new CorruptFileException(source + ": header checksum mismatch");
    }
    int codec = b.getInt(16);
    if (codec != CODEC_PLAIN && codec != CODEC_FRAMED) {
      throw new CorruptFileException(source + ": unknown codec " + codec);
    }
    return new Header(b.getLong(8), codec);
  }

  /** The 16 trailer bytes. */
  public static ByteBuffer trailer(long bodyBytes, int bodyCrc) {
    return ByteBuffer.allocate(TRAILER_BYTES)
        .putLong(bodyBytes)
        .putInt(bodyCrc)
        .putInt(END_MAGIC)
        .flip();
  }

  /**
   * Parses a trailer.
   *
   * @throws CorruptFileException if it does not end with the end magic (a truncated file)
   */
  public static Trailer parseTrailer(ByteBuffer b, String source) throws CorruptFileException {
    if (b.remaining() < TRAILER_BYTES || b.getInt(12) != END_MAGIC || b.getLong(0) < 0) {
      throw new CorruptFileException(source + ": no valid trailer (truncated?)");
    }
    return new Trailer(b.getLong(0), b.getInt(8));
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
