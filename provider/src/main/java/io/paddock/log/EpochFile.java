package io.paddock.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Keeps the {@link Epochs} in one small file, replaced atomically, format version 1.
 *
 * <p>The file is named {@value #FILE_NAME}; all integers are big-endian:
 *
 * <pre>
 *   0  magic           4 bytes  'P' 'D' 'K' 'H'
 *   4  version         i32      1
 *   8  acceptedEpoch   i64
 *   16 acceptedLeader  i64
 *   24 currentEpoch    i64
 *   32 crc             i32      CRC32C of bytes 0..31
 * </pre>
 *
 * The file is exactly {@value #FILE_BYTES} bytes long; anything else is damage.
 *
 * <p>Why. A new value goes to {@value #TMP_NAME}, which is synced and then renamed over the file,
 * and the directory is synced: a crash at any point leaves either the old file or the new one, each
 * complete, plus perhaps a temporary file that the next write replaces and that reading ignores (it
 * was never renamed, so it never was the value). The file is never written in place. A missing file
 * is a server that never accepted an epoch; a damaged one is not, and must stop the start: starting
 * from {@link Epochs#INITIAL} would let this server break a promise it made to a leader. As in the
 * log and snapshots, the first eight bytes stay the same in every version, so a newer format is
 * told apart from damage.
 */
public final class EpochFile {
  /** The file's name in its directory. */
  public static final String FILE_NAME = "epochs";

  /** Where a new value is written before the rename. */
  public static final String TMP_NAME = FILE_NAME + ".tmp";

  /** "PDKH": Paddock hard state. */
  public static final int MAGIC = 0x50444b48;

  public static final int VERSION = 1;
  public static final int FILE_BYTES = 36;

  private EpochFile() {}

  /**
   * The epochs stored in {@code dir}, or {@link Epochs#INITIAL} if none were ever written.
   *
   * @throws StorageException if the file is in a format version this code does not read
   * @throws CorruptFileException if the file is damaged (the message says what to do)
   */
  public static Epochs read(Disk disk, Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    // Asked of the directory rather than read from an exception: every Disk answers it alike.
    if (!disk.list(dir).contains(FILE_NAME)) {
      return Epochs.INITIAL;
    }
    byte[] raw = new byte[FILE_BYTES + 1]; // one more: a longer file shows as one
    ByteBuffer b = ByteBuffer.wrap(raw);
    long size;
    try (DiskFile f = disk.open(file, Disk.Mode.READ)) {
      size = f.size();
      long at = 0;
      while (b.hasRemaining()) {
        int n = f.read(b, at);
        if (n < 0) {
          break;
        }
        at += n;
      }
    }
    return decode(raw, b.position(), size, file);
  }

  /**
   * Replaces the epochs stored in {@code dir} durably and atomically: when this returns the new
   * value survives a crash; if it throws, or the process dies during it, a later {@link #read}
   * gives the old value or the new one.
   */
  public static void write(Disk disk, Path dir, Epochs epochs) throws IOException {
    Path tmp = dir.resolve(TMP_NAME);
    disk.delete(tmp); // a leftover of a crashed write: never the value
    DiskFile f = disk.open(tmp, Disk.Mode.CREATE_NEW);
    try {
      f.write(encode(epochs), 0);
      f.sync();
      f.close();
    } catch (IOException | RuntimeException e) {
      f.close();
      try {
        disk.delete(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    disk.moveAtomically(tmp, dir.resolve(FILE_NAME));
    disk.syncDirectory(dir);
  }

  /** The file's bytes for {@code epochs}. */
  public static ByteBuffer encode(Epochs epochs) {
    ByteBuffer b = ByteBuffer.allocate(FILE_BYTES);
    b.putInt(MAGIC).putInt(VERSION);
    b.putLong(epochs.acceptedEpoch())
        .putLong(epochs.acceptedLeader())
        .putLong(epochs.currentEpoch());
    b.putInt(crc(b.array(), FILE_BYTES - 4));
    return b.flip();
  }

  private static Epochs decode(byte[] raw, int bytesRead, long size, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(raw);
    String advice =
        " The server cannot know which Zab epochs it promised; restore the file from a backup, or"
            + " move the data directory aside and let the server resynchronise from the ensemble.";
    if (bytesRead < 8 || b.getInt(0) != MAGIC) {
      throw new CorruptFileException(
          file + ": not a Paddock epoch file (" + size + " bytes)." + advice);
    }
    int version = b.getInt(4);
    if (version != VERSION) {
      throw new StorageException(
          file
              + ": epoch file format version "
              + version
              + ", but this server reads version "
              + VERSION
              + " only; it was written by a different Paddock version. Start that version.");
    }
    if (size != FILE_BYTES || bytesRead != FILE_BYTES) {
      throw new CorruptFileException(
          file + ": " + size + " bytes, an epoch file has " + FILE_BYTES + "." + advice);
    }
    if (b.getInt(FILE_BYTES - 4) != crc(raw, FILE_BYTES - 4)) {
      throw new CorruptFileException(file + ": checksum mismatch." + advice);
    }
    try {
      return new Epochs(b.getLong(8), b.getLong(16), b.getLong(24));
    } catch (IllegalArgumentException e) {
      // A good checksum over bad values: written wrongly, not damaged by the disk.
      throw new StorageException(file + ": " + e.getMessage() + "." + advice, e);
    }
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }
}
