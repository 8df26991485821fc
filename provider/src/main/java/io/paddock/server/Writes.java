package io.paddock.server;

import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.OpResult;
import io.paddock.tree.TxnResult;
import io.paddock.txn.TxnOp;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates write requests into transaction ops, and transaction results back into reply bodies in
 * the shapes ZooKeeper's clients expect for each op code.
 */
final class Writes {
  private Writes() {}

  /** Whether {@code op} becomes a transaction. */
  static boolean isWrite(OpCode op) {
    return switch (op) {
      case CREATE,
          CREATE2,
          CREATE_CONTAINER,
          CREATE_TTL,
          DELETE,
          SET_DATA,
          SET_ACL,
          CHECK,
          MULTI,
          CLOSE_SESSION ->
          true;
      default -> false;
    };
  }

  /**
   * The transaction op for a write request, or null when the request is malformed in a way the
   * client must hear about as BAD_ARGUMENTS (for example an unknown create mode).
   */
  static TxnOp toTxnOp(OpCode op, Request body, long sessionId) {
    if (body instanceof Request.Create r) {
      CreateMode mode = modeOf(r.flags());
      if (mode == null
          || mode.isTtl()
          || (op == OpCode.CREATE_CONTAINER) != (mode == CreateMode.CONTAINER)) {
        return null;
      }
      return new TxnOp.Create(r.path(), r.data(), r.acl(), mode, 0);
    } else if (body instanceof Request.CreateTtl r) {
      CreateMode mode = modeOf(r.flags());
      if (mode == null || !mode.isTtl()) {
        return null;
      }
      return new TxnOp.Create(r.path(), r.data(), r.acl(), mode, r.ttl());
    } else if (body instanceof Request.Delete r) {
      return new TxnOp.Delete(r.path(), r.version());
    } else if (body instanceof Request.SetData r) {
      return new TxnOp.SetData(r.path(), r.data(), r.version());
    } else if (body instanceof Request.SetAcl r) {
      return new TxnOp.SetAcl(r.path(), r.acl(), r.version());
    } else if (body instanceof Request.CheckVersion r) {
      return new TxnOp.Check(r.path(), r.version());
    } else if (body instanceof Request.Multi r) {
      List<TxnOp> ops = new ArrayList<>(r.ops().size());
      for (Request.MultiOp sub : r.ops()) {
        if (!sub.op().isMultiWriteOp()) {
          return null;
        }
        TxnOp txnOp = toTxnOp(sub.op(), sub.request(), sessionId);
        if (txnOp == null) {
          return null;
        }
        ops.add(txnOp);
      }
      return new TxnOp.Multi(ops);
    } else if (body instanceof Request.CloseSession) {
      return new TxnOp.CloseSession(sessionId);
    }
    throw new IllegalArgumentException("not a write: " + body);
  }

  private static CreateMode modeOf(int flags) {
    try {
      return CreateMode.fromFlag(flags);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The reply to a write request once its transaction has been applied. */
  static Outcome reply(OpCode op, Request body, TxnResult result) {
    if (op == OpCode.MULTI) {
      return Outcome.ok(multiReply((Request.Multi) body, result));
    }
    if (result.error() != ErrorCode.OK) {
      return Outcome.error(result.error());
    }
    return Outcome.ok(body(op, result));
  }

  private static Response body(OpCode op, TxnResult result) {
    return switch (op) {
      case CREATE -> new Response.Create(result.path());
      case CREATE2, CREATE_CONTAINER, CREATE_TTL ->
          new Response.Create2(result.path(), result.stat());
      case SET_DATA -> new Response.SetData(result.stat());
      case SET_ACL -> new Response.SetAcl(result.stat());
      default -> new Response.Empty();
    };
  }

  /**
   * A multi always has a body. On success each op answers in its own shape; on failure every op is
   * an error result (OK before the failing op, its code for it, RUNTIME_INCONSISTENCY after).
   */
  private static Response.Multi multiReply(Request.Multi request, TxnResult result) {
    List<Response.MultiResult> out = new ArrayList<>(request.ops().size());
    List<OpResult> results = result.opResults();
    for (int i = 0; i < request.ops().size(); i++) {
      OpResult r = results.get(i);
      if (r instanceof OpResult.ErrorResult e) {
        out.add(new Response.MultiResult(OpCode.ERROR, new Response.ErrorResult(e.error().code())));
        continue;
      }
      OpCode op = request.ops().get(i).op();
      switch (op) {
        case CREATE ->
            out.add(
                new Response.MultiResult(
                    OpCode.CREATE, new Response.Create(((OpResult.CreateResult) r).path())));
        case CREATE2, CREATE_CONTAINER, CREATE_TTL -> {
          OpResult.CreateResult c = (OpResult.CreateResult) r;
          out.add(
              new Response.MultiResult(OpCode.CREATE2, new Response.Create2(c.path(), c.stat())));
        }
        case SET_DATA ->
            out.add(
                new Response.MultiResult(
                    OpCode.SET_DATA, new Response.SetData(((OpResult.SetDataResult) r).stat())));
        default -> out.add(new Response.MultiResult(op, new Response.Empty()));
      }
    }
    return new Response.Multi(out);
  }
}
