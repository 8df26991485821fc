package io.paddock.snapshot;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import io.paddock.log.CorruptFileException;
import io.paddock.log.Disk;
import io.paddock.log.DiskFile;
import io.paddock.tree.DataTree;
import io.paddock.tree.NodeRecord;
import io.paddock.tree.TreeConfig;
import io.paddock.tree.TreeRestorer;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.ZipException;

/**
 * Loads a snapshot file ({@link SnapshotFormat}) into a new {@link DataTree}, checking everything
 * on the way: header, trailer, every length against what is left, the body checksum and length, the
 * node count, and that every node has its parent.
 */
public final class SnapshotReader {
  private static final int BUFFER_BYTES = 1 << 16;

  /** Decoded blocks waiting to be linked: at most 4 (of at most 4096 nodes each). */
  private static final int BLOCKS_AHEAD = 4;

  /** No single string or data array in a snapshot is larger than this. */
  private static final int ITEM_BYTES_MAX = 1 << 28;

  /** The smallest a stored node can be: empty path and data, an ACL reference, the stat fields. */
  private static final int NODE_BYTES_MIN = 4 + 4 + 4 + 5 * 8 + 3 * 4 + 8;

  private SnapshotReader() {}

  /**
   * The tree stored in {@code file}.
   *
   * @throws io.paddock.log.StorageException if the file is in a format version this code does not
   *     read
   * @throws CorruptFileException if the file fails any check
   */
  public static DataTree read(Disk disk, Path file, TreeConfig treeConfig) throws IOException {
    long expectedZxid = SnapshotFormat.zxidOf(file.getFileName().toString());
    try (DiskFile f = disk.open(file, Disk.Mode.READ)) {
      return read(f, file.toString(), expectedZxid, treeConfig);
    }
  }

  /**
   * The tree stored in {@code bytes}, a whole snapshot file received from elsewhere, at whatever
   * zxid its header names; {@code source} names it in messages.
   *
   * @throws io.paddock.log.StorageException if the bytes are in a format version this code does not
   *     read
   * @throws CorruptFileException if the bytes fail any check
   */
  static DataTree decode(byte[] bytes, String source, TreeConfig treeConfig) throws IOException {
    return read(new BytesFile(bytes), source, -1, treeConfig);
  }

  /** Reads and checks {@code f}; {@code expectedZxid} is -1 when any zxid will do. */
  private static DataTree read(DiskFile f, String file, long expectedZxid, TreeConfig treeConfig)
      throws IOException {
    long size = f.size();
    if (size < SnapshotFormat.HEADER_BYTES + SnapshotFormat.TRAILER_BYTES) {
      throw new CorruptFileException(file + ": " + size + " bytes, too short for a snapshot");
    }
    SnapshotFormat.Header header =
        SnapshotFormat.parseHeader(readAt(f, 0, SnapshotFormat.HEADER_BYTES), file);
    if (expectedZxid >= 0 && header.zxid() != expectedZxid) {
      throw new CorruptFileException(
          file + ": header says zxid 0x" + Long.toHexString(header.zxid()));
    }
    long bodyEnd = size - SnapshotFormat.TRAILER_BYTES;
    SnapshotFormat.Trailer trailer =
        SnapshotFormat.parseTrailer(readAt(f, bodyEnd, SnapshotFormat.TRAILER_BYTES), file);
    InputStream raw =
        new BufferedInputStream(
            new RegionInput(f, SnapshotFormat.HEADER_BYTES, bodyEnd), BUFFER_BYTES);
    FramedInput framed =
        header.codec() == SnapshotFormat.CODEC_FRAMED ? new FramedInput(raw) : null;
    try {
      Checked checked = new Checked(framed != null ? framed : raw);
      BodyInput in = new BodyInput(checked, BUFFER_BYTES);
      TreeRestorer restorer = DataTree.restorer(treeConfig, header.zxid());
      int nodes = readHead(in, restorer, trailer.bodyBytes(), file);
      Blocks blocks = new Blocks(in, checked, nodes, trailer, file);
      // The blocks are read, checked and decoded on one thread, linked into the tree on this one.
      try (Prefetcher<List<TreeRestorer.Prepared>> ahead =
          new Prefetcher<>(blocks::produce, BLOCKS_AHEAD, "paddock-snapshot-read")) {
        List<TreeRestorer.Prepared> block;
        while ((block = ahead.next()) != null) {
          for (TreeRestorer.Prepared node : block) {
            restorer.node(node);
          }
        }
      }
      return restorer.finish();
    } catch (EOFException | ZipException | IllegalArgumentException e) {
      throw new CorruptFileException(file + ": damaged body: " + e.getMessage(), e);
    } finally {
      if (framed != null) {
        framed.close();
      }
    }
  }

  /** Reads the sessions into {@code restorer}; returns the number of nodes that follow. */
  private static int readHead(BodyInput in, TreeRestorer restorer, long bodyBytes, String file)
      throws IOException {
    int sessions = count(in.readInt(), bodyBytes / 12, "sessions", file);
    for (int i = 0; i < sessions; i++) {
      long id = in.readLong();
      restorer.session(id, in.readInt());
    }
    int nodes = count(in.readInt(), bodyBytes / NODE_BYTES_MIN, "nodes", file);
    restorer.expectNodes(nodes);
    return nodes;
  }

  /** The rest of the body, read block by block on the prefetching thread, then checked whole. */
  private static final class Blocks {
    private final BodyInput in;
    private final Checked checked;
    private final int nodes;
    private final SnapshotFormat.Trailer trailer;
    private final String file;

