package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.LogTestSupport;
import io.paddock.log.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  private static SnapshotFiles.Snapshot snap(long zxid) {
    return new SnapshotFiles.Snapshot(zxid, Path.of(SnapshotFormat.fileName(zxid)));
  }

  private static LogRecovery.Segment seg(long first) {
    return new LogRecovery.Segment(first, Path.of("log-" + first));
  }

  @Test
  void keepsTheNewestSnapshotsAndEverySegmentTheOldestKeptOneNeeds() {
    Retention.Plan plan =
        Retention.plan(
            List.of(snap(10), snap(20), snap(30), snap(40)),
            List.of(seg(1), seg(11), seg(21), seg(31), seg(41)),
            3);
    assertThat(plan.snapshots()).containsExactly(snap(10).path());
    // Snapshot 20 needs records from 21 on: segment 11 ends before 21, segment 21 holds them.
    assertThat(plan.segments()).containsExactly(seg(1).path(), seg(11).path());
  }

  @Test
  void aSegmentStraddlingTheOldestKeptSnapshotIsKept() {
    Retention.Plan plan =
        Retention.plan(List.of(snap(5), snap(15), snap(25)), List.of(seg(1), seg(11), seg(21)), 2);
    assertThat(plan.snapshots()).containsExactly(snap(5).path());
    // Segment 11 holds 11..20, and recovery from snapshot 15 needs 16..20 from it.
    assertThat(plan.segments()).containsExactly(seg(1).path());
  }

  @Test
  void theNewestSegmentAndEverythingWithoutSnapshotsStay() {
    assertThat(Retention.plan(List.of(), List.of(seg(1), seg(5)), 3).segments()).isEmpty();
    Retention.Plan plan = Retention.plan(List.of(snap(100)), List.of(seg(1), seg(5)), 3);
    assertThat(plan.segments()).containsExactly(seg(1).path());
    assertThat(plan.snapshots()).isEmpty();
    assertThatThrownBy(() -> Retention.plan(List.of(), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void afterAPurgeEveryKeptSnapshotCanStillRecover() throws Exception {
    try (StorageFixture f = new StorageFixture(disk, dir, 21)) {
      for (int i = 0; i < 6; i++) {
        f.txns(100);
        f.snapshot();
      }
      f.txns(37);
      Retention.Plan plan = Retention.purge(disk, dir, dir, 3);
      assertThat(plan.snapshots()).hasSize(3);
      assertThat(SnapshotFiles.list(disk, dir))
          .extracting(SnapshotFiles.Snapshot::zxid)
          .containsExactly(400L, 500L, 600L);
      assertThat(LogRecovery.segments(disk, dir))
          .extracting(LogRecovery.Segment::firstZxid)
          .containsExactly(401L, 501L, 601L);
      assertSameState(Recovery.recover(disk, dir, dir, StorageFixture.MAX).tree(), f.tree);
      // The two newest snapshots damaged: the oldest kept one and the log still suffice.
      for (long zxid : new long[] {500, 600}) {
        LogTestSupport.flipBit(dir.resolve(SnapshotFormat.fileName(zxid)), 50, 1);
      }
      Recovery.Recovered r = Recovery.recover(disk, dir, dir, StorageFixture.MAX);
      assertSameState(r.tree(), f.tree);
      assertThat(r.snapshotZxid()).isEqualTo(400);
      // All three damaged: what is needed is gone, and the server says so instead of guessing.
      LogTestSupport.flipBit(dir.resolve(SnapshotFormat.fileName(400)), 50, 1);
      assertThatThrownBy(() -> Recovery.recover(disk, dir, dir, StorageFixture.MAX))
          .isInstanceOf(StorageException.class);
      assertThat(Files.exists(dir.resolve(SnapshotFormat.fileName(400)))).isTrue();
    }
  }
}
