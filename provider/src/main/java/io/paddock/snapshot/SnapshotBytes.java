package io.paddock.snapshot;

import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.tree.DataTree;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.TreeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Snapshots as bytes, for sending the state from a leader to a follower that is too far behind for
 * a diff. The bytes are exactly a snapshot file ({@link SnapshotFormat}, encoded by the same code
 * as {@link SnapshotWriter}), so they carry their own checks end to end: the receiver validates
 * them completely before anything touches its disk, then stores them as its newest snapshot.
 *
 * <p>On the leader: {@code view = tree.freeze()} on the tree's thread, {@link #encode} anywhere,
 * {@code tree.release(view)} back on the tree's thread. On the follower: {@link #install}, then
 * replace the tree with the one returned and discard the log ({@link
 * io.paddock.log.LogWriter#discardAll}) — in that order, see there why.
 */
public final class SnapshotBytes {
  private static final System.Logger LOG = System.getLogger(SnapshotBytes.class.getName());

  /** Java arrays stop a little short of 2^31 elements. */
  public static final int BYTES_MAX = Integer.MAX_VALUE - 8;

  /**
   * A snapshot installed.
   *
   * @param tree the state it holds, ready to serve
   * @param zxid the zxid of the last transaction it includes
   * @param path the snapshot file it was stored as
   */
  public record Installed(DataTree tree, long zxid, Path path) {}

  private SnapshotBytes() {}

  /** The snapshot file for {@code view}, as bytes; at most {@link #BYTES_MAX} of them. */
  public static byte[] encode(FrozenTree view, boolean compress) throws IOException {
    return encode(view, compress, BYTES_MAX);
  }

  /**
   * The snapshot file for {@code view}, as bytes.
   *
   * @param bytesMax the most bytes the result may have (a transport's frame limit, say)
   * @throws IOException if the snapshot would be larger than {@code bytesMax}; nothing beyond that
   *     limit is ever buffered
   */
  public static byte[] encode(FrozenTree view, boolean compress, int bytesMax) throws IOException {
    if (bytesMax < SnapshotFormat.HEADER_BYTES + SnapshotFormat.TRAILER_BYTES
        || bytesMax > BYTES_MAX) {
      throw new IllegalArgumentException("bytesMax " + bytesMax);
    }
    Capped out = new Capped(bytesMax, view.zxid());
    try {
      SnapshotEncoder.encode(out, view, compress);
    } catch (SnapshotTooLarge e) {
      throw new IOException(e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Validates {@code bytes} as a whole snapshot file, then stores them durably in {@code
   * snapshotDir} as the snapshot of their zxid (replacing one of that zxid if present): written
   * under the temporary name, synced, renamed, the directory synced, as {@link SnapshotWriter}
   * does; a crash part-way leaves at most the temporary file, which recovery deletes.
   *
   * <p>Do not run a {@link SnapshotWriter} into the same directory meanwhile: they share the
   * temporary name of a zxid.
   *
   * @throws CorruptFileException if the bytes fail any check (a damaged or cut transfer); nothing
   *     has been written then
   * @throws io.paddock.log.StorageException if the bytes are in a format version this server does
   *     not read; nothing has been written then
   */
  public static Installed install(Disk disk, Path snapshotDir, byte[] bytes, TreeConfig cfg)
      throws IOException {
    DataTree tree = SnapshotReader.decode(bytes, "snapshot transfer", cfg);
    long zxid = tree.lastAppliedZxid();
    String name = SnapshotFormat.fileName(zxid);
    Path tmp = snapshotDir.resolve(name + SnapshotFormat.TMP_SUFFIX);
    Path target = snapshotDir.resolve(name);
    disk.delete(tmp);
    DiskFile file = disk.open(tmp, Disk.Mode.CREATE_NEW);
    try {
      file.write(ByteBuffer.wrap(bytes), 0);
      file.sync();
      file.close();
    } catch (IOException | RuntimeException e) {
      file.close();
      try {
        disk.delete(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    disk.moveAtomically(tmp, target);
    disk.syncDirectory(snapshotDir);
    LOG.log(
        Level.INFO,
        "installed a transferred snapshot at zxid 0x"
            + Long.toHexString(zxid)
            + " ("
            + bytes.length
            + " bytes, "
            + tree.nodeCount()
            + " znodes) as "
            + target);
    return new Installed(tree, zxid, target);
  }

  /** A byte array stream that refuses to grow past a limit. */
  private static final class Capped extends ByteArrayOutputStream {
    private final int bytesMax;
    private final long zxid;

    Capped(int bytesMax, long zxid) {
      super(Math.min(bytesMax, 1 << 16));
      this.bytesMax = bytesMax;
      this.zxid = zxid;
    }

    @Override
    public synchronized void write(int b) {
      check(1);
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      check(len);
      super.write(b, off, len);
    }

    private void check(int more) {
      if ((long) count + more > bytesMax) {
        throw new SnapshotTooLarge(
            "the snapshot at zxid 0x"
                + Long.toHexString(zxid)
                + " is larger than "
                + bytesMax
                + " bytes, the most a transfer may carry");
      }
    }
  }

  /** Thrown through the stream's write, which may not throw a checked exception here. */
  private static final class SnapshotTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SnapshotTooLarge(String message) {
      super(message);
    }
  }
}
