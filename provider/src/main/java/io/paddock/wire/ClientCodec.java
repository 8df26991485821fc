package io.paddock.wire;

/**
 * The client's side of the protocol after the handshake: encode request frames, decode replies and
 * notifications. The formats are described on {@link ServerCodec}.
 *
 * <p>Typical use for each payload from the {@link FrameDecoder}:
 *
 * <pre>{@code
 * JuteInput in = new JuteInput(payload);
 * ReplyHeader h = ReplyHeader.read(in);
 * switch (h.xid()) {
 *   case Xid.NOTIFICATION -> handle(ClientCodec.decodeNotification(in));
 *   case Xid.PING, Xid.AUTH, Xid.SET_WATCHES -> ... header only; check h.err() ...
 *   default -> {
 *     OpCode op = pendingOpFor(h.xid()); // the client remembers each xid's op
 *     Response r = ClientCodec.decodeReplyBody(h, op.code(), in);
 *   }
 * }
 * }</pre>
 */
public final class ClientCodec {
  private ClientCodec() {}

  /**
   * Encodes a complete request frame (length prefix included).
   *
   * @throws IllegalArgumentException if {@code body} is not the record {@link Request#bodyType}
   *     names for {@code header.type()}
   */
  public static byte[] encodeRequest(RequestHeader header, Request body) {
    OpCode op = OpCode.fromCode(header.type());
    Class<? extends Request> expected = op == null ? null : Request.bodyType(op);
    if (expected == null || !expected.isInstance(body)) {
      throw new IllegalArgumentException(
          "op type "
              + header.type()
              + " ("
              + op
              + ") needs a "
              + (expected == null ? "(none: not a client op)" : expected.getSimpleName())
              + " body, got "
              + body);
    }
    JuteOutput out = JuteOutput.frame();
    header.write(out);
    body.write(out);
    return out.toFrame();
  }

  /**
   * Decodes the body of a reply (after its header) to a request of {@code opCode}, applying the
   * rule that a non-zero err means no body except for multi/multiRead, and checks that nothing
   * follows.
   *
   * @return the body, {@link Response#EMPTY} when the reply has none
   * @throws WireFormatException if the body is malformed or has trailing bytes
   */
  public static Response decodeReplyBody(ReplyHeader header, int opCode, JuteInput in) {
    boolean multi = opCode == OpCode.MULTI.code() || opCode == OpCode.MULTI_READ.code();
    Response body = header.err() != 0 && !multi ? Response.EMPTY : decodeResponse(opCode, in);
    in.expectEnd("reply to op " + opCode + " (err " + header.err() + ")");
    return body;
  }

  /** Decodes a notification's {@code WatcherEvent} (after its header); nothing may follow. */
  public static WatcherEvent decodeNotification(JuteInput in) {
    WatcherEvent event = WatcherEvent.read(in);
    in.expectEnd("notification");
    return event;
  }

  /**
   * Decodes the body of a successful reply to a request of {@code opCode}. Does not check for
   * trailing bytes.
   *
   * @throws WireFormatException if the body is malformed or the op code has no reply
   */
  public static Response decodeResponse(int opCode, JuteInput in) {
    OpCode op = OpCode.fromCode(opCode);
    if (op == null) {
      throw new WireFormatException(
          "unknown op code " + opCode + " before offset " + in.position());
    }
    return switch (op) {
      case CREATE -> new Response.Create(in.readString("path"));
      case CREATE2, CREATE_CONTAINER, CREATE_TTL ->
          new Response.Create2(in.readString("path"), in.readStat());
      case DELETE,
          CHECK,
          AUTH,
          SET_WATCHES,
          SET_WATCHES2,
          REMOVE_WATCHES,
          CHECK_WATCHES,
          PING,
          CLOSE_SESSION ->
          Response.EMPTY;
      case ADD_WATCH -> new Response.ErrorResult(in.readInt("err")); // ZooKeeper sends one
      case EXISTS -> new Response.Exists(in.readStat());
      case GET_DATA, RECONFIG -> new Response.GetData(in.readBuffer("data"), in.readStat());
      case SET_DATA -> new Response.SetData(in.readStat());
      case GET_ACL -> new Response.GetAcl(in.readAclVector("acl"), in.readStat());
      case SET_ACL -> new Response.SetAcl(in.readStat());
      case GET_CHILDREN -> new Response.GetChildren(in.readStringVector("children"));
      case GET_CHILDREN2 ->
          new Response.GetChildren2(in.readStringVector("children"), in.readStat());
      case SYNC -> new Response.Sync(in.readString("path"));
      case MULTI, MULTI_READ -> new Response.Multi(Multis.readResults(in));
      case GET_ALL_CHILDREN_NUMBER -> new Response.GetAllChildrenNumber(in.readInt("totalNumber"));
      case GET_EPHEMERALS -> new Response.GetEphemerals(in.readStringVector("ephemerals"));
      case WHO_AM_I -> new Response.WhoAmI(in.readClientInfoVector("clientInfo"));
      case SASL -> new Response.Sasl(in.readBuffer("token"));
      case NOTIFICATION, ERROR, CREATE_SESSION, DELETE_CONTAINER ->
          throw new WireFormatException(
              "op " + op + " (" + opCode + ") has no reply body, before offset " + in.position());
    };
  }
}
