package io.paddock.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochFileTest {
  private final Disk disk = Disk.real();
  @TempDir Path dir;

  private Path file() {
    return dir.resolve(EpochFile.FILE_NAME);
  }

  @Test
  void anAbsentFileIsTheInitialState() throws Exception {
    assertThat(EpochFile.read(disk, dir)).isEqualTo(Epochs.INITIAL);
    assertThat(Epochs.INITIAL).isEqualTo(new Epochs(0, 0, 0));
  }

  @Test
  void theLastWriteIsReadBack() throws Exception {
    EpochFile.write(disk, dir, new Epochs(1, 2, 0));
    assertThat(EpochFile.read(disk, dir)).isEqualTo(new Epochs(1, 2, 0));
    EpochFile.write(disk, dir, new Epochs(1, 2, 1));
    EpochFile.write(disk, dir, new Epochs(Long.MAX_VALUE, 9, Long.MAX_VALUE - 1));
    assertThat(EpochFile.read(disk, dir))
        .isEqualTo(new Epochs(Long.MAX_VALUE, 9, Long.MAX_VALUE - 1));
    assertThat(disk.list(dir)).containsExactly(EpochFile.FILE_NAME);
  }

  @Test
  void fileBytesArePinned() throws Exception {
    EpochFile.write(disk, dir, new Epochs(7, 3, 6));
    // CRC32C computed independently of this code (bitwise, polynomial 0x82F63B78).
    String expected =
        "50444b48 00000001 0000000000000007 0000000000000003 0000000000000006 49d24189";
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(file())))
        .isEqualTo(expected.replace(" ", ""));
  }

  @Test
  void everyFlippedBitIsDetected() throws Exception {
    EpochFile.write(disk, dir, new Epochs(7, 3, 6));
    byte[] good = Files.readAllBytes(file());
    for (int at = 0; at < good.length; at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[at] ^= (byte) (1 << bit);
        Files.write(file(), bad);
        int where = at;
        assertThatThrownBy(() -> EpochFile.read(disk, dir))
            .as("bit %d of byte %d", bit, where)
            .isInstanceOf(
                where >= 4 && where < 8 ? StorageException.class : CorruptFileException.class)
            .hasMessageContaining(file().toString());
      }
    }
  }

  @Test
  void aCutOrLengthenedFileIsDetected() throws Exception {
    EpochFile.write(disk, dir, new Epochs(7, 3, 6));
    byte[] good = Files.readAllBytes(file());
    for (int length = 0; length < good.length; length++) {
      Files.write(file(), Arrays.copyOf(good, length));
      int at = length;
      assertThatThrownBy(() -> EpochFile.read(disk, dir))
          .as("cut at %d", at)
          .isInstanceOf(CorruptFileException.class);
    }
    Files.write(file(), Arrays.copyOf(good, good.length + 1));
    assertThatThrownBy(() -> EpochFile.read(disk, dir))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("37 bytes");
  }

  @Test
  void anUnknownVersionIsRefusedWithItsNumber() throws Exception {
    EpochFile.write(disk, dir, new Epochs(7, 3, 6));
    LogTestSupport.overwrite(file(), 4, new byte[] {0, 0, 0, 2});
    assertThatThrownBy(() -> EpochFile.read(disk, dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("epoch file format version 2");
  }

  @Test
  void valuesOutOfOrderUnderAGoodChecksumAreRefused() throws Exception {
    byte[] bytes = new byte[EpochFile.FILE_BYTES];
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    b.putInt(EpochFile.MAGIC).putInt(1).putLong(3).putLong(1).putLong(4); // current > accepted
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, 32);
    b.putInt((int) crc.getValue());
    Files.write(file(), bytes);
    assertThatThrownBy(() -> EpochFile.read(disk, dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("epochs out of order");
  }

  @Test
  void aLeftoverTemporaryFileIsNeitherReadNorInTheWay() throws Exception {
    EpochFile.write(disk, dir, new Epochs(4, 1, 4));
    Files.write(dir.resolve(EpochFile.TMP_NAME), new byte[] {1, 2, 3}); // a crashed write
    assertThat(EpochFile.read(disk, dir)).isEqualTo(new Epochs(4, 1, 4));
    EpochFile.write(disk, dir, new Epochs(5, 2, 4));
    assertThat(EpochFile.read(disk, dir)).isEqualTo(new Epochs(5, 2, 4));
    assertThat(disk.list(dir)).containsExactly(EpochFile.FILE_NAME);
  }

  @Test
  void aCrashAtAnyStepLeavesTheOldValueOrTheNew() throws Exception {
    Epochs before = new Epochs(4, 1, 4);
    Epochs after = new Epochs(5, 2, 4);
    CrashingDisk crashing = new CrashingDisk();
    boolean finished = false;
    for (int steps = 0; !finished; steps++) {
      EpochFile.write(disk, dir, before);
      crashing.crashAfter(steps);
      try {
        EpochFile.write(crashing, dir, after);
        finished = true;
      } catch (IOException e) {
        assertThat(crashing.crashed()).as("only the injected crash fails").isTrue();
      }
      crashing.heal();
      Epochs read = EpochFile.read(disk, dir);
      assertThat(read).as("crash after %d steps", steps).isIn(before, after);
      if (finished) {
        assertThat(read).isEqualTo(after);
      }
      assertThat(steps).as("the write has a handful of steps").isLessThan(20);
    }
  }

  @Test
  void epochsOutOfOrderAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> new Epochs(1, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Epochs(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
