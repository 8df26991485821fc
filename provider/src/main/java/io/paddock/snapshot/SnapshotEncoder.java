package io.paddock.snapshot;

import io.paddock.api.Acl;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Encodes a {@link FrozenTree} in the snapshot format ({@link SnapshotFormat}) onto a stream, front
 * to back: the one place the format is written, whether to a file ({@link SnapshotWriter}) or to
 * bytes for a transfer ({@link SnapshotBytes}).
 */
final class SnapshotEncoder {
  private static final int BODY_BUFFER_BYTES = 1 << 16;

  /**
   * What was written.
   *
   * @param fileBytes bytes written to the stream: header, stored body and trailer
   * @param bodyBytes the body's size before compression
   */
  record Encoded(long fileBytes, long bodyBytes) {}

  private SnapshotEncoder() {}

  /** Writes the whole snapshot of {@code tree} to {@code sink}; flushes but does not close it. */
  static Encoded encode(OutputStream sink, FrozenTree tree, boolean compress) throws IOException {
    int codec = compress ? SnapshotFormat.CODEC_DEFLATE : SnapshotFormat.CODEC_PLAIN;
    Counting stored = new Counting(sink);
    ByteBuffer header = SnapshotFormat.header(tree.zxid(), codec);
    stored.write(header.array(), header.arrayOffset(), header.remaining());
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      DeflaterOutputStream deflating =
          compress ? new DeflaterOutputStream(stored, deflater, BODY_BUFFER_BYTES) : null;
      Checked checked = new Checked(deflating != null ? deflating : stored);
      DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(checked, BODY_BUFFER_BYTES));
      writeBody(out, tree);
      out.flush();
      if (deflating != null) {
        deflating.finish();
      }
      ByteBuffer trailer = SnapshotFormat.trailer(checked.count, (int) checked.crc.getValue());
      stored.write(trailer.array(), trailer.arrayOffset(), trailer.remaining());
      stored.flush();
      return new Encoded(stored.count, checked.count);
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

  /** Counts what passes through. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() {
      // The sink is the caller's: the deflater's finish must not close it.
    }
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
}
