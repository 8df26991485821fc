package io.paddock.log;

import static io.paddock.log.LogTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnGen;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriterTest {
  private final FaultyDisk disk = new FaultyDisk();
  @TempDir Path dir;

  private final TxnGen gen = new TxnGen(42, 1);

  private LogWriter writer(long preAlloc) {
    return new LogWriter(disk, dir, new LogWriter.Options(true, preAlloc, 1L << 30), 0);
  }

  private List<Txn> append(LogWriter w, int count) throws IOException {
    List<Txn> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Txn txn = gen.next();
      w.append(txn.zxid(), TxnCodec.encode(txn));
      out.add(txn);
    }
    return out;
  }

  @Test
  void oneSyncCoversEveryAppendSinceTheLast() throws Exception {
    try (LogWriter w = writer(4096)) {
      append(w, 1000);
      long before = disk.fileSyncs(); // the new segment's header was synced on creation
      w.sync();
      assertThat(disk.fileSyncs() - before).isEqualTo(1);
      assertThat(w.syncs()).isEqualTo(1);
      w.sync(); // nothing new: no sync
      assertThat(w.syncs()).isEqualTo(1);
      assertThat(w.lastSyncedZxid()).isEqualTo(1000);
    }
    assertThat(replay(disk, dir, 0)).hasSize(1000);
  }

  @Test
  void afterAFailedWriteTheSegmentIsCutBackAndANewOneStarts() throws Exception {
    List<Txn> durable = new ArrayList<>();
    try (LogWriter w = writer(0)) {
      durable.addAll(append(w, 5));
      w.sync();
      Path first = w.currentSegment();
      long syncedSize = java.nio.file.Files.size(first);
      disk.failWrites(true);
      append(w, 3000); // more than the buffer: the write fails half-way, like a full disk
      assertThatThrownBy(w::sync).isInstanceOf(IOException.class);
      assertThat(java.nio.file.Files.size(first))
          .as("half a batch landed")
          .isGreaterThan(syncedSize);
      w.abandonUnsynced(); // cutting back works on a full disk: it frees space
      disk.failWrites(false);
      assertThat(java.nio.file.Files.size(first)).isEqualTo(syncedSize);
      assertThat(w.currentSegment()).isNull();
      assertThat(w.lastSyncedZxid()).isEqualTo(5);
      durable.addAll(append(w, 2)); // zxids 3006, 3007: the refused ones are never written
      w.sync();
      assertThat(w.currentSegment()).isNotEqualTo(first);
    }
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(durable);
  }

  @Test
  void afterAFailedSyncNothingUnsyncedIsKept() throws Exception {
    List<Txn> durable = new ArrayList<>();
    try (LogWriter w = writer(1 << 16)) {
      durable.addAll(append(w, 5));
      w.sync();
      disk.failSyncs(true);
      append(w, 5);
      assertThatThrownBy(w::sync).isInstanceOf(IOException.class);
      assertThat(w.lastSyncedZxid()).isEqualTo(5);
      disk.failSyncs(false);
      w.abandonUnsynced();
      durable.addAll(append(w, 5));
      w.sync();
    }
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(durable);
    assertThat(LogRecovery.segments(disk, dir)).hasSize(2);
  }

  @Test
  void aSegmentThatCannotBeCreatedLeavesNothing() throws Exception {
    try (LogWriter w = writer(0)) {
      disk.failWrites(true);
      Txn txn = gen.next();
      assertThatThrownBy(() -> w.append(txn.zxid(), TxnCodec.encode(txn)))
          .isInstanceOf(IOException.class);
      disk.failWrites(false);
      w.abandonUnsynced();
      append(w, 1);
      w.sync();
    }
    assertThat(LogRecovery.segments(disk, dir)).hasSize(1);
    assertThat(replay(disk, dir, 0)).hasSize(1);
  }

  @Test
  void withoutForceSyncNothingIsSyncedButRecordsAreWritten() throws Exception {
    try (LogWriter w = new LogWriter(disk, dir, new LogWriter.Options(false, 0, 1 << 20), 0)) {
      append(w, 10);
      long before = disk.fileSyncs();
      w.sync();
      assertThat(disk.fileSyncs()).isEqualTo(before);
      assertThat(w.lastSyncedZxid()).isEqualTo(10);
    }
    assertThat(replay(disk, dir, 0)).hasSize(10);
  }

  @Test
  void aFullSegmentIsClosedAndTheNextStarts() throws Exception {
    try (LogWriter w = new LogWriter(disk, dir, new LogWriter.Options(true, 0, 2000), 0)) {
      for (int i = 0; i < 50; i++) {
        append(w, 5);
        w.sync();
      }
    }
    assertThat(LogRecovery.segments(disk, dir).size()).isGreaterThan(3);
    assertThat(replay(disk, dir, 0)).hasSize(250);
  }
}
