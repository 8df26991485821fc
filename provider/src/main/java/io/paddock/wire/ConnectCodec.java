package io.paddock.wire;

/**
 * The handshake: the first frame each way on a new connection. Neither has a request or reply
 * header; both are length-prefixed like every other frame.
 *
 * <pre>
 * client → server  ConnectRequest  { int protocolVersion; long lastZxidSeen; int timeOut;
 *                                    long sessionId; buffer passwd; [boolean readOnly] }
 * server → client  ConnectResponse { int protocolVersion; int timeOut; long sessionId;
 *                                    buffer passwd; [boolean readOnly] }
 * </pre>
 *
 * The trailing {@code readOnly} byte is optional in both: clients before 3.4 neither send it nor
 * expect it back, so a server answers such a client without it ({@link
 * #encodeConnectResponse(ConnectResponse, boolean)} with {@link
 * ConnectRequest#readOnlyFieldPresent()}). A ZooKeeper 3.9 client sends it. A new session has
 * sessionId 0 and a 16-byte zero password; a response with timeOut 0 means the session is expired
 * or unknown, after which the server closes the connection.
 */
public final class ConnectCodec {
  private ConnectCodec() {}

  /** A complete ConnectRequest frame; the readOnly byte is written iff the record says present. */
  public static byte[] encodeConnectRequest(ConnectRequest r) {
    JuteOutput out = JuteOutput.frame();
    out.writeInt(r.protocolVersion())
        .writeLong(r.lastZxidSeen())
        .writeInt(r.timeOutMs())
        .writeLong(r.sessionId())
        .writeBuffer(r.passwd());
    if (r.readOnlyFieldPresent()) {
      out.writeBool(r.readOnly());
    }
    return out.toFrame();
  }

  /**
   * Decodes a ConnectRequest payload (frame without the length prefix).
   *
   * @throws WireFormatException if truncated, malformed, or followed by trailing bytes
   */
  public static ConnectRequest decodeConnectRequest(JuteInput in) {
    int protocolVersion = in.readInt("connect.protocolVersion");
    long lastZxidSeen = in.readLong("connect.lastZxidSeen");
    int timeOutMs = in.readInt("connect.timeOut");
    long sessionId = in.readLong("connect.sessionId");
    byte[] passwd = in.readBuffer("connect.passwd");
    boolean present = in.hasRemaining();
    boolean readOnly = present && in.readBool("connect.readOnly");
    in.expectEnd("ConnectRequest");
    return new ConnectRequest(
        protocolVersion, lastZxidSeen, timeOutMs, sessionId, passwd, readOnly, present);
  }

  /** A complete ConnectResponse frame with the readOnly byte (for every current client). */
  public static byte[] encodeConnectResponse(ConnectResponse r) {
    return encodeConnectResponse(r, true);
  }

  /**
   * A complete ConnectResponse frame.
   *
   * @param withReadOnlyByte whether to append the readOnly byte; pass the request's {@link
   *     ConnectRequest#readOnlyFieldPresent()}
   */
  public static byte[] encodeConnectResponse(ConnectResponse r, boolean withReadOnlyByte) {
    JuteOutput out = JuteOutput.frame();
    out.writeInt(r.protocolVersion())
        .writeInt(r.timeOutMs())
        .writeLong(r.sessionId())
        .writeBuffer(r.passwd());
    if (withReadOnlyByte) {
      out.writeBool(r.readOnly());
    }
    return out.toFrame();
  }

  /**
   * Decodes a ConnectResponse payload; a missing readOnly byte (an old server) reads as false.
   *
   * @throws WireFormatException if truncated, malformed, or followed by trailing bytes
   */
  public static ConnectResponse decodeConnectResponse(JuteInput in) {
    int protocolVersion = in.readInt("connect.protocolVersion");
    int timeOutMs = in.readInt("connect.timeOut");
    long sessionId = in.readLong("connect.sessionId");
    byte[] passwd = in.readBuffer("connect.passwd");
    boolean readOnly = in.hasRemaining() && in.readBool("connect.readOnly");
    in.expectEnd("ConnectResponse");
    return new ConnectResponse(protocolVersion, timeOutMs, sessionId, passwd, readOnly);
  }
}
