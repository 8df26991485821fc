package io.paddock.log;

import static io.paddock.log.LogTestSupport.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnGen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogTruncationTest {
  private static final int RECORDS = 30;
  private static final int PER_SEGMENT = 7; // segments start at 1, 8, 15, 22, 29

  private final Disk disk = Disk.real();
  @TempDir Path root;

  private static LogWriter writer(Disk disk, Path dir, long lastZxid) {
    return new LogWriter(disk, dir, new LogWriter.Options(true, 4096, 1L << 30), lastZxid);
  }

  private static List<Txn> append(LogWriter w, long seed, long firstZxid, int count)
      throws IOException {
    List<Txn> out = new ArrayList<>();
    TxnGen gen = new TxnGen(seed, firstZxid);
    for (int i = 0; i < count; i++) {
      Txn txn = gen.next();
      w.append(txn.zxid(), TxnCodec.encode(txn));
      out.add(txn);
    }
    return out;
  }

  private Path freshDir(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  @Test
  void truncatingAtEveryPositionKeepsExactlyThePrefixAndAppendsContinue() throws Exception {
    for (int cut = 0; cut <= RECORDS; cut++) {
      Path dir = freshDir("cut-" + cut);
      List<Txn> log = LogTestSupport.writeLog(disk, dir, 11, 0, RECORDS, PER_SEGMENT, 4096);
      assertThat(LogRecovery.segments(disk, dir)).hasSize(5);
      List<Txn> expected = new ArrayList<>(log.subList(0, cut));
      try (LogWriter w = writer(disk, dir, RECORDS)) {
        w.truncateAfter(cut);
        assertThat(w.lastSyncedZxid()).isEqualTo(cut);
        assertThat(replay(disk, dir, 0))
            .as("after cut %d", cut)
            .usingRecursiveComparison()
            .isEqualTo(expected);
        for (LogRecovery.Segment s : LogRecovery.segments(disk, dir)) {
          assertThat(s.firstZxid()).isLessThanOrEqualTo(cut);
        }
        long atCut = cut;
        assertThatThrownBy(() -> append(w, 12, atCut, 1))
            .as("zxids up to the cut are refused")
            .isInstanceOf(IllegalArgumentException.class);
        expected.addAll(append(w, 12, cut + 1, 3));
        w.sync();
      }
      assertThat(replay(disk, dir, 0))
          .as("cut %d, then 3 appended", cut)
          .usingRecursiveComparison()
          .isEqualTo(expected);
      LogRecovery.Result r = LogRecovery.replay(disk, dir, 0, txn -> {});
      assertThat(r.lastZxid()).isEqualTo(cut + 3);
      assertThat(r.truncatedBytes()).isZero();
    }
  }

  @Test
  void truncatingAtTheLastRecordChangesNothing() throws Exception {
    List<Txn> log = LogTestSupport.writeLog(disk, root, 13, 0, RECORDS, PER_SEGMENT, 4096);
    List<LogRecovery.Segment> before = LogRecovery.segments(disk, root);
    long lastSize = Files.size(before.get(before.size() - 1).path());
    try (LogWriter w = writer(disk, root, RECORDS)) {
      w.truncateAfter(RECORDS);
      w.truncateAfter(RECORDS + 5); // beyond the end: nothing to remove either
      assertThat(w.lastSyncedZxid()).isEqualTo(RECORDS);
    }
    assertThat(LogRecovery.segments(disk, root)).isEqualTo(before);
    assertThat(Files.size(before.get(before.size() - 1).path())).isEqualTo(lastSize);
    assertThat(replay(disk, root, 0)).usingRecursiveComparison().isEqualTo(log);
  }

  @Test
  void unsyncedRecordsAboveTheCutGoAndThoseBelowItBecomeDurable() throws Exception {
    List<Txn> expected = new ArrayList<>();
    try (LogWriter w = writer(disk, root, 0)) {
      expected.addAll(append(w, 14, 1, 5));
      w.sync();
      List<Txn> unsynced = append(w, 14, 6, 4); // 6..9, still in the buffer
      w.truncateAfter(7);
      expected.addAll(unsynced.subList(0, 2));
      assertThat(w.lastSyncedZxid()).isEqualTo(7);
      assertThat(replay(disk, root, 0)).usingRecursiveComparison().isEqualTo(expected);
      expected.addAll(append(w, 15, 8, 2));
      w.sync();
    }
    assertThat(replay(disk, root, 0)).usingRecursiveComparison().isEqualTo(expected);
  }

  @Test
  void aCutBetweenTwoRecordsChainsTheNextSegmentToTheRecordKept() throws Exception {
    // zxids need not be consecutive: 2, 4, 6, ... A cut at 5 keeps 2 and 4; the next segment
    // must name 4 as its predecessor, or recovery would see a missing segment.
    List<Txn> expected = new ArrayList<>();
    try (LogWriter w = writer(disk, root, 0)) {
      for (long z = 2; z <= 12; z += 2) {
        Txn txn = new TxnGen(16, z).next();
        w.append(z, TxnCodec.encode(txn));
        if (z <= 4) {
          expected.add(txn);
        }
      }
      w.sync();
      w.truncateAfter(5);
      expected.addAll(append(w, 17, 6, 2));
      w.sync();
    }
    assertThat(replay(disk, root, 0)).usingRecursiveComparison().isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 7, 12, 29})
  void aCrashDuringTruncationLeavesALogThatRecoversAndTheTruncationCanBeRedone(int cut)
      throws Exception {
    CrashingDisk crashing = new CrashingDisk();
    boolean finished = false;
    for (int steps = 0; !finished; steps++) {
      Path dir = freshDir("steps-" + steps);
      List<Txn> log = LogTestSupport.writeLog(disk, dir, 18, 0, RECORDS, PER_SEGMENT, 4096);
      crashing.crashAfter(steps);
      try (LogWriter w = writer(crashing, dir, RECORDS)) {
        w.truncateAfter(cut);
        finished = true;
      } catch (IOException e) {
        assertThat(crashing.crashed()).as("only the injected crash fails").isTrue();
      }
      crashing.heal();
      // The restart: recovery accepts whatever the crash left, a prefix reaching the cut.
      List<Txn> recovered = replay(disk, dir, 0);
      assertThat(recovered.size()).as("crash after %d steps", steps).isGreaterThanOrEqualTo(cut);
      assertThat(recovered).usingRecursiveComparison().isEqualTo(log.subList(0, recovered.size()));
      if (finished) {
        assertThat(recovered).hasSize(cut);
      }
      // Redoing the truncation from the recovered state finishes it.
      try (LogWriter w = writer(disk, dir, recovered.isEmpty() ? 0 : recovered.size())) {
        w.truncateAfter(cut);
        w.append(cut + 1, TxnCodec.encode(new TxnGen(19, cut + 1).next()));
        w.sync();
      }
      List<Txn> after = replay(disk, dir, 0);
      assertThat(after).hasSize(cut + 1);
      assertThat(after.subList(0, cut)).usingRecursiveComparison().isEqualTo(log.subList(0, cut));
      assertThat(steps).as("truncation has a bounded number of steps").isLessThan(50);
    }
  }

  @Test
  void discardAllThenAppendAboveTheOldEnd() throws Exception {
    LogTestSupport.writeLog(disk, root, 20, 0, RECORDS, PER_SEGMENT, 4096);
    List<Txn> fresh;
    try (LogWriter w = writer(disk, root, RECORDS)) {
      append(w, 21, RECORDS + 1, 2); // unsynced: discarded too
      w.discardAll(100);
      assertThat(LogRecovery.segments(disk, root)).isEmpty();
      assertThat(w.lastSyncedZxid()).isEqualTo(100);
      assertThatThrownBy(() -> append(w, 21, 100, 1)).isInstanceOf(IllegalArgumentException.class);
      fresh = append(w, 22, 101, 5);
      w.sync();
    }
    assertThat(replay(disk, root, 100)).usingRecursiveComparison().isEqualTo(fresh);
    // The new log starts after 100: without a snapshot at 100 there is a hole, and recovery says
    // so.
    assertThatThrownBy(() -> replay(disk, root, 0))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("transactions in between are missing");
  }

  @Test
  void discardAllThenAppendBelowTheOldEnd() throws Exception {
    LogTestSupport.writeLog(disk, root, 23, 0, RECORDS, PER_SEGMENT, 4096);
    List<Txn> fresh;
    try (LogWriter w = writer(disk, root, RECORDS)) {
      w.discardAll(10);
      fresh = append(w, 24, 11, 4); // 11..14: names segment files the old log also used
      w.sync();
    }
    assertThat(LogRecovery.segments(disk, root)).hasSize(1);
    assertThat(replay(disk, root, 10)).usingRecursiveComparison().isEqualTo(fresh);
  }

  @Test
  void aCrashDuringDiscardLeavesAPrefixOfTheOldChain() throws Exception {
    CrashingDisk crashing = new CrashingDisk();
    boolean finished = false;
    for (int steps = 0; !finished; steps++) {
      Path dir = freshDir("steps-" + steps);
      List<Txn> log = LogTestSupport.writeLog(disk, dir, 25, 0, RECORDS, PER_SEGMENT, 4096);
      crashing.crashAfter(steps);
      try (LogWriter w = writer(crashing, dir, RECORDS)) {
        w.discardAll(RECORDS);
        finished = true;
      } catch (IOException e) {
        assertThat(crashing.crashed()).isTrue();
      }
      crashing.heal();
      List<Txn> recovered = replay(disk, dir, 0);
      assertThat(recovered).usingRecursiveComparison().isEqualTo(log.subList(0, recovered.size()));
      if (finished) {
        assertThat(recovered).isEmpty();
      }
      assertThat(steps).isLessThan(50);
    }
  }
}
