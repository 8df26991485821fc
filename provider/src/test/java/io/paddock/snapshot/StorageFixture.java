package io.paddock.snapshot;

import io.paddock.log.Disk;
import io.paddock.log.LogWriter;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnGen;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a data directory the way the server does: log records, snapshots, segment rolls. */
final class StorageFixture implements AutoCloseable {
  static final TreeConfig MAX = new TreeConfig(1 << 20);

  final Disk disk;
  final Path dir;
  final DataTree tree = new DataTree(MAX);
  private final TxnGen gen;
  private final LogWriter log;

  StorageFixture(Disk disk, Path dir, long seed) {
    this.disk = disk;
    this.dir = dir;
    this.gen = new TxnGen(seed, 1);
    this.log = new LogWriter(disk, dir, new LogWriter.Options(true, 4096, 1L << 30), 0);
  }

  /** Logs and applies {@code n} more transactions, syncing every ten. */
  StorageFixture txns(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Txn txn = gen.next();
      log.append(txn.zxid(), TxnCodec.encode(txn));
      tree.apply(txn);
      if (i % 10 == 9) {
        log.sync();
      }
    }
    log.sync();
    return this;
  }

  /** Snapshots the current state and starts a new log segment, as the server does. */
  SnapshotWriter.Written snapshot() throws IOException {
    FrozenTree view = tree.freeze();
    SnapshotWriter.Written w = SnapshotWriter.write(disk, dir, view, true);
    tree.release(view);
    log.roll();
    return w;
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
