package io.paddock.snapshot;

import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.tree.FrozenTree;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Writes a {@link FrozenTree} as a snapshot file ({@link SnapshotFormat}, encoded by {@link
 * SnapshotEncoder}): to a temporary name, synced, then renamed and the directory synced, so a
 * snapshot under its final name is always complete. Runs on whatever thread calls it (the server's
 * snapshot thread); uses no shared state.
 */
public final class SnapshotWriter {
  private static final int FILE_BUFFER_BYTES = 1 << 18;

  /**
   * A written snapshot.
   *
   * @param path where it is
   * @param zxid its zxid
   * @param nodes znodes stored
   * @param fileBytes its size on disk
   * @param bodyBytes its body's size before compression
   */
  public record Written(Path path, long zxid, int nodes, long fileBytes, long bodyBytes) {}

  private SnapshotWriter() {}

  /**
   * Writes {@code tree} into {@code dir}, replacing a snapshot at the same zxid if there is one. On
   * failure nothing is left behind but possibly the temporary file, which the next start deletes.
   */
  public static Written write(Disk disk, Path dir, FrozenTree tree, boolean compress)
      throws IOException {
    String name = SnapshotFormat.fileName(tree.zxid());
    Path tmp = dir.resolve(name + SnapshotFormat.TMP_SUFFIX);
    Path target = dir.resolve(name);
    disk.delete(tmp);
    Written written;
    DiskFile file = disk.open(tmp, Disk.Mode.CREATE_NEW);
    try {
      written = writeTo(file, target, tree, compress);
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
    disk.syncDirectory(dir);
    return written;
  }

  private static Written writeTo(DiskFile file, Path target, FrozenTree tree, boolean compress)
      throws IOException {
    BufferedOutputStream out = new BufferedOutputStream(new FileOutput(file, 0), FILE_BUFFER_BYTES);
    SnapshotEncoder.Encoded e = SnapshotEncoder.encode(out, tree, compress);
    return new Written(target, tree.zxid(), tree.nodeCount(), e.fileBytes(), e.bodyBytes());
  }

  /** Writes sequentially into a {@link DiskFile} from a start position. */
  private static final class FileOutput extends OutputStream {
    private final DiskFile file;
    long position;

    FileOutput(DiskFile file, long position) {
      this.file = file;
      this.position = position;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      file.write(ByteBuffer.wrap(b, off, len), position);
      position += len;
    }
  }
}