    Blocks(BodyInput in, Checked checked, int nodes, SnapshotFormat.Trailer trailer, String file) {
      this.in = in;
      this.checked = checked;
      this.nodes = nodes;
      this.trailer = trailer;
      this.file = file;
    }

    void produce(Prefetcher.Sink<List<TreeRestorer.Prepared>> out) throws IOException {
      int itemMax = (int) Math.min(ITEM_BYTES_MAX, trailer.bodyBytes());
      List<List<Acl>> acls = new ArrayList<>();
      byte[] structureBytes = new byte[0];
      for (int done = 0; done < nodes; ) {
        int blockNodes = count(in.readInt(), nodes - done, "nodes in a block", file);
        if (blockNodes == 0) {
          throw new CorruptFileException(file + ": an empty block");
        }
        int length = count(in.readInt(), itemMax, "bytes of block structure", file);
        if (structureBytes.length < length) {
          structureBytes = new byte[length];
        }
        in.readFully(structureBytes, length);
        BodyInput structure = BodyInput.over(structureBytes, length);
        List<TreeRestorer.Prepared> block = new ArrayList<>(blockNodes);
        for (int i = 0; i < blockNodes; i++) {
          block.add(TreeRestorer.prepare(readNode(structure, in, acls, itemMax, file)));
        }
        if (!structure.atEnd()) {
          throw new CorruptFileException(file + ": bytes after a block's last node");
        }
        out.put(block);
        done += blockNodes;
      }
      if (!in.atEnd()) {
        throw new CorruptFileException(file + ": bytes after the last node");
      }
      if (checked.count != trailer.bodyBytes()
          || (int) checked.crc.getValue() != trailer.bodyCrc()) {
        throw new CorruptFileException(
            file
                + ": body checksum or length mismatch ("
                + checked.count
                + " bytes, trailer says "
                + trailer.bodyBytes()
                + ")");
      }
    }
  }

  /** The next node: its structure from {@code structure}, its data from {@code data}. */
  private static NodeRecord readNode(
      BodyInput structure, BodyInput data, List<List<Acl>> acls, int itemMax, String file)
      throws IOException {
    String path = readString(structure, itemMax, file);
    int dataLength = structure.readInt();
    byte[] bytes = null;
    if (dataLength != -1) {
      bytes = new byte[count(dataLength, itemMax, "data bytes", file)];
      data.readFully(bytes, bytes.length);
    }
    List<Acl> acl = readAcl(structure, acls, itemMax, file);
    return new NodeRecord(
        path,
        bytes,
        acl,
        structure.readLong(),
        structure.readLong(),
        structure.readLong(),
        structure.readLong(),
        structure.readLong(),
        structure.readInt(),
        structure.readInt(),
        structure.readInt(),
        structure.readLong());
  }

  private static List<Acl> readAcl(BodyInput in, List<List<Acl>> acls, int itemMax, String file)
      throws IOException {
    int ref = in.readInt();
    if (ref >= 0 && ref < acls.size()) {
      return acls.get(ref);
    }
    if (ref != acls.size()) {
      throw new CorruptFileException(file + ": ACL reference " + ref + " of " + acls.size());
    }
    int entries = count(in.readInt(), itemMax / 12, "ACL entries", file);
    List<Acl> acl = new ArrayList<>(entries);
    for (int j = 0; j < entries; j++) {
      int perms = in.readInt();
      acl.add(new Acl(perms, new Id(readString(in, itemMax, file), readString(in, itemMax, file))));
    }
    List<Acl> shared = List.copyOf(acl);
    acls.add(shared);
    return shared;
  }

  private static int count(int n, long max, String what, String file) throws CorruptFileException {
    if (n < 0 || n > max) {
      throw new CorruptFileException(file + ": " + n + " " + what + " cannot fit the body");
    }
    return n;
  }

  private static String readString(BodyInput in, int max, String file) throws IOException {
    byte[] b = new byte[count(in.readInt(), max, "string bytes", file)];
    in.readFully(b, b.length);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static ByteBuffer readAt(DiskFile f, long position, int bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(bytes);
    long at = position;
    while (b.hasRemaining()) {
      int n = f.read(b, at);
      if (n < 0) {
        break;
      }
      at += n;
    }
    return b.flip();
  }

  /** Counts and checksums what is read through it. */
  private static final class Checked extends FilterInputStream {
    final CRC32C crc = new CRC32C();
    long count;

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        crc.update(b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        crc.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      throw new IOException("skip is not supported: every byte must be checksummed");
    }
  }

  /** Reads [start, end) of a {@link DiskFile}. */
  private static final class RegionInput extends InputStream {
    private final DiskFile file;
    private final long end;
    private long position;

    RegionInput(DiskFile file, long start, long end) {
      this.file = file;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int want = (int) Math.min(len, end - position);
      int n = file.read(ByteBuffer.wrap(b, off, want), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }

  /** A whole snapshot held in memory, read through the same code as a file. */
  private static final class BytesFile implements DiskFile {
    private final byte[] bytes;

    BytesFile(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst, long position) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(dst.remaining(), bytes.length - position);
      dst.put(bytes, (int) position, n);
      return n;
    }

    @Override
    public void write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException("read only");
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public void truncate(long length) {
      throw new UnsupportedOperationException("read only");
    }

    @Override
    public void sync() {}

    @Override
    public void close() {}
  }
}
