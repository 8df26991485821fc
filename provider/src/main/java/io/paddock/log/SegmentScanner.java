package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one log segment: its header, then its records in order, up to the end of the log or the
 * first record that fails its checks (see {@link LogFormat}). It never changes the file; what to do
 * about a bad tail is the caller's decision.
 */
public final class SegmentScanner {
  /**
   * Reads through the file in windows of this size, so a million records cost a few hundred reads.
   */
  private static final int WINDOW_BYTES = 1 << 20;

  private static final byte[] ZEROS = new byte[WINDOW_BYTES];

  /** Receives each good record. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(long zxid, byte[] payload) throws IOException;
  }

  /** How the records of a segment end. */
  public enum End {
    /** At a zero length followed by nothing but zeros: the normal end. */
    CLEAN,
    /** At bytes that are neither a good record nor zeros: a torn write or damage. */
    TORN
  }

  /**
   * What a scan found.
   *
   * @param header the segment header
   * @param validEnd the offset just after the last good record (the header size if none)
   * @param fileBytes the file's length
   * @param records the number of good records
   * @param lastZxid the zxid of the last good record, or the header's prevZxid if there is none
   * @param end how the records end
   * @param problem for a torn end, what was wrong at {@code validEnd}; else null
   */
  public record Scan(
      LogFormat.Header header,
      long validEnd,
      long fileBytes,
      int records,
      long lastZxid,
      End end,
      String problem) {}

  private SegmentScanner() {}

  /**
   * Reads the header of {@code file}.
   *
   * @throws StorageException if the format version is unknown
   * @throws CorruptFileException if the header is missing or damaged
   */
  public static LogFormat.Header readHeader(Disk disk, Path file) throws IOException {
    try (DiskFile f = disk.open(file, Disk.Mode.READ)) {
      ByteBuffer b = ByteBuffer.allocate(LogFormat.HEADER_BYTES);
      readFully(f, b, 0);
      return LogFormat.parseHeader(b.flip(), file);
    }
  }

  /**
   * Whether every byte of {@code file} from {@code offset} on is zero: the state of a segment that
   * was created but never got a record, or of the space reserved after the last record.
   */
  public static boolean zerosFrom(Disk disk, Path file, long offset) throws IOException {
    try (DiskFile f = disk.open(file, Disk.Mode.READ)) {
      return new Window(f).zerosFrom(Math.max(0, offset), f.size());
    }
  }

  /**
   * Scans {@code file}, handing every good record to {@code sink} in order.
   *
   * @throws StorageException if the format version is unknown, or good records contradict each
   *     other (zxids not increasing, or the first not matching the header): a bug, not a tear
   * @throws CorruptFileException if the header is missing or damaged
   */
  public static Scan scan(Disk disk, Path file, RecordSink sink) throws IOException {
    return scan(disk, file, sink, Long.MAX_VALUE);
  }

