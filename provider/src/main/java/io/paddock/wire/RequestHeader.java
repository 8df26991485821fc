package io.paddock.wire;

/**
 * Jute {@code RequestHeader {int xid; int type}}: starts every client frame after the handshake.
 *
 * @param xid the client's request number, echoed in the reply (see {@link Xid} for reserved ones)
 * @param type the {@link OpCode} number
 */
public record RequestHeader(int xid, int type) {
  /** Encoded size in bytes. */
  public static final int BYTES = 8;

  public RequestHeader(int xid, OpCode op) {
    this(xid, op.code());
  }

  public void write(JuteOutput out) {
    out.writeInt(xid).writeInt(type);
  }

  public static RequestHeader read(JuteInput in) {
    return new RequestHeader(in.readInt("header.xid"), in.readInt("header.type"));
  }
}
