package io.paddock.wire;

import io.paddock.api.Acl;
import io.paddock.api.ClientInfo;
import io.paddock.api.Id;
import io.paddock.api.Stat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A strict big-endian reader of jute primitives over a slice of a byte array; the inverse of {@link
 * JuteOutput}.
 *
 * <p>Every read is bounds-checked before anything is allocated: a length or count is rejected when
 * it is below -1 or asks for more bytes than remain, so a hostile length can never trigger a large
 * allocation. Vector counts are also capped by {@code remaining / minimum element size}. All
 * failures are {@link WireFormatException}s naming the field and the byte offset (relative to the
 * start of the slice). Decoded lists are unmodifiable; a {@code null} vector decodes to {@code
 * null}, and {@code null} elements inside a vector are rejected.
 */
public final class JuteInput {
  /** Smallest encoding of one {@code ustring} element: its length field. */
  private static final int STRING_BYTES_MIN = 4;

  /** Smallest encoding of one {@code ACL}: perms + two string lengths. */
  private static final int ACL_BYTES_MIN = 12;

  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;

  /** Reads {@code bytes[offset, offset + length)}. The array is not copied. */
  public JuteInput(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IllegalArgumentException(
          "slice [" + offset + ", +" + length + ") outside array of " + bytes.length);
    }
    this.buf = bytes;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  public JuteInput(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /** Reads the remaining bytes of {@code buffer} (copied; the buffer's position is unchanged). */
  public static JuteInput of(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      return new JuteInput(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }
    byte[] copy = new byte[buffer.remaining()];
    buffer.duplicate().get(copy);
    return new JuteInput(copy);
  }

  /** Offset of the next byte to read, relative to the start of the slice. */
  public int position() {
    return pos - start;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  public int readInt(String field) {
    need(4, field);
    int v =
        ((buf[pos] & 0xff) << 24)
            | ((buf[pos + 1] & 0xff) << 16)
            | ((buf[pos + 2] & 0xff) << 8)
            | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long readLong(String field) {
    need(8, field);
    long hi = readInt(field);
    long lo = readInt(field) & 0xffffffffL;
    return (hi << 32) | lo;
  }

  /** One byte; any non-zero value is {@code true}, as in jute. */
  public boolean readBool(String field) {
    need(1, field);
    return buf[pos++] != 0;
  }

  /** A jute {@code buffer}; {@code null} for length -1. */
  public byte[] readBuffer(String field) {
    int at = position();
    int len = readInt(field);
    if (len == -1) {
      return null;
    }
    if (len < -1) {
      throw new WireFormatException(
          "negative length " + len + " for " + field + " at offset " + at);
    }
    if (len > remaining()) {
      throw new WireFormatException(
          "length "
              + len
              + " for "
              + field
              + " at offset "
              + at
              + " exceeds the "
              + remaining()
              + " bytes remaining");
    }
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /**
   * A jute {@code ustring}; {@code null} for length -1. Decoded as standard UTF-8 with malformed
   * sequences (including the CESU-8 surrogates {@link JuteOutput#writeString} can produce) replaced
   * by U+FFFD, exactly as ZooKeeper reads strings.
   */
  public String readString(String field) {
    byte[] bytes = readBuffer(field);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** A string that must not be {@code null} on the wire (a path, a scheme). */
  public String readNonNullString(String field) {
    int at = position();
    String s = readString(field);
    if (s == null) {
      throw new WireFormatException("null " + field + " at offset " + at);
    }
    return s;
  }

  /**
   * A jute {@code vector}; {@code null} for count -1.
   *
   * @param minElementBytes the fewest bytes one element can occupy, used to reject counts that
   *     cannot possibly fit before allocating anything
   */
  public <T> List<T> readVector(String field, int minElementBytes, Function<JuteInput, T> element) {
    int at = position();
    int count = readInt(field + ".count");
    if (count == -1) {
      return null;
    }
    if (count < -1) {
      throw new WireFormatException(
          "negative element count " + count + " for " + field + " at offset " + at);
    }
    if ((long) count * Math.max(1, minElementBytes) > remaining()) {
      throw new WireFormatException(
          "element count "
              + count
              + " for "
              + field
              + " at offset "
              + at
              + " cannot fit in the "
              + remaining()
              + " bytes remaining");
    }
    List<T> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int elementAt = position();
      T item = element.apply(this);
      if (item == null) {
        throw new WireFormatException(
            "null element " + i + " of " + field + " at offset " + elementAt);
      }
      out.add(item);
    }
    return Collections.unmodifiableList(out);
  }

  /** A {@code vector<ustring>} whose elements must not be null. */
  public List<String> readStringVector(String field) {
    return readVector(field, STRING_BYTES_MIN, in -> in.readString(field + "[]"));
  }

  /** A {@code vector<ACL>}. */
  public List<Acl> readAclVector(String field) {
    return readVector(field, ACL_BYTES_MIN, JuteInput::readAcl);
  }

  /** A {@code vector<ClientInfo>}; its strings may be null, as ZooKeeper allows. */
  public List<ClientInfo> readClientInfoVector(String field) {
    return readVector(
        field,
        2 * STRING_BYTES_MIN,
        in -> new ClientInfo(in.readString("authScheme"), in.readString("user")));
  }

  /** The 68-byte jute {@code Stat}. */
  public Stat readStat() {
    need(68, "stat");
    return new Stat(
        readLong("czxid"),
        readLong("mzxid"),
        readLong("ctime"),
        readLong("mtime"),
        readInt("version"),
        readInt("cversion"),
        readInt("aversion"),
        readLong("ephemeralOwner"),
        readInt("dataLength"),
        readInt("numChildren"),
        readLong("pzxid"));
  }

  /** A jute {@code Id}; both strings must be present because {@link Id} forbids null. */
  public Id readId() {
    return new Id(readNonNullString("id.scheme"), readNonNullString("id.id"));
  }

  /** A jute {@code ACL}: perms then {@code Id}. */
  public Acl readAcl() {
    int perms = readInt("acl.perms");
    return new Acl(perms, readId());
  }

  /** Throws unless every byte has been consumed; {@code what} names the message for the error. */
  public void expectEnd(String what) {
    if (pos != end) {
      throw new WireFormatException(
          remaining() + " unexpected trailing bytes after " + what + " at offset " + position());
    }
  }

  private void need(int bytes, String field) {
    if (end - pos < bytes) {
      throw new WireFormatException(
          "truncated "
              + field
              + " at offset "
              + position()
              + ": need "
              + bytes
              + " bytes, "
              + remaining()
              + " remain");
    }
  }
}
