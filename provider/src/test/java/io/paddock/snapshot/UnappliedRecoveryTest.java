package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.LogTestSupport;
import io.paddock.log.StorageException;
import io.paddock.tree.DataTree;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnappliedRecoveryTest {
  private static final TreeConfig MAX = StorageFixture.MAX;
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  private Recovery.Unapplied recover() throws Exception {
    return Recovery.recoverUnapplied(disk, dir, dir, MAX);
  }

  @Test
  void anEmptyDirectoryGivesAnEmptyTreeAndNoLog() throws Exception {
    Recovery.Unapplied r = recover();
    assertSameState(r.tree(), new DataTree(MAX));
    assertThat(r.snapshotZxid()).isZero();
    assertThat(r.lastZxid()).isZero();
    assertThat(r.log()).isEmpty();
  }

  @Test
  void theTreeIsAtTheSnapshotAndTheLogAfterItComesBackUnapplied() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 31)) {
      f.txns(300);
      f.snapshot();
      f.txns(120);
      Recovery.Unapplied r = recover();
      assertThat(r.snapshotZxid()).isEqualTo(300);
      assertThat(r.tree().lastAppliedZxid()).as("nothing applied").isEqualTo(300);
      assertSameState(r.tree(), SnapshotFileTest.randomTree(31, 300));
      assertThat(r.log()).extracting(Txn::zxid).containsExactlyElementsOf(range(301, 420));
      assertThat(r.log())
          .usingRecursiveComparison()
          .isEqualTo(LogTestSupport.replay(disk, dir, 300));
      assertThat(r.lastZxid()).isEqualTo(420);
      // Applying them gives what recover gives: the same files, the same history.
      r.log().forEach(r.tree()::apply);
      assertSameState(r.tree(), f.tree);
      assertSameState(Recovery.recover(disk, dir, dir, MAX).tree(), f.tree);
    }
  }

  @Test
  void aTornTailIsCutAsRecoverCutsIt() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 32)) {
      f.txns(50);
      Path last = LogRecovery.segments(disk, dir).get(0).path();
      long end = Files.size(last);
      LogTestSupport.overwrite(last, end, new byte[] {0, 0, 0, 40, 1, 2, 3}); // a torn record
      Recovery.Unapplied r = recover();
      assertThat(r.log()).hasSize(50);
      // Cut after the last good record: the reserved zeros before the torn bytes go too.
      assertThat(Files.size(last)).isLessThan(end);
      assertThat(r.truncatedBytes()).isEqualTo(end + 7 - Files.size(last));
      assertThat(Recovery.recoverUnapplied(disk, dir, dir, MAX).truncatedBytes()).isZero();
    }
  }

  @Test
  void aDamagedSnapshotFallsBackAndTheLogStartsAfterTheOlderOne() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 33)) {
      f.txns(100);
      f.snapshot();
      f.txns(100);
      SnapshotWriter.Written newest = f.snapshot();
      f.txns(10);
      LogTestSupport.flipBit(newest.path(), Files.size(newest.path()) / 2, 1);
      Recovery.Unapplied r = recover();
      assertThat(r.skippedSnapshots()).isEqualTo(1);
      assertThat(r.snapshotZxid()).isEqualTo(100);
      assertThat(r.log()).extracting(Txn::zxid).containsExactlyElementsOf(range(101, 210));
    }
  }

  @Test
  void aHoleInTheHistoryIsRefusedAsRecoverRefusesIt() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 34)) {
      f.txns(100);
      f.snapshot();
      f.txns(100);
      f.snapshot();
      f.txns(100);
      Files.delete(LogRecovery.segments(disk, dir).get(1).path());
      Files.delete(dir.resolve(SnapshotFormat.fileName(200)));
      assertThatThrownBy(this::recover)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("a segment is missing");
    }
  }

  @Test
  void anUnknownSnapshotVersionIsRefused() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 35)) {
      f.txns(10);
      SnapshotWriter.Written snap = f.snapshot();
      LogTestSupport.overwrite(snap.path(), 4, new byte[] {0, 0, 0, 3});
      assertThatThrownBy(this::recover)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("snapshot format version 3");
    }
  }

  private static List<Long> range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
  }
}
