package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.LogTestSupport;
import io.paddock.log.StorageException;
import io.paddock.tree.TreeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
  private static final TreeConfig MAX = StorageFixture.MAX;
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  private Recovery.Recovered recover() throws Exception {
    return Recovery.recover(disk, dir, dir, MAX);
  }

  @Test
  void anEmptyDirectoryStartsFresh() throws Exception {
    Recovery.Recovered r = recover();
    assertSameState(r.tree(), new io.paddock.tree.DataTree(MAX));
    assertThat(r.lastZxid()).isZero();
    assertThat(r.snapshotZxid()).isZero();
  }

  @Test
  void theLogAloneRebuildsTheState() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 1)) {
      f.txns(700);
      Recovery.Recovered r = recover();
      assertSameState(r.tree(), f.tree);
      assertThat(r.replayed()).isEqualTo(700);
      assertThat(r.lastZxid()).isEqualTo(700);
    }
  }

  @Test
  void theNewestSnapshotPlusTheLogAfterItRebuildsTheState() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 2)) {
      f.txns(300);
      f.snapshot();
      f.txns(300);
      f.snapshot();
      f.txns(250);
      Recovery.Recovered r = recover();
      assertSameState(r.tree(), f.tree);
      assertThat(r.snapshotZxid()).isEqualTo(600);
      assertThat(r.replayed()).isEqualTo(250);
      assertThat(r.lastZxid()).isEqualTo(850);
    }
  }

  @Test
  void aDamagedSnapshotFallsBackToAnOlderOnePlusTheLog() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 3)) {
      f.txns(300);
      f.snapshot();
      f.txns(300);
      SnapshotWriter.Written newest = f.snapshot();
      f.txns(100);
      LogTestSupport.flipBit(newest.path(), Files.size(newest.path()) / 2, 3);
      Recovery.Recovered r = recover();
      assertSameState(r.tree(), f.tree);
      assertThat(r.snapshotZxid()).isEqualTo(300);
      assertThat(r.skippedSnapshots()).isEqualTo(1);
      assertThat(r.replayed()).isEqualTo(400);
    }
  }

  @Test
  void aTruncatedSnapshotFallsBackToTheLogFromZero() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 4)) {
      f.txns(200);
      SnapshotWriter.Written only = f.snapshot();
      f.txns(50);
      try (var ch =
          java.nio.channels.FileChannel.open(only.path(), java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(Files.size(only.path()) - 5);
      }
      Recovery.Recovered r = recover();
      assertSameState(r.tree(), f.tree);
      assertThat(r.snapshotZxid()).isZero();
      assertThat(r.replayed()).isEqualTo(250);
    }
  }

  @Test
  void whenDamagedSnapshotsLeaveAHoleTheServerRefusesToStart() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 5)) {
      f.txns(200);
      SnapshotWriter.Written snap = f.snapshot();
      f.txns(50);
      Files.delete(LogRecovery.segments(disk, dir).get(0).path()); // as a purge would
      LogTestSupport.flipBit(snap.path(), 40, 0);
      assertThatThrownBy(this::recover)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("transactions in between are missing")
          .hasMessageContaining("1 damaged snapshot(s) were skipped");
    }
  }

  @Test
  void aMissingLogSegmentAfterTheSnapshotRefusesToStart() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 6)) {
      f.txns(100);
      f.snapshot();
      f.txns(100);
      f.snapshot();
      f.txns(100);
      List<LogRecovery.Segment> segments = LogRecovery.segments(disk, dir);
      Files.delete(segments.get(1).path());
      Files.delete(dir.resolve(SnapshotFormat.fileName(200)));
      assertThatThrownBy(this::recover)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("a segment is missing");
    }
  }

  @Test
  void aSnapshotOfAnUnknownVersionRefusesToStart() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 7)) {
      f.txns(10);
      SnapshotWriter.Written snap = f.snapshot();
      LogTestSupport.overwrite(snap.path(), 4, new byte[] {0, 0, 0, 7});
      assertThatThrownBy(this::recover)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("snapshot format version 7");
    }
  }

  @Test
  void aZooKeeperDataDirectoryIsRefused() throws Exception {
    Files.createDirectories(dir.resolve("version-2"));
    assertThatThrownBy(this::recover)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("ZooKeeper data directory");
  }

  @Test
  void unfinishedSnapshotsAreDeleted() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 8)) {
      f.txns(10);
      Files.write(dir.resolve(SnapshotFormat.fileName(10) + ".tmp"), new byte[100]);
      assertSameState(recover().tree(), f.tree);
      assertThat(dir.resolve(SnapshotFormat.fileName(10) + ".tmp")).doesNotExist();
    }
  }
}
