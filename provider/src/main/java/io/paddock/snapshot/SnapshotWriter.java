package io.paddock.snapshot;

import io.paddock.api.Acl;
import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.NodeRecord;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a {@link FrozenTree} as a snapshot file ({@link SnapshotFormat}): to a temporary name,
 * synced, then renamed and the directory synced, so a snapshot under its final name is always
 * complete. Runs on whatever thread calls it (the server's snapshot thread); uses no shared state.
 */
public final class SnapshotWriter {
  private static final int FILE_BUFFER_BYTES = 1 << 18;
  private static final int BODY_BUFFER_BYTES = 1 << 16;

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
    int codec = compress ? SnapshotFormat.CODEC_DEFLATE : SnapshotFormat.CODEC_PLAIN;
    file.write(SnapshotFormat.header(tree.zxid(), codec), 0);
    FileOutput fileOut = new FileOutput(file, SnapshotFormat.HEADER_BYTES);
    BufferedOutputStream buffered = new BufferedOutputStream(fileOut, FILE_BUFFER_BYTES);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      DeflaterOutputStream deflating =
          compress ? new DeflaterOutputStream(buffered, deflater, BODY_BUFFER_BYTES) : null;
      Checked checked = new Checked(deflating != null ? deflating : buffered);
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(checked, BODY_BUFFER_BYTES));
      writeBody(out, tree);
      out.flush();
      if (deflating != null) {
        deflating.finish();
      }
      buffered.flush();
      long end = fileOut.position;
      file.write(SnapshotFormat.trailer(checked.count, (int) checked.crc.getValue()), end);
      long fileBytes = end + SnapshotFormat.TRAILER_BYTES;
      return new Written(target, tree.zxid(), tree.nodeCount(), fileBytes, checked.count);
    } finally {
      deflater.end();
    }
  }

  private static void writeBody(DataOutputStream out, FrozenTree tree) throws IOException {
    // Sorted so the same state always gives the same bytes.
    Map<Long, Integer> sessions = new TreeMap<>(tree.sessions());
    out.writeInt(sessions.size());
    for (Map.Entry<Long, Integer> s : sessions.entrySet()) {
      out.writeLong(s.getKey());
      out.writeInt(s.getValue());
    }
    out.writeInt(tree.nodeCount());
    Map<List<Acl>, Integer> aclRefs = new HashMap<>();
    try {
      tree.forEachNode(
          node -> {
            try {
              writeNode(out, node, aclRefs);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void writeNode(DataOutputStream out, NodeRecord n, Map<List<Acl>, Integer> refs)
      throws IOException {
    writeString(out, n.path());
    byte[] data = n.data();
    if (data == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(data.length);
      out.write(data);
    }
    Integer ref = refs.get(n.acl());
    if (ref != null) {
      out.writeInt(ref);
    } else {
      int next = refs.size();
      refs.put(n.acl(), next);
      out.writeInt(next);
      out.writeInt(n.acl().size());
      for (Acl a : n.acl()) {
        out.writeInt(a.perms());
        writeString(out, a.id().scheme());
        writeString(out, a.id().id());
      }
    }
    out.writeLong(n.czxid());
    out.writeLong(n.mzxid());
    out.writeLong(n.pzxid());
    out.writeLong(n.ctimeMs());
    out.writeLong(n.mtimeMs());
    out.writeInt(n.version());
    out.writeInt(n.cversion());
    out.writeInt(n.aversion());
    out.writeLong(n.ephemeralOwner());
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Counts and checksums what passes through. */
  private static final class Checked extends FilterOutputStream {
    final CRC32C crc = new CRC32C();
    long count;

    Checked(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      crc.update(b);
      count++;
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      crc.update(b, off, len);
      count += len;
      out.write(b, off, len);
    }
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
