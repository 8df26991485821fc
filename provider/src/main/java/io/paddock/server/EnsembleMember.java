package io.paddock.server;

import io.paddock.api.ErrorCode;
import io.paddock.log.Disk;
import io.paddock.log.EpochFile;
import io.paddock.log.Epochs;
import io.paddock.quorum.core.HardState;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.snapshot.SnapshotBytes;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the replication driver of an ensemble member needs from the server around it: the bridge
 * from the driver thread to the processor thread (every call becomes a processor task, so the
 * processor stays the one owner of the tree and sessions) and to this member's storage (epochs,
 * snapshots received from a leader).
 */
final class EnsembleMember implements QuorumDriver.Host, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EnsembleMember.class.getName());
  private static final long INSTALL_TIMEOUT_MS = 600_000;

  private final Disk disk;
  private final Path dataDir;
  private final TreeConfig treeConfig;
  private final long snapshotBytesMax;
  private final ServerState state;
  private final ExecutorService encoder;
  private volatile RequestProcessor processor;
  private volatile SnapshotTaker snapshots;
  private final int snapCount;
  private long sinceSnapshot; // log writer thread

  EnsembleMember(
      Disk disk,
      Path dataDir,
      TreeConfig treeConfig,
      long snapshotBytesMax,
      int snapCount,
      ServerState state) {
    this.snapCount = snapCount;
    this.disk = disk;
    this.dataDir = dataDir;
    this.treeConfig = treeConfig;
    this.snapshotBytesMax = snapshotBytesMax;
    this.state = state;
    this.encoder =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "paddock-snapshot-send-" + dataDir.getFileName());
              t.setDaemon(true);
              return t;
            });
  }

  /** Wiring, once, before any thread starts. */
  void wire(RequestProcessor processor, SnapshotTaker snapshots) {
    this.processor = processor;
    this.snapshots = snapshots;
  }

  @Override
  public void committed(RequestProcessor.PendingWrite write) {
    processor.committed(write);
  }

  @Override
  public void failed(RequestProcessor.PendingWrite write, ErrorCode error) {
    processor.failed(write, error);
  }

  @Override
  public void syncDone(RequestProcessor.PendingSync sync, long zxid, ErrorCode error) {
    processor.submit(() -> processor.syncDone(sync, zxid, error));
  }

  @Override
  public void statusChanged(PeerStatus status) {
    processor.submit(() -> processor.statusChanged(status));
  }

  @Override
  public void touched(List<Long> sessionIds) {
    processor.submit(() -> processor.touchedRemotely(sessionIds));
  }

  /**
   * Copies the tree on the processor thread (after every commit posted before this call) and
   * encodes it on a thread of its own, so the processor pauses only for the copy.
   */
  @Override
  public CompletableFuture<byte[]> snapshotForLearner() {
    CompletableFuture<byte[]> bytes = new CompletableFuture<>();
    processor.submit(
        () -> {
          FrozenTree view = state.tree().copyView();
          encoder.execute(
              () -> {
                try {
                  bytes.complete(SnapshotBytes.encode(view, true));
                } catch (IOException | RuntimeException e) {
                  LOG.log(Level.WARNING, "cannot encode a snapshot for a learner", e);
                  bytes.completeExceptionally(e);
                }
              });
        });
    return bytes;
  }

  /**
   * Validates and stores the leader's snapshot (a damaged transfer throws before anything is
   * written), discards the local log, then swaps the tree on the processor thread and waits for it:
   * the driver reports the install to the core only once all of that is done.
   */
  @Override
  public long installSnapshot(byte[] bytes, QuorumLogWriter log)
      throws IOException, InterruptedException {
    if (bytes.length > snapshotBytesMax) {
      throw new IOException(
          "the leader's snapshot has " + bytes.length + " bytes, over " + snapshotBytesMax);
    }
    SnapshotBytes.Installed installed =
        snapshots.withFilesLocked(() -> SnapshotBytes.install(disk, dataDir, bytes, treeConfig));
    long zxid = installed.zxid();
    log.barrier(l -> l.discardAll(zxid));
    DataTree tree = installed.tree();
    CompletableFuture<Void> swapped = new CompletableFuture<>();
    processor.submit(
        () -> {
          try {
            processor.installed(tree);
            swapped.complete(null);
          } catch (RuntimeException e) {
            swapped.completeExceptionally(e);
            throw e;
          }
        });
    try {
      swapped.get(INSTALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("installing the leader's snapshot failed", e);
    }
    LOG.log(
        Level.INFO,
        "installed the leader's snapshot at zxid 0x"
            + Long.toHexString(zxid)
            + " ("
            + bytes.length
            + " bytes)");
    return zxid;
  }

  @Override
  public void saveHardState(HardState hardState) throws IOException {
    EpochFile.write(
        disk,
        dataDir,
        new Epochs(
            hardState.acceptedEpoch(), hardState.acceptedLeader(), hardState.currentEpoch()));
  }

  /** Log writer thread: counts durable transactions toward the next periodic snapshot. */
  void appended(int count) {
    sinceSnapshot += count;
    SnapshotTaker s = snapshots;
    if (sinceSnapshot >= snapCount && s != null && s.trigger()) {
      sinceSnapshot = 0;
    }
  }

  /** Reads the stored epochs (INITIAL for a new member). */
  static HardState loadHardState(Disk disk, Path dataDir) throws IOException {
    Epochs e = EpochFile.read(disk, dataDir);
    return new HardState(e.acceptedEpoch(), e.acceptedLeader(), e.currentEpoch());
  }

  @Override
  public void close() {
    encoder.shutdownNow();
  }
}
