package io.paddock.log;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;

/**
 * Removes the end of the log from the files, durably: what {@link LogWriter#truncateAfter} and
 * {@link LogWriter#discardAll} do once the writer has let go of its segment.
 *
 * <p>The order of the steps is what makes a crash in the middle harmless. Later segments are
 * deleted newest first, with the directory synced after each deletion, and only then is the segment
 * holding the truncation point cut. So at every instant the directory holds an unbroken chain that
 * is a prefix of the old log, reaching at least to the truncation point: recovery accepts it as it
 * would the old log (the {@code prevZxid} links of the segments left are untouched), and the
 * records that were still to go come back as a durable tail. Nothing was acknowledged on the
 * strength of the truncation before it returned, so that is the state before the truncation began;
 * running it again finishes it. Deleting oldest first, or deleting several before one directory
 * sync, could instead leave a hole in the chain, which recovery refuses.
 */
final class LogTruncation {
  private static final System.Logger LOG = System.getLogger(LogTruncation.class.getName());

  private LogTruncation() {}

  /**
   * Removes every record with a zxid above {@code zxid} from the segments in {@code dir}.
   *
   * @return the zxid the log now ends at, for the next segment's {@code prevZxid}: the last record
   *     kept (or the {@code prevZxid} of a segment left without records), or {@code zxid} itself
   *     when no segment is left
   */
  static long truncateAfter(Disk disk, Path dir, long zxid) throws IOException {
    List<LogRecovery.Segment> segments = LogRecovery.segments(disk, dir);
    int keep = segments.size();
    while (keep > 0 && segments.get(keep - 1).firstZxid() > zxid) {
      keep--;
    }
    deleteNewestFirst(disk, dir, segments.subList(keep, segments.size()));
    if (keep == 0) {
      return zxid;
    }
    Path last = segments.get(keep - 1).path();
    SegmentScanner.Scan scan = SegmentScanner.scan(disk, last, (z, payload) -> {}, zxid);
    try (DiskFile f = disk.open(last, Disk.Mode.WRITE_EXISTING)) {
      if (scan.fileBytes() > scan.validEnd()) {
        // Also drops the zeros reserved after the last record: the next append starts a new
        // segment, so this one is finished.
        f.truncate(scan.validEnd());
      }
      // Even without a cut: records kept may have been written by the writer but not yet synced.
      f.sync();
    }
    LOG.log(
        Level.INFO,
        "log truncated after zxid 0x"
            + Long.toHexString(zxid)
            + ": "
            + (segments.size() - keep)
            + " segment(s) deleted, "
            + last
            + " cut at byte "
            + scan.validEnd());
    return scan.lastZxid();
  }

  /** Deletes every segment in {@code dir}. */
  static void deleteAll(Disk disk, Path dir) throws IOException {
    List<LogRecovery.Segment> segments = LogRecovery.segments(disk, dir);
    deleteNewestFirst(disk, dir, segments);
    LOG.log(Level.INFO, "log discarded: " + segments.size() + " segment(s) deleted from " + dir);
  }

  /** One directory sync per deletion: the only order a crash cannot turn into a hole. */
  private static void deleteNewestFirst(Disk disk, Path dir, List<LogRecovery.Segment> doomed)
      throws IOException {
    for (int i = doomed.size() - 1; i >= 0; i--) {
      disk.delete(doomed.get(i).path());
      disk.syncDirectory(dir);
    }
  }
}
