package io.paddock.snapshot;

import io.paddock.api.Acl;
import io.paddock.tree.FrozenTree;
import io.paddock.tree.NodeRecord;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Encodes a {@link FrozenTree} in the snapshot format ({@link SnapshotFormat}) onto a stream, front
 * to back: the one place the format is written, whether to a file ({@link SnapshotWriter}) or to
 * bytes for a transfer ({@link SnapshotBytes}). Nodes are gathered in blocks: their structure in a
 * buffer, their data by reference, so data is copied only into the output.
 */
final class SnapshotEncoder {
  /** Frames of 256 KiB: big enough for deflate to find repeats, small to hold on restore. */
  private static final int FRAME_BYTES = 1 << 18;

  /** A block ends after this many nodes, or once its structure or data pass 1 MiB. */
  private static final int BLOCK_NODES_MAX = 4096;

  private static final int BLOCK_BYTES_SOFT_MAX = 1 << 20;

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
    int codec = compress ? SnapshotFormat.CODEC_FRAMED : SnapshotFormat.CODEC_PLAIN;
    Counting stored = new Counting(sink);
    ByteBuffer header = SnapshotFormat.header(tree.zxid(), codec);
    stored.write(header.array(), header.arrayOffset(), header.remaining());
    try (FramedOutput framed = compress ? new FramedOutput(stored, FRAME_BYTES) : null) {
      Body body = new Body(framed != null ? framed : stored, framed);
      writeBody(body, tree);
      if (framed != null) {
        framed.finish();
      }
      ByteBuffer trailer = SnapshotFormat.trailer(body.count, (int) body.crc.getValue());
      stored.write(trailer.array(), trailer.arrayOffset(), trailer.remaining());
      stored.flush();
      return new Encoded(stored.count, body.count);
    }
  }

  private static void writeBody(Body body, FrozenTree tree) throws IOException {
    // Sorted so the same state always gives the same bytes.
    Map<Long, Integer> sessions = new TreeMap<>(tree.sessions());
    Structure head = new Structure();
    head.putInt(sessions.size());
    for (Map.Entry<Long, Integer> s : sessions.entrySet()) {
      head.putLong(s.getKey());
      head.putInt(s.getValue());
    }
    head.putInt(tree.nodeCount());
    body.write(head.bytes, head.length);
    Blocks blocks = new Blocks(body);
    try {
      tree.forEachNode(
          node -> {
            try {
              blocks.add(node);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    blocks.flush();
  }

  /** Gathers nodes into blocks: structure in a buffer, data by reference. */
  private static final class Blocks {
    private final Body body;
    private final Structure structure = new Structure();
    private final Structure blockHeader = new Structure();
    private final List<byte[]> data = new ArrayList<>();
    private final Map<List<Acl>, Integer> aclRefs = new HashMap<>();
    private int nodes;
    private long dataBytes;

    Blocks(Body body) {
      this.body = body;
    }

    void add(NodeRecord n) throws IOException {
      structure.putString(n.path());
      byte[] d = n.data();
      if (d == null) {
        structure.putInt(-1);
      } else {
        structure.putInt(d.length);
        data.add(d);
        dataBytes += d.length;
      }
      Integer ref = aclRefs.get(n.acl());
      if (ref != null) {
        structure.putInt(ref);
      } else {
        int next = aclRefs.size();
        aclRefs.put(n.acl(), next);
        structure.putInt(next);
        structure.putInt(n.acl().size());
        for (Acl a : n.acl()) {
          structure.putInt(a.perms());
          structure.putString(a.id().scheme());
          structure.putString(a.id().id());
        }
      }
      structure.putLong(n.czxid());
      structure.putLong(n.mzxid());
      structure.putLong(n.pzxid());
      structure.putLong(n.ctimeMs());
      structure.putLong(n.mtimeMs());
      structure.putInt(n.version());
      structure.putInt(n.cversion());
      structure.putInt(n.aversion());
      structure.putLong(n.ephemeralOwner());
      nodes++;
      if (nodes == BLOCK_NODES_MAX
          || structure.length >= BLOCK_BYTES_SOFT_MAX
          || dataBytes >= BLOCK_BYTES_SOFT_MAX) {
        flush();
      }
    }

    void flush() throws IOException {
      if (nodes == 0) {
        return;
      }
      body.section(FramedOutput.SECTION_STRUCTURE);
      blockHeader.length = 0;
      blockHeader.putInt(nodes);
      blockHeader.putInt(structure.length);
      body.write(blockHeader.bytes, blockHeader.length);
      body.write(structure.bytes, structure.length);
      body.section(FramedOutput.SECTION_DATA);
      for (byte[] d : data) {
        body.write(d, d.length);
      }
      structure.length = 0;
      data.clear();
      dataBytes = 0;
      nodes = 0;
    }
  }

  /** A growable big-endian buffer. */
  private static final class Structure {
    private static final VarHandle INT =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    byte[] bytes = new byte[1 << 12];
    int length;

    void putInt(int v) {
      room(Integer.BYTES);
      INT.set(bytes, length, v);
      length += Integer.BYTES;
    }

    void putLong(long v) {
      room(Long.BYTES);
      LONG.set(bytes, length, v);
      length += Long.BYTES;
    }

    void putString(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      putInt(b.length);
      room(b.length);
      System.arraycopy(b, 0, bytes, length, b.length);
      length += b.length;
    }

    private void room(int more) {
      if (bytes.length - length < more) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
      }
    }
  }

  /** The body as written: counted, checksummed, and cut into sections when framed. */
  private static final class Body {
    final CRC32C crc = new CRC32C();
    private final OutputStream out;
    private final FramedOutput framed; // null for the plain codec
    long count;

    Body(OutputStream out, FramedOutput framed) {
      this.out = out;
      this.framed = framed;
    }

    void section(int kind) throws IOException {
      if (framed != null) {
        framed.startSection(kind);
      }
    }

    void write(byte[] b, int len) throws IOException {
      crc.update(b, 0, len);
      count += len;
      out.write(b, 0, len);
    }
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
      // The sink is the caller's.
    }
  }
}
