package io.paddock.wire;

/**
 * The server's side of the protocol after the handshake ({@link ConnectCodec} covers the
 * handshake): decode request frames, encode reply and notification frames.
 *
 * <h2>Formats</h2>
 *
 * Every frame is a 4-byte big-endian payload length followed by the payload ({@link FrameDecoder}).
 * A request payload is a jute {@code RequestHeader {int xid; int type}} followed by the body record
 * for {@code type} ({@link Request#bodyType}); ping, closeSession and whoAmI have no body. A reply
 * payload is a jute {@code ReplyHeader {int xid; long zxid; int err}} followed, when {@code err ==
 * 0}, by the op's response record; when {@code err != 0} there is no body, except for {@code
 * multi}/{@code multiRead}, whose result list is always sent (see {@link Multis}).
 *
 * <p>Special xids ({@link Xid}): pings use -2 and are answered with a header-only reply with xid
 * -2; auth packets use -4 (reply: header only, err = AuthFailed on failure); setWatches use -8
 * (reply: header only). Watch notifications are unsolicited frames: {@code ReplyHeader(-1, zxid,
 * 0)} followed by a {@code WatcherEvent {int type; int state; ustring path}}.
 *
 * <p>Unknown op codes are not a framing error: {@link #decodeRequestFrame} returns a {@link
 * DecodedRequest} without a body and the server answers with {@code UNIMPLEMENTED} (-6), as
 * ZooKeeper does. Bytes left over after a known body are a {@link WireFormatException}: no released
 * client sends them, so they mean a broken or hostile peer.
 */
public final class ServerCodec {
  private ServerCodec() {}

  /**
   * A decoded request frame.
   *
   * @param header the header as sent
   * @param op the op, or {@code null} if {@code header.type()} is not a ZooKeeper 3.9 op code
   * @param body the body, or {@code null} when {@code op} is {@code null} or has no client request
   *     body ({@code createSession}, {@code notification}, {@code error}, {@code deleteContainer});
   *     the server should reply {@code ReplyHeader(xid, zxid, UNIMPLEMENTED)}
   */
  public record DecodedRequest(RequestHeader header, OpCode op, Request body) {}

  /**
   * Decodes one complete request payload (a frame without its length prefix): header, body, and a
   * check that nothing follows.
   *
   * @throws WireFormatException if the payload is truncated, malformed or has trailing bytes
   */
  public static DecodedRequest decodeRequestFrame(byte[] payload) {
    JuteInput in = new JuteInput(payload);
    RequestHeader header = RequestHeader.read(in);
    OpCode op = OpCode.fromCode(header.type());
    if (op == null || Request.bodyType(op) == null) {
      return new DecodedRequest(header, op, null);
    }
    Request body = decodeRequest(op.code(), in);
    in.expectEnd(op + " request");
    return new DecodedRequest(header, op, body);
  }

