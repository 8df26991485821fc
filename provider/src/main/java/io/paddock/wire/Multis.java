package io.paddock.wire;

import io.paddock.wire.Request.MultiOp;
import io.paddock.wire.Response.MultiResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code multi}/{@code multiRead} body layouts. Neither has a count: each element is preceded
 * by a jute {@code MultiHeader {int type; boolean done; int err}} and the list ends with the header
 * {@code (-1, true, -1)}.
 *
 * <pre>
 * request:  { MultiHeader(opType, false, -1)  op's request record }*   MultiHeader(-1, true, -1)
 * response: { MultiHeader(type, false, err)   result body }*           MultiHeader(-1, true, -1)
 * </pre>
 *
 * Request op types: create 1, create2 15, createContainer 19 (all {@code CreateRequest}), createTTL
 * 21, delete 2, setData 5, check 13 in a multi; getChildren 8, getData 4 in a multiRead (the
 * decoder accepts any of these in either and leaves the mix to the server). Result types: create 1
 * ({@code CreateResponse}), create2 15 ({@code Create2Response}), delete 2 and check 13 (no body),
 * setData 5 ({@code SetDataResponse}), getData 4, getChildren 8, and error -1 ({@code
 * ErrorResponse}, with the same code in the header's err; err is 0 for all other results). A
 * decoder takes the end marker from {@code done}, and a result's error from its body. The number of
 * elements is bounded by the frame size (each header is 9 bytes).
 *
 * <p>How a real ZooKeeper 3.9 server reports a failed multi (pinned by {@code
 * RealServerInteropTest}): the reply header's err is 0, and every result is an error result: ops
 * before the failing one carry 0, the failing op its error code, ops after it -2
 * (RuntimeInconsistency).
 */
final class Multis {
  private static final int END_TYPE = -1;
  private static final int NO_ERR = -1;

  private Multis() {}

  static void writeOps(JuteOutput out, List<MultiOp> ops) {
    for (MultiOp op : ops) {
      out.writeInt(op.op().code()).writeBool(false).writeInt(NO_ERR);
      op.request().write(out);
    }
    writeEnd(out);
  }

  static void writeResults(JuteOutput out, List<MultiResult> results) {
    for (MultiResult r : results) {
      out.writeInt(r.op().code()).writeBool(false).writeInt(r.err());
      r.body().write(out);
    }
    writeEnd(out);
  }

  private static void writeEnd(JuteOutput out) {
    out.writeInt(END_TYPE).writeBool(true).writeInt(NO_ERR);
  }

  static List<MultiOp> readOps(JuteInput in) {
    List<MultiOp> ops = new ArrayList<>();
    while (true) {
      int at = in.position();
      int type = in.readInt("multi.type");
      boolean done = in.readBool("multi.done");
      in.readInt("multi.err");
      if (done) {
        return ops;
      }
      OpCode op = OpCode.fromCode(type);
      if (op == null || !(op.isMultiWriteOp() || op.isMultiReadOp())) {
        throw new WireFormatException(
            "op type " + type + " not allowed inside a multi, at offset " + at);
      }
      ops.add(new MultiOp(op, ServerCodec.decodeRequest(op.code(), in)));
    }
  }

  static List<MultiResult> readResults(JuteInput in) {
    List<MultiResult> results = new ArrayList<>();
    while (true) {
      int at = in.position();
      int type = in.readInt("multi.type");
      boolean done = in.readBool("multi.done");
      in.readInt("multi.err");
      if (done) {
        return results;
      }
      OpCode op = OpCode.fromCode(type);
      if (op == null || resultBodyType(op) == null) {
        throw new WireFormatException(
            "result type " + type + " not allowed inside a multi response, at offset " + at);
      }
      Response body =
          switch (op) {
            case DELETE, CHECK -> Response.EMPTY;
            case ERROR -> new Response.ErrorResult(in.readInt("multi.error.err"));
            default -> ClientCodec.decodeResponse(op.code(), in);
          };
      results.add(new MultiResult(op, body));
    }
  }

  /** The body record of a multi result of this type, or {@code null} if the type is not allowed. */
  static Class<? extends Response> resultBodyType(OpCode op) {
    return switch (op) {
      case CREATE -> Response.Create.class;
      case CREATE2 -> Response.Create2.class;
      case DELETE, CHECK -> Response.Empty.class;
      case SET_DATA -> Response.SetData.class;
      case GET_DATA -> Response.GetData.class;
      case GET_CHILDREN -> Response.GetChildren.class;
      case ERROR -> Response.ErrorResult.class;
      default -> null;
    };
  }
}
