package io.paddock.log;

import static io.paddock.log.LogTestSupport.flipBit;
import static io.paddock.log.LogTestSupport.overwrite;
import static io.paddock.log.LogTestSupport.replay;
import static io.paddock.log.LogTestSupport.writeLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogRecoveryTest {
  private final Disk disk = Disk.real();
  @TempDir Path tmp;

  private Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static Path only(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("log-")).findFirst().get();
    }
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Path target = to.resolve(from.getFileName());
    Files.copy(from, target);
    return target;
  }

  private static int recordBytes(Txn txn) {
    return LogFormat.recordBytes(TxnCodec.encode(txn).length);
  }

  @Test
  void recordsRoundTripAcrossSegmentsAndReplayStartsAfterTheSnapshot() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 1, 0, 500, 100, 4096);
    assertThat(LogRecovery.segments(disk, dir)).hasSize(5);
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written);
    assertThat(replay(disk, dir, 250))
        .usingRecursiveComparison()
        .isEqualTo(written.subList(250, 500));
    LogRecovery.Result r = LogRecovery.replay(disk, dir, 500, t -> {});
    assertThat(r).isEqualTo(new LogRecovery.Result(500, 0, 0));
  }

  @Test
  void anEmptyDirectoryIsAnEmptyLog() throws Exception {
    assertThat(LogRecovery.replay(disk, dir("empty"), 0, t -> {}))
        .isEqualTo(new LogRecovery.Result(0, 0, 0));
    assertThat(LogRecovery.replay(disk, dir("empty2"), 77, t -> {}).lastZxid()).isEqualTo(77);
  }

  @Test
  void aTornLastRecordIsCutAtEveryByteOffset() throws Exception {
    Path original = dir("original");
    List<Txn> written = writeLog(disk, original, 2, 0, 20, 1000, 0);
    Path file = only(original);
    long size = Files.size(file);
    long lastStart = size - recordBytes(written.get(19));
    for (long cut = lastStart; cut < size; cut++) {
      Path copy = copy(file, dir("cut" + cut));
      try (var ch =
          java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(cut);
      }
      assertThat(replay(disk, copy.getParent(), 0))
          .as("cut at %d", cut)
          .usingRecursiveComparison()
          .isEqualTo(written.subList(0, 19));
      // Cut at the last good record, unless what is left of the torn one is zeros (an end).
      assertThat(Files.size(copy) == lastStart || SegmentScanner.zerosFrom(disk, copy, lastStart))
          .as("cut at %d: nothing but zeros after the last good record", cut)
          .isTrue();
      assertThat(replay(disk, copy.getParent(), 0)).hasSize(19); // and stays readable
    }
  }

  @Test
  void aPartlyWrittenLastRecordInPreallocatedSpaceIsCutAtEveryByteOffset() throws Exception {
    Path original = dir("original");
    List<Txn> written = writeLog(disk, original, 3, 0, 20, 1000, 1 << 16);
    Path file = only(original);
    long recordEnd = LogFormat.HEADER_BYTES;
    for (Txn t : written) {
      recordEnd += recordBytes(t);
    }
    long lastStart = recordEnd - recordBytes(written.get(19));
    Random random = new Random(3);
    for (long cut = lastStart; cut < recordEnd; cut++) {
      for (boolean garbage : new boolean[] {false, true}) {
        Path copy = copy(file, dir("cut" + cut + garbage));
        byte[] rest = new byte[(int) (recordEnd - cut)];
        if (garbage) {
          random.nextBytes(rest);
        }
        overwrite(copy, cut, rest);
        assertThat(replay(disk, copy.getParent(), 0))
            .as("cut at %d, garbage %s", cut, garbage)
            .usingRecursiveComparison()
            .isEqualTo(written.subList(0, 19));
        assertThat(Files.size(copy) == lastStart || SegmentScanner.zerosFrom(disk, copy, lastStart))
            .as("cut at %d, garbage %s: nothing but zeros after the last good record", cut, garbage)
            .isTrue();
        if (garbage) {
          assertThat(Files.size(copy)).isEqualTo(lastStart);
        }
      }
    }
  }

  @Test
  void aFlippedBitAnywhereInTheLastRecordCutsIt() throws Exception {
    Path original = dir("original");
    List<Txn> written = writeLog(disk, original, 4, 0, 10, 1000, 0);
    Path file = only(original);
    long size = Files.size(file);
    long lastStart = size - recordBytes(written.get(9));
    for (long at = lastStart; at < size; at++) {
      for (int bit = 0; bit < 8; bit += 3) {
        Path copy = copy(file, dir("flip" + at + "-" + bit));
        flipBit(copy, at, bit);
        assertThat(replay(disk, copy.getParent(), 0))
            .as("bit %d of byte %d", bit, at)
            .usingRecursiveComparison()
            .isEqualTo(written.subList(0, 9));
      }
    }
  }

  @Test
  void damageInsideTheLastSegmentCutsTheLogThere() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 5, 0, 10, 1000, 0);
    long third =
        (long) LogFormat.HEADER_BYTES + recordBytes(written.get(0)) + recordBytes(written.get(1));
    flipBit(only(dir), third + 20, 0);
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written.subList(0, 2));
  }

  @Test
  void damageInASegmentWithLaterSegmentsRefusesToStart() throws Exception {
    Path dir = dir("log");
    writeLog(disk, dir, 6, 0, 30, 10, 0);
    Path middle = LogRecovery.segments(disk, dir).get(1).path();
    flipBit(middle, Files.size(middle) - 3, 2);
    assertThatThrownBy(() -> replay(disk, dir, 0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(middle.getFileName().toString())
        .hasMessageContaining("later segments exist");
  }

  @Test
  void aMissingMiddleSegmentRefusesToStart() throws Exception {
    Path dir = dir("log");
    writeLog(disk, dir, 7, 0, 30, 10, 0);
    Files.delete(LogRecovery.segments(disk, dir).get(1).path());
    assertThatThrownBy(() -> replay(disk, dir, 0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("a segment is missing");
  }

  @Test
  void aLogThatStartsAfterTheSnapshotRefusesToStart() throws Exception {
    Path dir = dir("log");
    writeLog(disk, dir, 8, 0, 30, 10, 0);
    Files.delete(LogRecovery.segments(disk, dir).get(0).path());
    assertThatThrownBy(() -> replay(disk, dir, 5))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("starts after zxid 0xa")
        .hasMessageContaining("snapshot ends at 0x5");
    // From a snapshot at 10 or later, the first segment is not needed.
    assertThat(replay(disk, dir, 10)).hasSize(20);
  }

  @Test
  void segmentsBeforeTheSnapshotAreNotRead() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 9, 0, 30, 10, 0);
    overwrite(LogRecovery.segments(disk, dir).get(0).path(), 40, new byte[] {1, 2, 3, 4, 5});
    assertThat(replay(disk, dir, 10)).usingRecursiveComparison().isEqualTo(written.subList(10, 30));
  }

  @Test
  void anUnknownFormatVersionRefusesToStart() throws Exception {
    Path dir = dir("log");
    writeLog(disk, dir, 10, 0, 5, 10, 0);
    overwrite(only(dir), 4, new byte[] {0, 0, 0, 9});
    assertThatThrownBy(() -> replay(disk, dir, 0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("log format version 9");
  }

  @Test
  void aSegmentWhoseCreationWasInterruptedIsDeleted() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 11, 0, 5, 10, 0);
    Path leftover = dir.resolve(LogFormat.segmentName(6));
    byte[] torn = new byte[4096];
    ByteBuffer.wrap(torn).put(LogFormat.header(6, 5).limit(10));
    Files.write(leftover, torn);
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written);
    assertThat(leftover).doesNotExist();
  }

  /**
   * A restart whose first write got its segment created but not its record (a full disk): at the
   * next start that segment is deleted, so the writer, which stamps the same zxid again, can create
   * it anew.
   */
  @Test
  void aSegmentWithoutRecordsAtTheEndIsDeletedSoItsZxidCanStartASegmentAgain() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 14, 0, 5, 10, 4096);
    try (LogWriter w = new LogWriter(disk, dir, new LogWriter.Options(true, 4096, 1 << 20), 5)) {
      w.append(6, new byte[] {1}); // creates log-6 with its header synced; closed unsynced
    }
    Path empty = dir.resolve(LogFormat.segmentName(6));
    assertThat(empty).exists();
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written);
    assertThat(empty).doesNotExist();
    written.addAll(writeLog(disk, dir, 15, 5, 3, 10, 4096)); // zxids 6..8, in a new log-6
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written);
  }

  /**
   * A segment without records named after a later zxid (the refused write before it took zxid 6),
   * clean or with a torn first record: kept, the records written after the restart (from zxid 6)
   * would go into a segment sorting before it, and its prevZxid would then make the start after
   * that see a hole.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSegmentWithoutRecordsAtTheEndDoesNotBreakTheStartAfterTheNext(boolean tornRecord)
      throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 16, 0, 5, 10, 4096);
    try (LogWriter w = new LogWriter(disk, dir, new LogWriter.Options(true, 4096, 1 << 20), 5)) {
      w.append(7, new byte[] {1});
    }
    Path empty = dir.resolve(LogFormat.segmentName(7));
    if (tornRecord) {
      overwrite(empty, LogFormat.HEADER_BYTES, new byte[] {0, 0, 1, 0, 9, 9, 9});
    }
    LogRecovery.Result first = LogRecovery.replay(disk, dir, 0, t -> {});
    assertThat(first).isEqualTo(new LogRecovery.Result(5, 5, 0));
    assertThat(empty).doesNotExist();
    written.addAll(writeLog(disk, dir, 17, 5, 5, 10, 4096)); // zxids 6..10, past 7
    assertThat(replay(disk, dir, 0)).usingRecursiveComparison().isEqualTo(written);
  }

  @Test
  void aDamagedHeaderOnASegmentWithRecordsRefusesToStart() throws Exception {
    Path dir = dir("log");
    writeLog(disk, dir, 12, 0, 5, 10, 0);
    flipBit(only(dir), 9, 1);
    assertThatThrownBy(() -> replay(disk, dir, 0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("damaged header");
  }

  @Test
  void preallocationReservesSpaceAheadAndTheZerosReadAsTheEnd() throws Exception {
    Path dir = dir("log");
    List<Txn> written = writeLog(disk, dir, 13, 0, 3, 10, 1 << 16);
    assertThat(Files.size(only(dir))).isEqualTo(LogFormat.HEADER_BYTES + (1 << 16));
    LogRecovery.Result r = LogRecovery.replay(disk, dir, 0, t -> {});
    assertThat(r.truncatedBytes()).isZero();
    assertThat(r.lastZxid()).isEqualTo(written.get(2).zxid());
  }

  @Test
  void zxidsMayJumpButMustIncrease() throws Exception {
    Path dir = dir("log");
    try (LogWriter w = new LogWriter(disk, dir, new LogWriter.Options(true, 0, 1 << 20), 0)) {
      w.append(1, new byte[] {1});
      w.append(5, new byte[] {1});
      assertThatThrownBy(() -> w.append(5, new byte[] {1}))
          .isInstanceOf(IllegalArgumentException.class);
      w.sync();
    }
    List<Long> zxids = new java.util.ArrayList<>();
    SegmentScanner.scan(disk, only(dir), (zxid, payload) -> zxids.add(zxid));
    assertThat(zxids).containsExactly(1L, 5L);
  }
}
