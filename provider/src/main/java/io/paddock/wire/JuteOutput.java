package io.paddock.wire;

import io.paddock.api.Acl;
import io.paddock.api.ClientInfo;
import io.paddock.api.Id;
import io.paddock.api.Stat;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A growable big-endian writer of jute primitives, byte-compatible with ZooKeeper's {@code
 * BinaryOutputArchive}.
 *
 * <ul>
 *   <li>{@code int}/{@code long}: 4/8 bytes, big-endian; {@code boolean}: one byte, 1 or 0.
 *   <li>{@code buffer}: int length then the bytes; {@code null} is length -1 with no bytes.
 *   <li>{@code ustring}: int byte length, then the chars encoded as {@link #writeString} says;
 *       {@code null} is -1.
 *   <li>{@code vector<T>}: int element count then each element; {@code null} is count -1.
 *   <li>records ({@code Stat}, {@code Id}, {@code ACL}, ...): their fields in IDL order, no
 *       framing.
 * </ul>
 *
 * <p>{@link #frame()} starts a length-prefixed frame: the first four bytes are reserved and {@link
 * #toFrame()} fills them with the length of what follows. Not thread-safe; one per message.
 */
public final class JuteOutput {
  private static final int INITIAL_CAPACITY_BYTES = 64;

  private byte[] buf;
  private int size;
  private final boolean framed;

  private JuteOutput(boolean framed) {
    this.buf = new byte[INITIAL_CAPACITY_BYTES];
    this.framed = framed;
    if (framed) {
      size = 4; // the length prefix, patched by toFrame()
    }
  }

  /** A plain writer: {@link #toByteArray()} returns exactly what was written. */
  public JuteOutput() {
    this(false);
  }

  /** A writer whose bytes become one frame: {@link #toFrame()} prepends the 4-byte length. */
  public static JuteOutput frame() {
    return new JuteOutput(true);
  }

  /** Bytes written so far (for a frame, not counting the length prefix). */
  public int size() {
    return framed ? size - 4 : size;
  }

  public JuteOutput writeInt(int v) {
    ensure(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
    return this;
  }

  public JuteOutput writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  public JuteOutput writeBool(boolean v) {
    ensure(1);
    buf[size++] = (byte) (v ? 1 : 0);
    return this;
  }

  /** Writes a jute {@code buffer}: length then bytes, or -1 for {@code null}. */
  public JuteOutput writeBuffer(byte[] bytes) {
    if (bytes == null) {
      return writeInt(-1);
    }
    writeInt(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /**
   * Writes a jute {@code ustring}: the encoded length then the bytes, or -1 for {@code null}.
   *
   * <p>The encoding is ZooKeeper's Java one, which is UTF-8 applied to each UTF-16 char on its own:
   * a char below 0x80 takes one byte, below 0x800 two, anything else three. For text in the Basic
   * Multilingual Plane that is plain UTF-8; a supplementary character (an emoji, say) becomes its
   * two surrogates, three bytes each (CESU-8), and a lone surrogate is encoded the same way. We
   * copy this quirk because byte compatibility is the point; standard UTF-8 decoders, ZooKeeper's
   * included, read such surrogate bytes as U+FFFD.
   */
  public JuteOutput writeString(String s) {
    if (s == null) {
      return writeInt(-1);
    }
    long encodedBytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      encodedBytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    if (encodedBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("string too long to encode: " + encodedBytes + " bytes");
    }
    writeInt((int) encodedBytes);
    ensure((int) encodedBytes);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[size++] = (byte) c;
      } else if (c < 0x800) {
        buf[size++] = (byte) (0xc0 | (c >> 6));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      } else {
        buf[size++] = (byte) (0xe0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    return this;
  }

  /** Writes a jute {@code vector}: count then elements, or -1 for {@code null}. */
  public <T> JuteOutput writeVector(List<T> items, BiConsumer<JuteOutput, T> element) {
    if (items == null) {
      return writeInt(-1);
    }
    writeInt(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }

  public JuteOutput writeStringVector(List<String> items) {
    return writeVector(items, JuteOutput::writeString);
  }

  public JuteOutput writeAclVector(List<Acl> acls) {
    return writeVector(acls, JuteOutput::writeAcl);
  }

  /** Jute {@code Stat}: czxid mzxid ctime mtime version cversion aversion owner len kids pzxid. */
  public JuteOutput writeStat(Stat stat) {
    writeLong(stat.czxid());
    writeLong(stat.mzxid());
    writeLong(stat.ctime());
    writeLong(stat.mtime());
    writeInt(stat.version());
    writeInt(stat.cversion());
    writeInt(stat.aversion());
    writeLong(stat.ephemeralOwner());
    writeInt(stat.dataLength());
    writeInt(stat.numChildren());
    return writeLong(stat.pzxid());
  }

  /** Jute {@code Id}: scheme then id. */
  public JuteOutput writeId(Id id) {
    writeString(id.scheme());
    return writeString(id.id());
  }

  /** Jute {@code ACL}: perms then the {@code Id}. */
  public JuteOutput writeAcl(Acl acl) {
    writeInt(acl.perms());
    return writeId(acl.id());
  }

  /** Jute {@code ClientInfo}: authScheme then user. */
  public JuteOutput writeClientInfo(ClientInfo info) {
    writeString(info.authScheme());
    return writeString(info.user());
  }

  /** The bytes written, without any length prefix. */
  public byte[] toByteArray() {
    int from = framed ? 4 : 0;
    return Arrays.copyOfRange(buf, from, size);
  }

  /** The complete frame: 4-byte big-endian length of the payload, then the payload. */
  public byte[] toFrame() {
    if (!framed) {
      throw new IllegalStateException("not started with JuteOutput.frame()");
    }
    int payloadBytes = size - 4;
    byte[] out = Arrays.copyOf(buf, size);
    out[0] = (byte) (payloadBytes >>> 24);
    out[1] = (byte) (payloadBytes >>> 16);
    out[2] = (byte) (payloadBytes >>> 8);
    out[3] = (byte) payloadBytes;
    return out;
  }

  private void ensure(int extraBytes) {
    long needed = (long) size + extraBytes;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "message too large: " + size + " bytes written, " + extraBytes + " more");
    }
    if (needed > buf.length) {
      int newCapacity = (int) Math.max(needed, Math.min(2L * buf.length, Integer.MAX_VALUE - 8));
      buf = Arrays.copyOf(buf, newCapacity);
    }
  }
}
