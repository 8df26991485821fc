package io.paddock.snapshot;

import io.paddock.log.Disk;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The snapshot files of a directory, by the zxid in their names. */
public final class SnapshotFiles {
  private static final System.Logger LOG = System.getLogger(SnapshotFiles.class.getName());

  /** One snapshot file. */
  public record Snapshot(long zxid, Path path) {}

  private SnapshotFiles() {}

  /** The finished snapshots in {@code dir}, oldest first. */
  public static List<Snapshot> list(Disk disk, Path dir) throws IOException {
    List<Snapshot> out = new ArrayList<>();
    for (String name : disk.list(dir)) {
      long zxid = SnapshotFormat.zxidOf(name);
      if (zxid >= 0) {
        out.add(new Snapshot(zxid, dir.resolve(name)));
      }
    }
    out.sort(Comparator.comparingLong(Snapshot::zxid));
    return out;
  }

  /** Deletes snapshots left half-written by a crash (their temporary files). */
  public static void deleteTemporaries(Disk disk, Path dir) throws IOException {
    for (String name : disk.list(dir)) {
      if (name.endsWith(SnapshotFormat.TMP_SUFFIX)
          && SnapshotFormat.zxidOf(
                  name.substring(0, name.length() - SnapshotFormat.TMP_SUFFIX.length()))
              >= 0) {
        LOG.log(Level.INFO, "deleting unfinished snapshot " + dir.resolve(name));
        disk.delete(dir.resolve(name));
      }
    }
  }
}
