package io.paddock.snapshot;

import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which old snapshots and log segments may go: keep the newest {@code retainCount} snapshots and
 * every segment that may hold a transaction after the oldest of them, so recovery can still start
 * from any kept snapshot (if the newest turns out damaged, from an older one plus the log).
 *
 * <p>A segment's records all come before its successor's first zxid, so a segment may go only if
 * its successor starts at or before the oldest kept snapshot's zxid + 1. The newest segment is
 * never deleted (it may be the one being written), and nothing is deleted while there is no
 * snapshot at all: then recovery needs the whole log.
 */
public final class Retention {
  private static final System.Logger LOG = System.getLogger(Retention.class.getName());

  /** What to delete. */
  public record Plan(List<Path> snapshots, List<Path> segments) {
    public Plan {
      snapshots = List.copyOf(snapshots);
      segments = List.copyOf(segments);
    }
  }

  private Retention() {}

  /**
   * The plan for these files.
   *
   * @param snapshots every snapshot, oldest first
   * @param segments every log segment, oldest first
   * @param retainCount snapshots to keep, at least 1
   */
  public static Plan plan(
      List<SnapshotFiles.Snapshot> snapshots, List<LogRecovery.Segment> segments, int retainCount) {
    if (retainCount < 1) {
      throw new IllegalArgumentException("retainCount must be >= 1: " + retainCount);
    }
    if (snapshots.isEmpty()) {
      return new Plan(List.of(), List.of());
    }
    int keepFrom = Math.max(0, snapshots.size() - retainCount);
    long oldestKeptZxid = snapshots.get(keepFrom).zxid();
    List<Path> snapshotsToDelete = new ArrayList<>();
    for (int i = 0; i < keepFrom; i++) {
      snapshotsToDelete.add(snapshots.get(i).path());
    }
    List<Path> segmentsToDelete = new ArrayList<>();
    for (int i = 0; i < segments.size() - 1; i++) {
      if (segments.get(i + 1).firstZxid() > oldestKeptZxid + 1) {
        break;
      }
      segmentsToDelete.add(segments.get(i).path());
    }
    return new Plan(snapshotsToDelete, segmentsToDelete);
  }

  /** Plans and deletes: segments first, then snapshots (either order leaves a usable state). */
  public static Plan purge(Disk disk, Path snapshotDir, Path logDir, int retainCount)
      throws IOException {
    Plan plan =
        plan(
            SnapshotFiles.list(disk, snapshotDir), LogRecovery.segments(disk, logDir), retainCount);
    for (Path p : plan.segments()) {
      disk.delete(p);
    }
    for (Path p : plan.snapshots()) {
      disk.delete(p);
    }
    if (!plan.segments().isEmpty() || !plan.snapshots().isEmpty()) {
      disk.syncDirectory(logDir);
      disk.syncDirectory(snapshotDir);
      LOG.log(
          Level.INFO,
          "purged "
              + plan.snapshots().size()
              + " snapshots and "
              + plan.segments().size()
              + " log segments, keeping the newest "
              + retainCount
              + " snapshots");
    }
    return plan;
  }
}
