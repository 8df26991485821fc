package io.paddock.snapshot;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.LogTestSupport;
import io.paddock.log.StorageException;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.NodeRecord;
import io.paddock.tree.TreeConfig;
import io.paddock.tree.TreeRestorer;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotFileTest {
  private static final TreeConfig MAX = new TreeConfig(1 << 20);
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  static DataTree randomTree(long seed, int txns) {
    DataTree tree = new DataTree(MAX);
    TxnGen gen = new TxnGen(seed, 1);
    for (int i = 0; i < txns; i++) {
      tree.apply(gen.next());
    }
    return tree;
  }

  private SnapshotWriter.Written write(DataTree tree, boolean compress) throws Exception {
    FrozenTree view = tree.freeze();
    try {
      return SnapshotWriter.write(disk, dir, view, compress);
    } finally {
      tree.release(view);
    }
  }

  @ParameterizedTest
  @CsvSource({"1,true", "2,true", "3,false", "4,false"})
  void treesRoundTripExactly(long seed, boolean compress) throws Exception {
    DataTree tree = randomTree(seed, 3000);
    SnapshotWriter.Written w = write(tree, compress);
    assertThat(w.path().getFileName().toString())
        .isEqualTo(SnapshotFormat.fileName(tree.lastAppliedZxid()));
    assertThat(w.fileBytes()).isEqualTo(Files.size(w.path()));
    assertThat(w.nodes()).isEqualTo(tree.nodeCount());
    assertSameState(SnapshotReader.read(disk, w.path(), MAX), tree);
    assertThat(SnapshotFiles.list(disk, dir)).hasSize(1);
  }

  @Test
  void aSnapshotWrittenWhileTheTreeChangesHoldsTheFrozenState() throws Exception {
    DataTree tree = randomTree(5, 2000);
    DataTree expected = randomTree(5, 2000);
    FrozenTree view = tree.freeze();
    TxnGen later = new TxnGen(99, tree.lastAppliedZxid() + 1);
    for (int i = 0; i < 500; i++) {
      tree.apply(later.next());
    }
    SnapshotWriter.Written w = SnapshotWriter.write(disk, dir, view, true);
    tree.release(view);
    assertSameState(SnapshotReader.read(disk, w.path(), MAX), expected);
  }

  @Test
  void plainFileBytesArePinned() throws Exception {
    TreeRestorer r = DataTree.restorer(MAX, 0x2a);
    r.session(9, 3000);
    r.node(new NodeRecord("/", new byte[0], Acl.OPEN_ACL_UNSAFE, 1, 2, 3, 4, 5, 6, 7, 8, 0));
    SnapshotWriter.Written w = write(r.finish(), false);
    String expected =
        "50444b53 00000002 000000000000002a 00000000 0000000000000000 cc87039f"
            + " 00000001 0000000000000009 00000bb8"
            + " 00000001" // nodes
            + " 00000001 00000064" // a block of one node, 100 bytes of structure
            + " 00000001 2f 00000000"
            + " 00000000 00000001 0000001f 00000005 776f726c64 00000006 616e796f6e65"
            + " 0000000000000001 0000000000000002 0000000000000003 0000000000000004"
            + " 0000000000000005 00000006 00000007 00000008 0000000000000000"
            + " 0000000000000080 e25f9023 50444b45";
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(w.path())))
        .isEqualTo(expected.replace(" ", ""));
  }

  @Test
  void everyTruncationIsDetected() throws Exception {
    SnapshotWriter.Written w = write(randomTree(6, 300), true);
    byte[] full = Files.readAllBytes(w.path());
    Path cut = dir.resolve(SnapshotFormat.fileName(w.zxid() + 1));
    for (int length = 0; length < full.length; length++) {
      Files.write(cut, java.util.Arrays.copyOf(full, length));
      int at = length;
      assertThatThrownBy(() -> SnapshotReader.read(disk, cut, MAX))
          .as("cut at %d of %d", at, full.length)
          .isInstanceOf(CorruptFileException.class);
    }
  }

  @Test
  void everyFlippedBitIsDetected() throws Exception {
    SnapshotWriter.Written w = write(randomTree(7, 200), true);
    byte[] full = Files.readAllBytes(w.path());
    Path damaged = dir.resolve("snap-00000000000000ff");
    for (int at = 0; at < full.length; at++) {
      byte[] copy = full.clone();
      copy[at] ^= (byte) (1 << (at % 8));
      Files.write(damaged, copy);
      int where = at;
      assertThatThrownBy(() -> SnapshotReader.read(disk, damaged, MAX))
          .as("bit flipped in byte %d of %d", where, full.length)
          .isInstanceOfAny(
              where >= 4 && where < 8 ? StorageException.class : CorruptFileException.class);
    }
  }

  @Test
  void anotherFormatVersionIsRefusedNotSkipped() throws Exception {
    SnapshotWriter.Written w = write(randomTree(8, 10), true);
    LogTestSupport.overwrite(w.path(), 4, new byte[] {0, 0, 0, 1});
    assertThatThrownBy(() -> SnapshotReader.read(disk, w.path(), MAX))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("snapshot format version 1");
  }

  @Test
  void aFileNamedForAnotherZxidIsCorrupt() throws Exception {
    SnapshotWriter.Written w = write(randomTree(9, 10), true);
    Path renamed = dir.resolve(SnapshotFormat.fileName(w.zxid() + 5));
    Files.move(w.path(), renamed);
    assertThatThrownBy(() -> SnapshotReader.read(disk, renamed, MAX))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("header says zxid");
  }

  @Test
  void namesAndTemporaries() throws Exception {
    assertThat(SnapshotFormat.fileName(0x1f)).isEqualTo("snap-000000000000001f");
    assertThat(SnapshotFormat.zxidOf("snap-000000000000001f")).isEqualTo(0x1f);
    assertThat(SnapshotFormat.zxidOf("snap-000000000000001f.tmp")).isEqualTo(-1);
    Files.write(dir.resolve("snap-000000000000001f.tmp"), new byte[3]);
    Files.write(dir.resolve("unrelated.tmp"), new byte[3]);
    SnapshotFiles.deleteTemporaries(disk, dir);
    assertThat(dir.resolve("snap-000000000000001f.tmp")).doesNotExist();
    assertThat(dir.resolve("unrelated.tmp")).exists();
  }

  @Test
  void structureShrinksWhileIncompressibleDataIsKeptAsItIs() throws Exception {
    DataTree tree = new DataTree(MAX);
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 3000; i++) {
      byte[] data = new byte[100];
      random.nextBytes(data);
      tree.apply(
          new Txn(
              i + 1,
              0,
              0,
              0,
              List.of(),
              new io.paddock.txn.TxnOp.Create(
                  "/node-" + i,
                  data,
                  Acl.OPEN_ACL_UNSAFE,
                  io.paddock.api.CreateMode.PERSISTENT,
                  0)));
    }
    SnapshotWriter.Written w = write(tree, true);
    long dataBytes = 3000L * 100;
    long structureBytes = w.bodyBytes() - dataBytes;
    // the data is there byte for byte; the structure (paths and stats) takes a third at most
    assertThat(w.fileBytes()).isBetween(dataBytes, dataBytes + structureBytes / 3);
    assertSameState(SnapshotReader.read(disk, w.path(), MAX), tree);
  }

  @Test
  void sharedAclsAreStoredOnce() throws Exception {
    DataTree tree = new DataTree(MAX);
    List<Txn> creates = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      creates.add(
          new Txn(
              i + 1,
              0,
              0,
              0,
              List.of(),
              new io.paddock.txn.TxnOp.Create(
                  "/n" + i,
                  new byte[0],
                  List.copyOf(new ArrayList<>(Acl.OPEN_ACL_UNSAFE)),
                  io.paddock.api.CreateMode.PERSISTENT,
                  0)));
    }
    creates.forEach(tree::apply);
    SnapshotWriter.Written w = write(tree, false);
    // per node: path ~9 + data 4 + ref 4 + stat 60; an inline ACL would add 35 more each
    assertThat(w.bodyBytes()).isLessThan(1004L * 80);
    DataTree back = SnapshotReader.read(disk, w.path(), MAX);
    assertThat(back.get("/n1").acl()).isSameAs(back.get("/n2").acl());
  }
}
