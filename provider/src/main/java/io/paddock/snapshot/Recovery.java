package io.paddock.snapshot;

import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.StorageException;
import io.paddock.tree.DataTree;
import io.paddock.tree.TreeConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;

/**
 * Rebuilds the state at start: the newest snapshot that reads back intact, then every logged
 * transaction after it applied through {@link DataTree#apply}, the same function that produced the
 * state in the first place. A damaged snapshot is skipped for the next older one; see {@link
 * LogRecovery} for what the log may and may not lack.
 */
public final class Recovery {
  private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

  /** ZooKeeper keeps its files in this sub-directory of dataDir and dataLogDir. */
  private static final String ZOOKEEPER_DIR = "version-2";

  /**
   * The recovered state.
   *
   * @param tree the tree, with every durable transaction applied
   * @param snapshotZxid the zxid of the snapshot it started from (0: none)
   * @param lastZxid the last durable zxid: stamping continues after it
   * @param replayed transactions replayed from the log
   * @param truncatedBytes bytes cut off a torn log tail
   * @param skippedSnapshots damaged snapshots passed over
   */
  public record Recovered(
      DataTree tree,
      long snapshotZxid,
      long lastZxid,
      long replayed,
      long truncatedBytes,
      int skippedSnapshots) {}

  private Recovery() {}

  /**
   * Recovers from {@code snapshotDir} (dataDir) and {@code logDir} (dataLogDir). An empty directory
   * gives a fresh tree.
   *
   * @throws StorageException if the files cannot give a correct state; the message says why
   */
  public static Recovered recover(Disk disk, Path snapshotDir, Path logDir, TreeConfig treeConfig)
      throws IOException {
    refuseZooKeeperLayout(disk, snapshotDir);
    refuseZooKeeperLayout(disk, logDir);
    SnapshotFiles.deleteTemporaries(disk, snapshotDir);
    List<SnapshotFiles.Snapshot> snapshots = SnapshotFiles.list(disk, snapshotDir);
    DataTree tree = null;
    int skipped = 0;
    for (int i = snapshots.size() - 1; i >= 0 && tree == null; i--) {
      SnapshotFiles.Snapshot s = snapshots.get(i);
      try {
        tree = SnapshotReader.read(disk, s.path(), treeConfig);
      } catch (CorruptFileException e) {
        skipped++;
        LOG.log(
            Level.WARNING,
            "snapshot " + s.path() + " is damaged, trying an older one: " + e.getMessage());
      }
    }
    if (tree == null) {
      tree = new DataTree(treeConfig);
    }
    long snapshotZxid = tree.lastAppliedZxid();
    DataTree target = tree;
    LogRecovery.Result log;
    try {
      log = LogRecovery.replay(disk, logDir, snapshotZxid, target::apply);
    } catch (StorageException e) {
      if (skipped == 0) {
        throw e;
      }
      throw new StorageException(
          e.getMessage() + " (" + skipped + " damaged snapshot(s) were skipped)", e);
    }
    LOG.log(
        Level.INFO,
        "recovered "
            + tree.nodeCount()
            + " znodes and "
            + tree.sessions().size()
            + " sessions: snapshot at zxid 0x"
            + Long.toHexString(snapshotZxid)
            + " plus "
            + log.replayed()
            + " logged transactions up to 0x"
            + Long.toHexString(log.lastZxid()));
    return new Recovered(
        tree, snapshotZxid, log.lastZxid(), log.replayed(), log.truncatedBytes(), skipped);
  }

  private static void refuseZooKeeperLayout(Disk disk, Path dir) throws IOException {
    if (disk.listDirectories(dir).contains(ZOOKEEPER_DIR)) {
      throw new StorageException(
          dir.toAbsolutePath()
              + " holds a ZooKeeper data directory ("
              + ZOOKEEPER_DIR
              + "/); Paddock has its own file format and cannot read it. Point dataDir and"
              + " dataLogDir at an empty directory (and load the data through a client).");
    }
  }
}
