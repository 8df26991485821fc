package io.paddock.txn;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary form of a {@link Txn}: what the write-ahead log stores (and what replication will
 * send). Our own format, not jute: a transaction carries fields ZooKeeper's txn records do not (the
 * caller's ids, the TTL, the create mode), and a format we own can be versioned with the log.
 *
 * <p>Format version 1. Integers are big-endian two's complement; {@code str} is a length ({@code
 * i32}, bytes) followed by that many bytes of UTF-8; {@code bytes} is a length ({@code i32}, -1 for
 * null) followed by the bytes; a list is a count ({@code i32}) followed by its elements.
 *
 * <pre>
 *   txn   := zxid:i64 timeMs:i64 sessionId:i64 cxid:i32 ids:list(id) op
 *   id    := scheme:str id:str
 *   acl   := perms:i32 id
 *   op    := tag:u8 body, one of
 *     1 Create          path:str data:bytes acl:list(acl) modeFlag:i32 ttlMs:i64
 *     2 Delete          path:str version:i32
 *     3 SetData         path:str data:bytes version:i32
 *     4 SetAcl          path:str acl:list(acl) aclVersion:i32
 *     5 Check           path:str version:i32
 *     6 Multi           ops:list(op)     (nested at most {@link #MULTI_DEPTH_MAX} deep)
 *     7 CreateSession   sessionId:i64 timeoutMs:i32
 *     8 CloseSession    sessionId:i64
 *     9 DeleteContainer path:str
 * </pre>
 *
 * Tags are fixed forever: a new op gets a new tag, and a changed body needs a new format version.
 * Decoding checks every length and count against the bytes that remain, so damaged input fails with
 * a message instead of allocating what a garbage length asks for.
 */
public final class TxnCodec {
  /** The version of the format above; storage writes it into its file headers. */
  public static final int FORMAT_VERSION = 1;

  /** Nesting of multis allowed when decoding; apply rejects any nesting anyway. */
  public static final int MULTI_DEPTH_MAX = 2;

  static final int TAG_CREATE = 1;
  static final int TAG_DELETE = 2;
  static final int TAG_SET_DATA = 3;
  static final int TAG_SET_ACL = 4;
  static final int TAG_CHECK = 5;
  static final int TAG_MULTI = 6;
  static final int TAG_CREATE_SESSION = 7;
  static final int TAG_CLOSE_SESSION = 8;
  static final int TAG_DELETE_CONTAINER = 9;

  private TxnCodec() {}

  /** The encoded form of {@code txn}. */
  public static byte[] encode(Txn txn) {
    Out out = new Out(64);
    out.i64(txn.zxid());
    out.i64(txn.timeMs());
    out.i64(txn.sessionId());
    out.i32(txn.cxid());
    out.i32(txn.authIds().size());
    for (Id id : txn.authIds()) {
      out.str(id.scheme());
      out.str(id.id());
    }
    op(out, txn.op());
    return out.toArray();
  }

  /**
   * The transaction encoded in {@code bytes}, which must hold exactly one.
   *
   * @throws IllegalArgumentException if the bytes are not a well-formed version-1 transaction
   */
  public static Txn decode(byte[] bytes) {
    In in = new In(bytes);
    long zxid = in.i64();
    long timeMs = in.i64();
    long sessionId = in.i64();
    int cxid = in.i32();
    int idCount = in.count(8);
    List<Id> ids = new ArrayList<>(idCount);
    for (int i = 0; i < idCount; i++) {
      ids.add(new Id(in.str(), in.str()));
    }
    TxnOp op = op(in, 0);
    if (in.pos != bytes.length) {
      throw new IllegalArgumentException(
          (bytes.length - in.pos) + " bytes left over after the transaction at zxid " + zxid);
    }
    return new Txn(zxid, timeMs, sessionId, cxid, ids, op);
  }

  private static void op(Out out, TxnOp op) {
    if (op instanceof TxnOp.Create c) {
      out.u8(TAG_CREATE);
      out.str(c.path());
      out.bytes(c.data());
      acl(out, c.acl());
      out.i32(c.mode().flag());
      out.i64(c.ttlMs());
    } else if (op instanceof TxnOp.Delete d) {
      out.u8(TAG_DELETE);
      out.str(d.path());
      out.i32(d.version());
    } else if (op instanceof TxnOp.SetData s) {
      out.u8(TAG_SET_DATA);
      out.str(s.path());
      out.bytes(s.data());
      out.i32(s.version());
    } else if (op instanceof TxnOp.SetAcl s) {
      out.u8(TAG_SET_ACL);
      out.str(s.path());
      acl(out, s.acl());
      out.i32(s.aclVersion());
    } else if (op instanceof TxnOp.Check c) {
      out.u8(TAG_CHECK);
      out.str(c.path());
      out.i32(c.version());
    } else if (op instanceof TxnOp.Multi m) {
      out.u8(TAG_MULTI);
      out.i32(m.ops().size());
      for (TxnOp sub : m.ops()) {
        op(out, sub);
      }
    } else if (op instanceof TxnOp.CreateSession s) {
      out.u8(TAG_CREATE_SESSION);
      out.i64(s.sessionId());
      out.i32(s.timeoutMs());
    } else if (op instanceof TxnOp.CloseSession s) {
      out.u8(TAG_CLOSE_SESSION);
      out.i64(s.sessionId());
    } else if (op instanceof TxnOp.DeleteContainer d) {
      out.u8(TAG_DELETE_CONTAINER);
      out.str(d.path());
    } else {
      throw new IllegalArgumentException("no encoding for " + op);
    }
  }

  private static void acl(Out out, List<Acl> acl) {
    out.i32(acl.size());
    for (Acl a : acl) {
      out.i32(a.perms());
      out.str(a.id().scheme());
      out.str(a.id().id());
    }
  }

  private static TxnOp op(In in, int depth) {
    int tag = in.u8();
    return switch (tag) {
      case TAG_CREATE -> {
        String path = in.str();
        byte[] data = in.bytes();
        List<Acl> acl = acl(in);
        CreateMode mode = mode(in.i32());
        yield new TxnOp.Create(path, data, acl, mode, in.i64());
      }
      case TAG_DELETE -> new TxnOp.Delete(in.str(), in.i32());
      case TAG_SET_DATA -> new TxnOp.SetData(in.str(), in.bytes(), in.i32());
      case TAG_SET_ACL -> new TxnOp.SetAcl(in.str(), acl(in), in.i32());
      case TAG_CHECK -> new TxnOp.Check(in.str(), in.i32());
      case TAG_MULTI -> {
        if (depth >= MULTI_DEPTH_MAX) {
          throw new IllegalArgumentException("multi nested deeper than " + MULTI_DEPTH_MAX);
        }
        int count = in.count(1);
        List<TxnOp> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          ops.add(op(in, depth + 1));
        }
        yield new TxnOp.Multi(ops);
      }
      case TAG_CREATE_SESSION -> new TxnOp.CreateSession(in.i64(), in.i32());
      case TAG_CLOSE_SESSION -> new TxnOp.CloseSession(in.i64());
      case TAG_DELETE_CONTAINER -> new TxnOp.DeleteContainer(in.str());
      default ->
          throw new IllegalArgumentException("unknown op tag " + tag + " at byte " + (in.pos - 1));
    };
  }

  private static List<Acl> acl(In in) {
    int count = in.count(12);
    List<Acl> acl = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int perms = in.i32();
      acl.add(new Acl(perms, new Id(in.str(), in.str())));
    }
    return acl;
  }

  private static CreateMode mode(int flag) {
    try {
      return CreateMode.fromFlag(flag);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown create mode flag " + flag, e);
    }
  }

  /** A growable big-endian byte buffer. */
  private static final class Out {
    private byte[] buf;
    private int pos;

    Out(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int more) {
      if (buf.length - pos < more) {
        int needed = Math.addExact(pos, more);
        buf = Arrays.copyOf(buf, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, buf.length * 2)));
      }
    }

    void u8(int v) {
      ensure(1);
      buf[pos++] = (byte) v;
    }

    void i32(int v) {
      ensure(4);
      buf[pos++] = (byte) (v >>> 24);
      buf[pos++] = (byte) (v >>> 16);
      buf[pos++] = (byte) (v >>> 8);
      buf[pos++] = (byte) v;
    }

    void i64(long v) {
      i32((int) (v >>> 32));
      i32((int) v);
    }

    void raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    void str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      i32(b.length);
      raw(b);
    }

    void bytes(byte[] b) {
      if (b == null) {
        i32(-1);
      } else {
        i32(b.length);
        raw(b);
      }
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, pos);
    }
  }

  /** A bounds-checked big-endian reader. */
  private static final class In {
    private final byte[] buf;
    private int pos;

    In(byte[] buf) {
      this.buf = buf;
    }

    private void need(long n) {
      if (n < 0 || n > buf.length - pos) {
        throw new IllegalArgumentException(
            "needs " + n + " bytes at byte " + pos + " of " + buf.length);
      }
    }

    int u8() {
      need(1);
      return buf[pos++] & 0xff;
    }

    int i32() {
      need(4);
      int v =
          ((buf[pos] & 0xff) << 24)
              | ((buf[pos + 1] & 0xff) << 16)
              | ((buf[pos + 2] & 0xff) << 8)
              | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    long i64() {
      long high = i32();
      return (high << 32) | (i32() & 0xffffffffL);
    }

    /** A list count; each element takes at least {@code bytesEach}, so the count is bounded. */
    int count(int bytesEach) {
      int n = i32();
      if (n < 0 || (long) n * bytesEach > buf.length - pos) {
        throw new IllegalArgumentException("count " + n + " at byte " + (pos - 4) + " too large");
      }
      return n;
    }

    String str() {
      int n = i32();
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    byte[] bytes() {
      int n = i32();
      if (n == -1) {
        return null;
      }
      need(n);
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
  }
}
