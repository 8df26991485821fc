package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.LogRecovery;
import io.paddock.log.LogTestSupport;
import io.paddock.log.LogWriter;
import io.paddock.log.StorageException;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import io.paddock.txn.TxnGen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotBytesTest {
  private static final TreeConfig MAX = StorageFixture.MAX;
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  private static byte[] encode(DataTree tree, boolean compress) throws IOException {
    FrozenTree view = tree.freeze();
    try {
      return SnapshotBytes.encode(view, compress);
    } finally {
      tree.release(view);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void theBytesAreExactlyTheFileTheWriterWrites(boolean compress) throws Exception {
    DataTree tree = SnapshotFileTest.randomTree(41, 1500);
    FrozenTree view = tree.freeze();
    byte[] bytes = SnapshotBytes.encode(view, compress);
    SnapshotWriter.Written w = SnapshotWriter.write(disk, dir, view, compress);
    tree.release(view);
    assertThat(bytes).isEqualTo(Files.readAllBytes(w.path()));
    assertThat((long) bytes.length).isEqualTo(w.fileBytes());
  }

  @Test
  void goodBytesInstallAsTheNewestSnapshot() throws Exception {
    DataTree older = SnapshotFileTest.randomTree(42, 100);
    DataTree leader = SnapshotFileTest.randomTree(43, 700);
    SnapshotBytes.install(disk, dir, encode(older, true), MAX);
    byte[] bytes = encode(leader, true);
    SnapshotBytes.Installed installed = SnapshotBytes.install(disk, dir, bytes, MAX);
    assertThat(installed.zxid()).isEqualTo(700);
    assertThat(installed.path()).isEqualTo(dir.resolve(SnapshotFormat.fileName(700)));
    assertSameState(installed.tree(), leader);
    assertThat(Files.readAllBytes(installed.path())).isEqualTo(bytes);
    assertThat(SnapshotFiles.list(disk, dir))
        .extracting(SnapshotFiles.Snapshot::zxid)
        .containsExactly(100L, 700L);
    assertThat(disk.list(dir)).noneMatch(n -> n.endsWith(".tmp"));
    assertSameState(Recovery.recover(disk, dir, dir, MAX).tree(), leader);
  }

  /**
   * The body checksum covers the body before compression (it checks the decompressor too), so a
   * flip that deflate decodes to the very same bytes (a back-reference to an equal earlier run,
   * say) cannot be seen, and need not be: the state is exact. Every other flip is refused, with
   * nothing written.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aFlippedBitAnywhereIsRefusedWithNothingWrittenOrChangesNothing(boolean compress)
      throws Exception {
    DataTree source = SnapshotFileTest.randomTree(44, 150);
    byte[] good = encode(source, compress);
    int refused = 0;
    for (int at = 0; at < good.length; at++) {
      byte[] bad = good.clone();
      bad[at] ^= (byte) (1 << (at % 8));
      SnapshotBytes.Installed installed;
      try {
        installed = SnapshotBytes.install(disk, dir, bad, MAX);
      } catch (StorageException e) {
        assertThat(at).as("only the version bytes make a StorageException").isBetween(4, 7);
        assertThat(disk.list(dir)).isEmpty();
        refused++;
        continue;
      } catch (CorruptFileException e) {
        assertThat(disk.list(dir)).as("refused at byte %d: nothing written", at).isEmpty();
        refused++;
        continue;
      }
      assertThat(compress).as("undetected flip at byte %d of a plain snapshot", at).isTrue();
      assertSameState(installed.tree(), source);
      Files.delete(installed.path());
    }
    assertThat(refused).isGreaterThan(good.length * 9 / 10);
  }

  @Test
  void truncatedBytesAreRefusedAndNothingIsWritten() throws Exception {
    byte[] good = encode(SnapshotFileTest.randomTree(45, 150), false);
    for (int length = 0; length < good.length; length++) {
      byte[] cut = Arrays.copyOf(good, length);
      int at = length;
      assertThatThrownBy(() -> SnapshotBytes.install(disk, dir, cut, MAX))
          .as("cut at %d of %d", at, good.length)
          .isInstanceOf(CorruptFileException.class)
          .hasMessageContaining("snapshot transfer");
    }
    assertThat(disk.list(dir)).isEmpty();
  }

  @Test
  void aSnapshotAboveTheSizeCapIsRefused() throws Exception {
    DataTree tree = SnapshotFileTest.randomTree(46, 300);
    int size = encode(tree, false).length;
    FrozenTree view = tree.freeze();
    try {
      assertThat(SnapshotBytes.encode(view, false, size)).hasSize(size);
      assertThatThrownBy(() -> SnapshotBytes.encode(view, false, size - 1))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("larger than " + (size - 1) + " bytes");
    } finally {
      tree.release(view);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 400}) // the follower's old log ends below, then above, the snapshot
  void installThenDiscardThenAppendRecoversTheLeadersHistory(int followerTxns) throws Exception {
    // The follower's own log, with a tail the leader's history does not have.
    List<Txn> own = LogTestSupport.writeLog(disk, dir, 47, 0, followerTxns, 30, 4096);
    DataTree leader = SnapshotFileTest.randomTree(48, 200);
    SnapshotBytes.Installed installed = SnapshotBytes.install(disk, dir, encode(leader, true), MAX);
    List<Txn> after = new ArrayList<>();
    try (LogWriter w =
        new LogWriter(disk, dir, new LogWriter.Options(true, 4096, 1L << 30), own.size())) {
      w.discardAll(installed.zxid());
      TxnGen gen = new TxnGen(49, installed.zxid() + 1);
      for (int i = 0; i < 25; i++) {
        Txn txn = gen.next();
        w.append(txn.zxid(), TxnCodec.encode(txn));
        after.add(txn);
      }
      w.sync();
    }
    assertThat(LogRecovery.segments(disk, dir)).hasSize(1);
    Recovery.Unapplied r = Recovery.recoverUnapplied(disk, dir, dir, MAX);
    assertThat(r.snapshotZxid()).isEqualTo(200);
    assertSameState(r.tree(), leader);
    assertThat(r.log()).usingRecursiveComparison().isEqualTo(after);
    after.forEach(leader::apply);
    assertSameState(Recovery.recover(disk, dir, dir, MAX).tree(), leader);
  }
}
