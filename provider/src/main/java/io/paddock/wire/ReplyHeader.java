package io.paddock.wire;

/**
 * Jute {@code ReplyHeader {int xid; long zxid; int err}}: starts every server frame after the
 * handshake.
 *
 * @param xid the request's xid, or {@link Xid#NOTIFICATION} for a watch event
 * @param zxid the last zxid the server had applied when it replied
 * @param err 0, or a ZooKeeper error code; when non-zero the reply has no body, except for {@code
 *     multi}/{@code multiRead}
 */
public record ReplyHeader(int xid, long zxid, int err) {
  /** Encoded size in bytes. */
  public static final int BYTES = 16;

  public void write(JuteOutput out) {
    out.writeInt(xid).writeLong(zxid).writeInt(err);
  }

  public static ReplyHeader read(JuteInput in) {
    return new ReplyHeader(
        in.readInt("reply.xid"), in.readLong("reply.zxid"), in.readInt("reply.err"));
  }
}