  /**
   * Like {@link #scan(Disk, Path, RecordSink)}, but stops before the first good record with a zxid
   * above {@code zxidMax}, as if the records ended there: {@code validEnd} is then where that
   * record starts (the place to cut the segment to keep exactly the records up to {@code zxidMax})
   * and the end is {@link End#CLEAN}.
   */
  public static Scan scan(Disk disk, Path file, RecordSink sink, long zxidMax) throws IOException {
    try (DiskFile f = disk.open(file, Disk.Mode.READ)) {
      long size = f.size();
      Window w = new Window(f);
      if (!w.ensure(0, LogFormat.HEADER_BYTES)) {
        throw new CorruptFileException(file + ": " + size + " bytes, shorter than a header");
      }
      LogFormat.Header header = LogFormat.parseHeader(w.slice(0, LogFormat.HEADER_BYTES), file);
      long pos = LogFormat.HEADER_BYTES;
      int records = 0;
      long lastZxid = header.prevZxid();
      End end = End.CLEAN;
      String problem = null;
      while (true) {
        if (size - pos < LogFormat.RECORD_HEADER_BYTES) {
          if (!w.zerosFrom(pos, size)) {
            end = End.TORN;
            problem = "a partial record header";
          }
          break;
        }
        w.ensure(pos, LogFormat.RECORD_HEADER_BYTES);
        ByteBuffer head = w.slice(pos, LogFormat.RECORD_HEADER_BYTES);
        int length = head.getInt(0);
        int crc = head.getInt(4);
        long zxid = head.getLong(8);
        if (length == 0) {
          if (!w.zerosFrom(pos, size)) {
            end = End.TORN;
            problem = "a zero length followed by non-zero bytes";
          }
          break;
        }
        if (length < 0
            || length > LogFormat.PAYLOAD_BYTES_MAX
            || length > size - pos - LogFormat.RECORD_HEADER_BYTES) {
          end = End.TORN;
          problem = "a record length of " + length + " that does not fit the file";
          break;
        }
        w.ensure(pos + LogFormat.RECORD_HEADER_BYTES, length);
        byte[] payload = new byte[length];
        w.slice(pos + LogFormat.RECORD_HEADER_BYTES, length).get(payload);
        if (LogFormat.recordCrc(length, zxid, payload) != crc) {
          end = End.TORN;
          problem = "a checksum mismatch";
          break;
        }
        if (zxid > zxidMax) {
          break;
        }
        checkOrder(file, header, records, lastZxid, zxid, pos);
        sink.accept(zxid, payload);
        records++;
        lastZxid = zxid;
        pos += LogFormat.recordBytes(length);
      }
      return new Scan(header, pos, size, records, lastZxid, end, problem);
    }
  }

  private static void checkOrder(
      Path file, LogFormat.Header header, int records, long lastZxid, long zxid, long offset)
      throws StorageException {
    if (records == 0 && zxid != header.firstZxid()) {
      throw new StorageException(
          file
              + ": first record has zxid 0x"
              + Long.toHexString(zxid)
              + " but the header says 0x"
              + Long.toHexString(header.firstZxid()));
    }
    if (records > 0 && zxid <= lastZxid) {
      throw new StorageException(
          file
              + ": record at offset "
              + offset
              + " has zxid 0x"
              + Long.toHexString(zxid)
              + " after 0x"
              + Long.toHexString(lastZxid)
              + "; zxids must increase");
    }
  }

  private static void readFully(DiskFile f, ByteBuffer dst, long position) throws IOException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = f.read(dst, at);
      if (n < 0) {
        return;
      }
      at += n;
    }
  }

  /** A sliding read window over a file. */
  private static final class Window {
    private final DiskFile file;
    private ByteBuffer buf = ByteBuffer.allocate(WINDOW_BYTES);
    private long start;
    private int limit; // valid bytes in buf

    Window(DiskFile file) {
      this.file = file;
    }

    /** Makes [pos, pos + n) available; false if the file ends first. */
    boolean ensure(long pos, int n) throws IOException {
      if (pos >= start && pos + n <= start + limit) {
        return true;
      }
      if (buf.capacity() < n) {
        buf = ByteBuffer.allocate(n);
      }
      buf.clear();
      readFully(file, buf, pos);
      start = pos;
      limit = buf.position();
      return limit >= n;
    }

    /** A view of [pos, pos + n), which must have been ensured. */
    ByteBuffer slice(long pos, int n) {
      return buf.slice((int) (pos - start), n);
    }

    boolean zerosFrom(long pos, long size) throws IOException {
      long at = pos;
      while (at < size) {
        int n = (int) Math.min(WINDOW_BYTES, size - at);
        if (!ensure(at, n)) {
          return true; // the file shrank under us; what is gone is not garbage
        }
        // Arrays.mismatch is vectorised: a 64 MiB preallocated tail is checked at memory speed.
        int from = buf.arrayOffset() + (int) (at - start);
        if (Arrays.mismatch(buf.array(), from, from + n, ZEROS, 0, n) != -1) {
          return false;
        }
        at += n;
      }
      return true;
    }
  }
}