  /**
   * Decodes the body of a request of type {@code opCode} from {@code in} (positioned after the
   * header). Does not check for trailing bytes.
   *
   * @throws WireFormatException if the body is malformed, or the op code has no request body
   */
  public static Request decodeRequest(int opCode, JuteInput in) {
    OpCode op = OpCode.fromCode(opCode);
    if (op == null) {
      throw new WireFormatException(
          "unknown op code " + opCode + " before offset " + in.position());
    }
    return switch (op) {
      case CREATE, CREATE2, CREATE_CONTAINER ->
          new Request.Create(
              path(in), in.readBuffer("data"), in.readAclVector("acl"), in.readInt("flags"));
      case CREATE_TTL ->
          new Request.CreateTtl(
              path(in),
              in.readBuffer("data"),
              in.readAclVector("acl"),
              in.readInt("flags"),
              in.readLong("ttl"));
      case DELETE -> new Request.Delete(path(in), in.readInt("version"));
      case EXISTS -> new Request.Exists(path(in), in.readBool("watch"));
      case GET_DATA -> new Request.GetData(path(in), in.readBool("watch"));
      case GET_CHILDREN -> new Request.GetChildren(path(in), in.readBool("watch"));
      case GET_CHILDREN2 -> new Request.GetChildren2(path(in), in.readBool("watch"));
      case SET_DATA -> new Request.SetData(path(in), in.readBuffer("data"), in.readInt("version"));
      case GET_ACL -> new Request.GetAcl(path(in));
      case SET_ACL -> new Request.SetAcl(path(in), in.readAclVector("acl"), in.readInt("version"));
      case SYNC -> new Request.Sync(path(in));
      case CHECK -> new Request.CheckVersion(path(in), in.readInt("version"));
      case MULTI -> new Request.Multi(Multis.readOps(in));
      case MULTI_READ -> new Request.MultiRead(Multis.readOps(in));
      case RECONFIG ->
          new Request.Reconfig(
              in.readString("joiningServers"),
              in.readString("leavingServers"),
              in.readString("newMembers"),
              in.readLong("curConfigId"));
      case AUTH ->
          new Request.Auth(
              in.readInt("auth.type"), in.readNonNullString("auth.scheme"), in.readBuffer("auth"));
      case SET_WATCHES ->
          new Request.SetWatches(
              in.readLong("relativeZxid"),
              in.readStringVector("dataWatches"),
              in.readStringVector("existWatches"),
              in.readStringVector("childWatches"));
      case SET_WATCHES2 ->
          new Request.SetWatches2(
              in.readLong("relativeZxid"),
              in.readStringVector("dataWatches"),
              in.readStringVector("existWatches"),
              in.readStringVector("childWatches"),
              in.readStringVector("persistentWatches"),
              in.readStringVector("persistentRecursiveWatches"));
      case ADD_WATCH -> new Request.AddWatch(path(in), in.readInt("mode"));
      case REMOVE_WATCHES -> new Request.RemoveWatches(path(in), in.readInt("type"));
      case CHECK_WATCHES -> new Request.CheckWatches(path(in), in.readInt("type"));
      case GET_ALL_CHILDREN_NUMBER -> new Request.GetAllChildrenNumber(path(in));
      case GET_EPHEMERALS -> new Request.GetEphemerals(in.readNonNullString("prefixPath"));
      case SASL -> new Request.Sasl(in.readBuffer("token"));
      case PING -> new Request.Ping();
      case CLOSE_SESSION -> new Request.CloseSession();
      case WHO_AM_I -> new Request.WhoAmI();
      case NOTIFICATION, ERROR, CREATE_SESSION, DELETE_CONTAINER ->
          throw new WireFormatException(
              "op "
                  + op
                  + " ("
                  + opCode
                  + ") is not a client request, before offset "
                  + in.position());
    };
  }

  /**
   * Encodes a complete reply frame (length prefix included).
   *
   * @param body the response body, or {@code null} (same as {@link Response#EMPTY}) for a
   *     header-only reply; must be {@code null}/empty when {@code header.err() != 0}, except for
   *     multi
   */
  public static byte[] encodeReply(ReplyHeader header, Response body) {
    if (header.err() != 0 && body != null && !(body instanceof Response.Empty)) {
      if (!(body instanceof Response.Multi)) {
        throw new IllegalArgumentException(
            "a reply with err " + header.err() + " has no body, got " + body);
      }
    }
    JuteOutput out = JuteOutput.frame();
    header.write(out);
    if (body != null) {
      body.write(out);
    }
    return out.toFrame();
  }

  /** Encodes a watch notification frame: {@code ReplyHeader(-1, zxid, 0)} + the event. */
  public static byte[] encodeNotification(long zxid, WatcherEvent event) {
    JuteOutput out = JuteOutput.frame();
    new ReplyHeader(Xid.NOTIFICATION, zxid, 0).write(out);
    event.write(out);
    return out.toFrame();
  }

  private static String path(JuteInput in) {
    return in.readNonNullString("path");
  }
}
