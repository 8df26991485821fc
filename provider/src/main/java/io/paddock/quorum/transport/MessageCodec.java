package io.paddock.quorum.transport;

import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.Message.Ack;
import io.paddock.quorum.core.Message.AckEpoch;
import io.paddock.quorum.core.Message.AckNewEpoch;
import io.paddock.quorum.core.Message.Commit;
import io.paddock.quorum.core.Message.ForwardSync;
import io.paddock.quorum.core.Message.ForwardWrite;
import io.paddock.quorum.core.Message.Inform;
import io.paddock.quorum.core.Message.LeaderInfo;
import io.paddock.quorum.core.Message.LearnerInfo;
import io.paddock.quorum.core.Message.NewEpoch;
import io.paddock.quorum.core.Message.Notification;
import io.paddock.quorum.core.Message.Ping;
import io.paddock.quorum.core.Message.PingReply;
import io.paddock.quorum.core.Message.Proposal;
import io.paddock.quorum.core.Message.Resync;
import io.paddock.quorum.core.Message.Sync;
import io.paddock.quorum.core.Message.SyncDone;
import io.paddock.quorum.core.Message.SyncMode;
import io.paddock.quorum.core.Message.UpToDate;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.Vote;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnCodec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The binary form of a {@link Message}: what one peer sends another in a frame. Pure (no I/O), so
 * it could move to a pure package; the transport adds framing, checksums and the handshake.
 *
 * <p>Format version {@value #FORMAT_VERSION}, announced in the connection handshake (peers of
 * another version are refused, so there is no version byte per message). Integers are big-endian
 * two's complement; {@code bool} is one byte, 0 or 1; {@code str} is a length ({@code i32}, at most
 * {@value #STRING_BYTES_MAX}) followed by that many bytes of strict UTF-8; {@code txn} is a length
 * ({@code i32}) followed by a transaction in {@link TxnCodec}'s format (the one the log stores);
 * {@code list(x)} is a count ({@code i32}, at most {@value #LIST_COUNT_MAX}) followed by the
 * elements.
 *
 * <pre>
 *   message := tag:u8 body, one of
 *     1 Notification  round:i64 state:role leader:i64 zxid:i64 epoch:i64 observer:bool
 *     2 LearnerInfo   syncId:i64 acceptedEpoch:i64 currentEpoch:i64 lastZxid:i64 observer:bool
 *     3 LeaderInfo    syncId:i64 epoch:i64
 *     4 AckEpoch      syncId:i64 epoch:i64 currentEpoch:i64 lastZxid:i64 counts:bool
 *     5 Sync          syncId:i64 epoch:i64 mode:syncMode zxid:i64 entries:list(txn)
 *                     lastZxid:i64 commitZxid:i64
 *     6 AckNewLeader  syncId:i64 zxid:i64
 *     7 UpToDate      syncId:i64 epoch:i64 commitZxid:i64
 *     8 Proposal      epoch:i64 prevZxid:i64 txn:txn
 *     9 Ack           syncId:i64 zxid:i64
 *    10 Commit        epoch:i64 zxid:i64
 *    11 Inform        epoch:i64 prevZxid:i64 txn:txn
 *    12 Ping          epoch:i64 syncId:i64 commitZxid:i64
 *    13 PingReply     syncId:i64 lastZxid:i64 ackedZxid:i64
 *    14 Resync        syncId:i64 reason:str
 *    15 NewEpoch      epoch:i64
 *    16 AckNewEpoch   syncId:i64 epoch:i64
 *    17 ForwardWrite  syncId:i64 seq:i64 draft:txn
 *    18 ForwardSync   syncId:i64 seq:i64 requestId:i64
 *    19 SyncDone      requestId:i64 zxid:i64
 *    20 Touches       sessionIds:list(i64)
 *   role     := u8: 0 LOOKING, 1 FOLLOWING, 2 LEADING, 3 OBSERVING
 *   syncMode := u8: 0 DIFF, 1 TRUNC, 2 SNAP
 * </pre>
 *
 * Tags and enum codes are fixed forever (never {@code ordinal()}): a new message gets a new tag, a
 * changed body needs a new format version. Decoding checks every length and count against its limit
 * and against the bytes that remain before allocating anything, and a message must use up its bytes
 * exactly, so hostile or damaged input fails with a {@link MalformedMessageException}.
 */
public final class MessageCodec {
  /** The version of the format above, exchanged in the transport handshake. */
  public static final int FORMAT_VERSION = 1;

  /** Longest string (UTF-8 bytes), e.g. a {@link Resync} reason. */
  public static final int STRING_BYTES_MAX = 1024;

  /** Most entries of a list, e.g. the transactions of a {@link Sync}. */
  public static final int LIST_COUNT_MAX = 1 << 20;

  /** Fewest bytes an encoded transaction takes; bounds a list count by the bytes that remain. */
  private static final int TXN_BYTES_MIN = 4 + 8 + 8 + 8 + 4 + 4 + 1;

  private static final Role[] ROLES = {Role.LOOKING, Role.FOLLOWING, Role.LEADING, Role.OBSERVING};
  private static final SyncMode[] SYNC_MODES = {SyncMode.DIFF, SyncMode.TRUNC, SyncMode.SNAP};

  private MessageCodec() {}

  /**
   * The encoded form of {@code message}.
   *
   * @throws IllegalArgumentException if a field is over its limit (a string or a list), which is a
   *     bug of the sender: the receiver would refuse it
   */
  public static byte[] encode(Message message) {
    Out out = new Out();
    if (message instanceof Notification m) {
      out.u8(1).i64(m.round()).u8(roleCode(m.state()));
      out.i64(m.vote().leader()).i64(m.vote().zxid()).i64(m.vote().epoch()).bool(m.observer());
    } else if (message instanceof LearnerInfo m) {
      out.u8(2).i64(m.syncId()).i64(m.acceptedEpoch()).i64(m.currentEpoch()).i64(m.lastZxid());
      out.bool(m.observer());
    } else if (message instanceof LeaderInfo m) {
      out.u8(3).i64(m.syncId()).i64(m.epoch());
    } else if (message instanceof AckEpoch m) {
      out.u8(4).i64(m.syncId()).i64(m.epoch()).i64(m.currentEpoch()).i64(m.lastZxid());
      out.bool(m.counts());
    } else if (message instanceof Sync m) {
      out.u8(5).i64(m.syncId()).i64(m.epoch()).u8(syncModeCode(m.mode())).i64(m.zxid());
      if (m.entries().size() > LIST_COUNT_MAX) {
        throw new IllegalArgumentException(
            "sync with " + m.entries().size() + " entries, over " + LIST_COUNT_MAX);
      }
      out.i32(m.entries().size());
      for (Txn txn : m.entries()) {
        out.txn(txn);
      }
      out.i64(m.lastZxid()).i64(m.commitZxid());
    } else if (message instanceof Message.AckNewLeader m) {
      out.u8(6).i64(m.syncId()).i64(m.zxid());
    } else if (message instanceof UpToDate m) {
      out.u8(7).i64(m.syncId()).i64(m.epoch()).i64(m.commitZxid());
    } else if (message instanceof Proposal m) {
      out.u8(8).i64(m.epoch()).i64(m.prevZxid()).txn(m.txn());
    } else if (message instanceof Ack m) {
      out.u8(9).i64(m.syncId()).i64(m.zxid());
    } else if (message instanceof Commit m) {
      out.u8(10).i64(m.epoch()).i64(m.zxid());
    } else if (message instanceof Inform m) {
      out.u8(11).i64(m.epoch()).i64(m.prevZxid()).txn(m.txn());
    } else if (message instanceof Ping m) {
      out.u8(12).i64(m.epoch()).i64(m.syncId()).i64(m.commitZxid());
    } else if (message instanceof PingReply m) {
      out.u8(13).i64(m.syncId()).i64(m.lastZxid()).i64(m.ackedZxid());
    } else if (message instanceof Resync m) {
      out.u8(14).i64(m.syncId()).str(m.reason());
    } else if (message instanceof NewEpoch m) {
      out.u8(15).i64(m.epoch());
    } else if (message instanceof AckNewEpoch m) {
      out.u8(16).i64(m.syncId()).i64(m.epoch());
    } else if (message instanceof ForwardWrite m) {
      out.u8(17).i64(m.syncId()).i64(m.seq()).txn(m.draft());
    } else if (message instanceof ForwardSync m) {
      out.u8(18).i64(m.syncId()).i64(m.seq()).i64(m.requestId());
    } else if (message instanceof SyncDone m) {
      out.u8(19).i64(m.requestId()).i64(m.zxid());
    } else if (message instanceof Message.Touches m) {
      out.u8(20).i32(m.sessionIds().size());
      for (long id : m.sessionIds()) {
        out.i64(id);
      }
    } else {
      throw new IllegalArgumentException("no encoding for " + message);
    }
    return out.toArray();
  }

  /** The message encoded in all of {@code bytes}. */
  public static Message decode(byte[] bytes) throws MalformedMessageException {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * The message encoded in {@code bytes[offset, offset + length)}, which must hold exactly one.
   *
   * @throws MalformedMessageException if those bytes are not a well-formed message of this format
   */
  public static Message decode(byte[] bytes, int offset, int length)
      throws MalformedMessageException {
    In in = new In(bytes, offset, length);
    int tag = in.u8();
    Message message =
        switch (tag) {
          case 1 ->
              new Notification(
                  in.i64(), in.role(), new Vote(in.i64(), in.i64(), in.i64()), in.bool());
          case 2 -> new LearnerInfo(in.i64(), in.i64(), in.i64(), in.i64(), in.bool());
          case 3 -> new LeaderInfo(in.i64(), in.i64());
          case 4 -> new AckEpoch(in.i64(), in.i64(), in.i64(), in.i64(), in.bool());
          case 5 -> sync(in);
          case 6 -> new Message.AckNewLeader(in.i64(), in.i64());
          case 7 -> new UpToDate(in.i64(), in.i64(), in.i64());
          case 8 -> new Proposal(in.i64(), in.i64(), in.txn());
          case 9 -> new Ack(in.i64(), in.i64());
          case 10 -> new Commit(in.i64(), in.i64());
          case 11 -> new Inform(in.i64(), in.i64(), in.txn());
          case 12 -> new Ping(in.i64(), in.i64(), in.i64());
          case 13 -> new PingReply(in.i64(), in.i64(), in.i64());
          case 14 -> new Resync(in.i64(), in.str());
          case 15 -> new NewEpoch(in.i64());
          case 16 -> new AckNewEpoch(in.i64(), in.i64());
          case 17 -> new ForwardWrite(in.i64(), in.i64(), in.txn());
          case 18 -> new ForwardSync(in.i64(), in.i64(), in.i64());
          case 19 -> new SyncDone(in.i64(), in.i64());
          case 20 -> touches(in);
          default -> throw new MalformedMessageException("unknown message tag " + tag);
        };
    in.expectEnd(message);
    return message;
  }

  private static Message.Touches touches(In in) throws MalformedMessageException {
    int count = in.count(Long.BYTES);
    List<Long> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(in.i64());
    }
    return new Message.Touches(ids);
  }

  private static Sync sync(In in) throws MalformedMessageException {
    long syncId = in.i64();
    long epoch = in.i64();
    SyncMode mode = in.syncMode();
    long zxid = in.i64();
    int count = in.count(TXN_BYTES_MIN);
    List<Txn> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(in.txn());
    }
    return new Sync(syncId, epoch, mode, zxid, entries, in.i64(), in.i64());
  }

  private static int roleCode(Role role) {
    return switch (role) {
      case LOOKING -> 0;
      case FOLLOWING -> 1;
      case LEADING -> 2;
      case OBSERVING -> 3;
    };
  }

  private static int syncModeCode(SyncMode mode) {
    return switch (mode) {
      case DIFF -> 0;
      case TRUNC -> 1;
      case SNAP -> 2;
    };
  }

  /** A growable big-endian byte buffer. */
  private static final class Out {
    private byte[] buf = new byte[64];
    private int pos;

    private void ensure(int more) {
      if (buf.length - pos < more) {
        int needed = Math.addExact(pos, more);
        buf = Arrays.copyOf(buf, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, buf.length * 2)));
      }
    }

    Out u8(int v) {
      ensure(1);
      buf[pos++] = (byte) v;
      return this;
    }

    Out bool(boolean v) {
      return u8(v ? 1 : 0);
    }

    Out i32(int v) {
      ensure(4);
      buf[pos++] = (byte) (v >>> 24);
      buf[pos++] = (byte) (v >>> 16);
      buf[pos++] = (byte) (v >>> 8);
      buf[pos++] = (byte) v;
      return this;
    }

    Out i64(long v) {
      return i32((int) (v >>> 32)).i32((int) v);
    }

    Out raw(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
      return this;
    }

    Out str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      if (b.length > STRING_BYTES_MAX) {
        throw new IllegalArgumentException(
            "string of " + b.length + " bytes, over " + STRING_BYTES_MAX + ": " + s);
      }
      return i32(b.length).raw(b);
    }

    Out txn(Txn txn) {
      byte[] b = TxnCodec.encode(txn);
      return i32(b.length).raw(b);
    }

    byte[] toArray() {
      return Arrays.copyOf(buf, pos);
    }
  }

  /** A bounds-checked big-endian reader over a slice of an array. */
  private static final class In {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    In(byte[] buf, int offset, int length) {
      if (offset < 0 || length < 0 || offset > buf.length - length) {
        throw new IndexOutOfBoundsException(
            "slice " + offset + "+" + length + " of " + buf.length + " bytes");
      }
      this.buf = buf;
      this.start = offset;
      this.end = offset + length;
      this.pos = offset;
    }

    private int remaining() {
      return end - pos;
    }

    private void need(int n, String what) throws MalformedMessageException {
      if (n > remaining()) {
        throw new MalformedMessageException(
            "truncated: "
                + what
                + " needs "
                + n
                + " bytes at byte "
                + (pos - start)
                + ", "
                + remaining()
                + " left");
      }
    }

    int u8() throws MalformedMessageException {
      need(1, "a byte");
      return buf[pos++] & 0xff;
    }

    boolean bool() throws MalformedMessageException {
      int v = u8();
      if (v > 1) {
        throw new MalformedMessageException("boolean byte " + v + " at byte " + (pos - start - 1));
      }
      return v == 1;
    }

    int i32() throws MalformedMessageException {
      need(4, "an i32");
      int v =
          ((buf[pos] & 0xff) << 24)
              | ((buf[pos + 1] & 0xff) << 16)
              | ((buf[pos + 2] & 0xff) << 8)
              | (buf[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    long i64() throws MalformedMessageException {
      long high = i32();
      return (high << 32) | (i32() & 0xffffffffL);
    }

    Role role() throws MalformedMessageException {
      int code = u8();
      if (code >= ROLES.length) {
        throw new MalformedMessageException("unknown role code " + code);
      }
      return ROLES[code];
    }

    SyncMode syncMode() throws MalformedMessageException {
      int code = u8();
      if (code >= SYNC_MODES.length) {
        throw new MalformedMessageException("unknown sync mode code " + code);
      }
      return SYNC_MODES[code];
    }

    /** A list count; each element takes at least {@code bytesEach}, which bounds it too. */
    int count(int bytesEach) throws MalformedMessageException {
      int n = i32();
      if (n < 0 || n > LIST_COUNT_MAX || (long) n * bytesEach > remaining()) {
        throw new MalformedMessageException(
            "list count " + n + " at byte " + (pos - start - 4) + " is out of range");
      }
      return n;
    }

    /** A length prefix in {@code [0, max]} that fits in what remains. */
    private int length(int max, String what) throws MalformedMessageException {
      int n = i32();
      if (n < 0 || n > max) {
        throw new MalformedMessageException(
            what + " length " + n + " at byte " + (pos - start - 4) + " is out of range 0.." + max);
      }
      need(n, what);
      return n;
    }

    String str() throws MalformedMessageException {
      int n = length(STRING_BYTES_MAX, "string");
      try {
        // Strict: damaged UTF-8 is an error, not silently replaced characters.
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(buf, pos, n));
        pos += n;
        return chars.toString();
      } catch (CharacterCodingException e) {
        throw new MalformedMessageException("string at byte " + (pos - start) + " is not UTF-8", e);
      }
    }

    Txn txn() throws MalformedMessageException {
      int n = length(Integer.MAX_VALUE, "transaction");
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      try {
        Txn txn = TxnCodec.decode(b);
        pos += n;
        return txn;
      } catch (IllegalArgumentException | NullPointerException e) {
        // TxnCodec reports damage as IllegalArgumentException; record constructors may reject
        // decoded values (e.g. a multi holding a forbidden op) the same way or with an NPE.
        throw new MalformedMessageException(
            "transaction at byte " + (pos - start) + ": " + e.getMessage(), e);
      }
    }

    void expectEnd(Message message) throws MalformedMessageException {
      if (pos != end) {
        throw new MalformedMessageException(
            remaining() + " bytes left over after " + message.getClass().getSimpleName());
      }
    }
  }
}
