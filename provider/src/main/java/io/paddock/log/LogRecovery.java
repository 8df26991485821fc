package io.paddock.log;

import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the log back at start: checks that the segments form one unbroken history from a snapshot
 * on, hands every transaction after the snapshot to the caller in zxid order, and cuts off a torn
 * tail of the last segment.
 *
 * <p>What is repaired and what stops the start:
 *
 * <ul>
 *   <li>A last segment ending in bytes that are not a good record (a write torn by a crash, or
 *       damage): truncated after its last good record, with a warning saying how much was cut.
 *   <li>A segment whose header is damaged but which holds nothing else (a crash while it was being
 *       created, before any record went in): deleted, with a warning.
 *   <li>Segments at the end of the log without a good record (created, then the disk filled up or
 *       the process died before their first record landed): deleted, with a warning.
 *   <li>Anything else that breaks the history stops the start with a {@link StorageException}: a
 *       damaged record in a segment that has later segments (records after it were acknowledged), a
 *       missing segment (a segment's prevZxid differs from the last zxid of the one before), a log
 *       that starts after the snapshot, a damaged header on a segment with data, or an unknown
 *       format version.
 * </ul>
 */
public final class LogRecovery {
  private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());

  /** Receives replayed transactions. */
  @FunctionalInterface
  public interface TxnSink {
    void accept(Txn txn) throws IOException;
  }

  /** A segment file, by the zxid in its name. */
  public record Segment(long firstZxid, Path path) {}

  /**
   * What replay found.
   *
   * @param lastZxid the zxid of the last good record, or {@code afterZxid} if the log has none
   *     after it: the next transaction must be stamped after this
   * @param replayed transactions handed to the sink
   * @param truncatedBytes bytes cut off the last segment's torn tail
   */
  public record Result(long lastZxid, long replayed, long truncatedBytes) {}

  private LogRecovery() {}

  /** The segments in {@code dir}, oldest first. Files with other names are ignored. */
  public static List<Segment> segments(Disk disk, Path dir) throws IOException {
    List<Segment> out = new ArrayList<>();
    for (String name : disk.list(dir)) {
      long zxid = LogFormat.firstZxidOf(name);
      if (zxid >= 0) {
        out.add(new Segment(zxid, dir.resolve(name)));
      }
    }
    out.sort(Comparator.comparingLong(Segment::firstZxid));
    return out;
  }

  /**
   * Replays every transaction after {@code afterZxid} (the snapshot's zxid, 0 for none).
   *
   * @throws StorageException if the log cannot give the history after {@code afterZxid}
   */
  public static Result replay(Disk disk, Path dir, long afterZxid, TxnSink sink)
      throws IOException {
    List<Segment> segments = new ArrayList<>();
    List<LogFormat.Header> headers = new ArrayList<>();
    for (Segment s : segments(disk, dir)) {
      LogFormat.Header h;
      try {
        h = header(disk, s);
      } catch (CorruptFileException e) {
        if (deletedAsLeftover(disk, dir, s, e)) {
          continue;
        }
        LOG.log(Level.WARNING, "damaged log segment header: " + e.getMessage());
        h = null; // fatal only if recovery needs this segment
      }
      segments.add(s);
      headers.add(h);
    }
    int n = segments.size();
    if (n == 0) {
      return new Result(afterZxid, 0, 0);
    }
    int first = firstNeeded(headers, afterZxid);
    for (int i = first; i < n; i++) {
      if (headers.get(i) == null) {
        throw new StorageException(
            segments.get(i).path()
                + ": damaged header on a segment that holds records; the history after zxid 0x"
                + Long.toHexString(afterZxid)
                + " cannot be read");
      }
    }
    long prev = headers.get(first).prevZxid();
    if (prev > afterZxid) {
      throw new StorageException(
          "the log in "
              + dir
              + " starts after zxid 0x"
              + Long.toHexString(prev)
              + " but the newest usable snapshot ends at 0x"
              + Long.toHexString(afterZxid)
              + ": transactions in between are missing (deleted or lost log segments)."
              + " Refusing to start with a history that has a hole.");
    }
    long lastZxid = prev;
    long[] replayed = {0};
    List<SegmentScanner.Scan> scans = new ArrayList<>();
    SegmentScanner.Scan scan = null;
    for (int i = first; i < n; i++) {
      Segment segment = segments.get(i);
      LogFormat.Header h = headers.get(i);
      checkLink(segment, h, i == first ? -1 : lastZxid);
      scan =
          SegmentScanner.scan(
              disk,
              segment.path(),
              (zxid, payload) -> {
                if (zxid > afterZxid) {
                  sink.accept(decode(segment.path(), zxid, payload));
                  replayed[0]++;
                }
              });
      if (scan.end() == SegmentScanner.End.TORN && i < n - 1) {
        throw new StorageException(
            segment.path()
                + ": "
                + scan.problem()
                + " at byte "
                + scan.validEnd()
                + ", and later segments exist, so records after it were acknowledged;"
                + " refusing to start with a hole in the history");
      }
      lastZxid = scan.lastZxid();
      scans.add(scan);
    }
    // Deleting them does not move the end of the log: an empty segment's lastZxid is its prevZxid,
    // which checkLink (or the check against afterZxid, for the first) has tied to what precedes it.
    int kept = deleteTrailingEmpty(disk, dir, segments.subList(first, n), scans);
    long truncated = 0;
    if (kept == scans.size() && scan.end() == SegmentScanner.End.TORN) {
      truncated = truncate(disk, segments.get(n - 1).path(), scan);
    }
    if (lastZxid < afterZxid) {
      LOG.log(
          Level.WARNING,
          "the log in "
              + dir
              + " ends at zxid 0x"
              + Long.toHexString(lastZxid)
              + ", before the snapshot at 0x"
              + Long.toHexString(afterZxid)
              + "; continuing from the snapshot");
    }
    return new Result(Math.max(lastZxid, afterZxid), replayed[0], truncated);
  }

  /**
   * Deletes the segments at the end of the log that hold no good record, newest first with the
   * directory synced after each (a crash part-way leaves fewer of them, which the next start
   * deletes); returns how many of {@code scanned} are kept. Such a segment was created and then got
   * no record: the disk filled up (its header fits, the first batch does not) or the process died
   * before the first record landed. Nothing in it was acknowledged, but kept it breaks the log the
   * writer continues: the next zxid stamped may be the one in its name (the new segment cannot be
   * created), or a later one, and then the records written after this start land in a segment that
   * sorts before it, and its stale prevZxid makes the next start see a hole and refuse to run.
   */
  private static int deleteTrailingEmpty(
      Disk disk, Path dir, List<Segment> scanned, List<SegmentScanner.Scan> scans)
      throws IOException {
    int kept = scans.size();
    while (kept > 0 && scans.get(kept - 1).records() == 0) {
      kept--;
      Path path = scanned.get(kept).path();
      disk.delete(path);
      disk.syncDirectory(dir);
      LOG.log(
          Level.WARNING,
          "deleted "
              + path
              + ": a log segment without records at the end of the log (its first record never"
              + " reached the disk)");
    }
    return kept;
  }

  private static LogFormat.Header header(Disk disk, Segment s) throws IOException {
    LogFormat.Header h = SegmentScanner.readHeader(disk, s.path());
    if (h.firstZxid() != s.firstZxid()) {
      throw new StorageException(
          s.path() + ": header says first zxid 0x" + Long.toHexString(h.firstZxid()));
    }
    return h;
  }

  /**
   * Deletes a segment with a damaged header if it holds nothing but zeros after it: its creation
   * was cut short (the header is synced before any record goes in), so it never held a record.
   */
  private static boolean deletedAsLeftover(
      Disk disk, Path dir, Segment s, CorruptFileException damage) throws IOException {
    if (!SegmentScanner.zerosFrom(disk, s.path(), LogFormat.HEADER_BYTES)) {
      return false;
    }
    LOG.log(
        Level.WARNING,
        "deleting "
            + s.path()
            + ": a segment whose creation was interrupted ("
            + damage.getMessage()
            + "); it holds no records");
    disk.delete(s.path());
    disk.syncDirectory(dir);
    return true;
  }

  /**
   * The oldest segment that may hold a record after {@code afterZxid}: the first one whose
   * successor starts after it (a segment's records all precede its successor's prevZxid).
   */
  private static int firstNeeded(List<LogFormat.Header> headers, long afterZxid) {
    for (int i = 0; i < headers.size() - 1; i++) {
      LogFormat.Header next = headers.get(i + 1);
      if (next == null || next.prevZxid() > afterZxid) {
        return i;
      }
    }
    return headers.size() - 1;
  }

  private static void checkLink(Segment segment, LogFormat.Header h, long previousLastZxid)
      throws StorageException {
    if (previousLastZxid >= 0 && h.prevZxid() != previousLastZxid) {
      throw new StorageException(
          segment.path()
              + ": follows zxid 0x"
              + Long.toHexString(h.prevZxid())
              + " but the segment before it ends at 0x"
              + Long.toHexString(previousLastZxid)
              + ": a segment is missing. Refusing to start with a hole in the history.");
    }
  }

  private static Txn decode(Path file, long zxid, byte[] payload) throws StorageException {
    Txn txn;
    try {
      txn = TxnCodec.decode(payload);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          file + ": record at zxid 0x" + Long.toHexString(zxid) + " does not decode: " + e, e);
    }
    if (txn.zxid() != zxid) {
      throw new StorageException(
          file
              + ": record at zxid 0x"
              + Long.toHexString(zxid)
              + " holds transaction 0x"
              + Long.toHexString(txn.zxid()));
    }
    return txn;
  }

  private static long truncate(Disk disk, Path file, SegmentScanner.Scan scan) throws IOException {
    long cut = scan.fileBytes() - scan.validEnd();
    try (DiskFile f = disk.open(file, Disk.Mode.WRITE_EXISTING)) {
      f.truncate(scan.validEnd());
      f.sync();
    }
    LOG.log(
        Level.WARNING,
        file
            + ": torn tail ("
            + scan.problem()
            + " at byte "
            + scan.validEnd()
            + "); truncated "
            + cut
            + " bytes after the last good record, zxid 0x"
            + Long.toHexString(scan.lastZxid()));
    return cut;
  }
}
