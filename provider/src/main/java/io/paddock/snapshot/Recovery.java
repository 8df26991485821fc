package io.paddock.snapshot;

import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.StorageException;
import io.paddock.tree.DataTree;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the state at start: the newest snapshot that reads back intact, then every logged
 * transaction after it applied through {@link DataTree#apply}, the same function that produced the
 * state in the first place. A damaged snapshot is skipped for the next older one; see {@link
 * LogRecovery} for what the log may and may not lack. A replicated server uses {@link
 * #recoverUnapplied} instead: the same files, the same checks, but the logged transactions are
 * handed back unapplied, for the consensus core to confirm.
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

  /**
   * What a replicated server starts from: the newest intact snapshot's tree and the durable log
   * after it, <em>not applied</em>. The consensus core decides which of those transactions are
   * committed (a follower's uncommitted tail may differ from the leader's history) and hands them
   * back to be applied.
   *
   * @param tree the tree at {@code snapshotZxid}, nothing from the log applied
   * @param snapshotZxid the zxid of the snapshot it was loaded from (0: none, an empty tree)
   * @param log every durable logged transaction after {@code snapshotZxid}, in zxid order
   * @param lastZxid the last durable zxid (the last of {@code log}, else {@code snapshotZxid}): a
   *     log writer continues after it
   * @param truncatedBytes bytes cut off a torn log tail
   * @param skippedSnapshots damaged snapshots passed over
   */
  public record Unapplied(
      DataTree tree,
      long snapshotZxid,
      List<Txn> log,
      long lastZxid,
      long truncatedBytes,
      int skippedSnapshots) {
    public Unapplied {
      log = List.copyOf(log);
    }
  }

  private Recovery() {}

  /**
   * Recovers from {@code snapshotDir} (dataDir) and {@code logDir} (dataLogDir). An empty directory
   * gives a fresh tree.
   *
   * @throws StorageException if the files cannot give a correct state; the message says why
   */
  public static Recovered recover(Disk disk, Path snapshotDir, Path logDir, TreeConfig treeConfig)
      throws IOException {
    Loaded loaded = loadSnapshot(disk, snapshotDir, logDir, treeConfig);
    DataTree tree = loaded.tree();
    long snapshotZxid = tree.lastAppliedZxid();
    LogRecovery.Result log = replayLog(disk, logDir, loaded, tree::apply);
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
        tree, snapshotZxid, log.lastZxid(), log.replayed(), log.truncatedBytes(), loaded.skipped());
  }

  /**
   * Like {@link #recover}, with the same repairs (a torn log tail cut, damaged snapshots skipped)
   * and the same refusals (a hole in the history, unknown format versions), but returns the
   * transactions logged after the snapshot instead of applying them.
   *
   * @throws StorageException if the files cannot give a correct state; the message says why
   */
  public static Unapplied recoverUnapplied(
      Disk disk, Path snapshotDir, Path logDir, TreeConfig treeConfig) throws IOException {
    Loaded loaded = loadSnapshot(disk, snapshotDir, logDir, treeConfig);
    long snapshotZxid = loaded.tree().lastAppliedZxid();
    List<Txn> txns = new ArrayList<>();
    LogRecovery.Result log = replayLog(disk, logDir, loaded, txns::add);
    LOG.log(
        Level.INFO,
        "loaded the snapshot at zxid 0x"
            + Long.toHexString(snapshotZxid)
            + " and "
            + txns.size()
            + " logged transactions after it, up to 0x"
            + Long.toHexString(log.lastZxid())
            + ", not applied yet");
    return new Unapplied(
        loaded.tree(), snapshotZxid, txns, log.lastZxid(), log.truncatedBytes(), loaded.skipped());
  }

  /** The newest snapshot that reads back intact, and how many newer ones were damaged. */
  private record Loaded(DataTree tree, int skipped) {}

  private static Loaded loadSnapshot(
      Disk disk, Path snapshotDir, Path logDir, TreeConfig treeConfig) throws IOException {
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
    return new Loaded(tree != null ? tree : new DataTree(treeConfig), skipped);
  }

  private static LogRecovery.Result replayLog(
      Disk disk, Path logDir, Loaded loaded, LogRecovery.TxnSink sink) throws IOException {
    try {
      return LogRecovery.replay(disk, logDir, loaded.tree().lastAppliedZxid(), sink);
    } catch (StorageException e) {
      if (loaded.skipped() == 0) {
        throw e;
      }
      throw new StorageException(
          e.getMessage() + " (" + loaded.skipped() + " damaged snapshot(s) were skipped)", e);
    }
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
