package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockException;
import io.paddock.wire.OpCode;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Request;
import io.paddock.wire.Request.MultiOp;
import io.paddock.wire.Response;
import io.paddock.wire.Response.MultiResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link Op}s to the wire's multi ops and the multi reply back to {@link OpResult}s. Creates
 * with a TTL become {@code createTTL}, containers {@code createContainer}, other creates {@code
 * create2} (so every create result carries a stat).
 */
final class MultiOps {
  private MultiOps() {}

  /**
   * The wire op for a write op of a multi.
   *
   * @throws IllegalArgumentException for an invalid path, ACL or TTL, or a read op
   */
  static MultiOp toWrite(Op op, Chroot chroot) {
    if (op instanceof Op.Create c) {
      ClientPaths.validate(c.path(), c.mode().isSequential());
      Requests.checkAcl(c.acl());
      Requests.checkTtl(c.mode(), c.ttlMs());
      String sp = chroot.toServer(c.path());
      if (c.mode().isTtl()) {
        return new MultiOp(
            OpCode.CREATE_TTL,
            new Request.CreateTtl(sp, c.data(), c.acl(), c.mode().flag(), c.ttlMs()));
      }
      OpCode code = c.mode().isContainer() ? OpCode.CREATE_CONTAINER : OpCode.CREATE2;
      return new MultiOp(code, new Request.Create(sp, c.data(), c.acl(), c.mode().flag()));
    }
    ClientPaths.validate(op.path(), false);
    String sp = chroot.toServer(op.path());
    if (op instanceof Op.Delete d) {
      return new MultiOp(OpCode.DELETE, new Request.Delete(sp, d.version()));
    }
    if (op instanceof Op.SetData s) {
      return new MultiOp(OpCode.SET_DATA, new Request.SetData(sp, s.data(), s.version()));
    }
    if (op instanceof Op.Check c) {
      return new MultiOp(OpCode.CHECK, new Request.CheckVersion(sp, c.version()));
    }
    throw new IllegalArgumentException(
        op.getClass().getSimpleName() + " is a read op: use multiRead, not multi (" + op + ")");
  }

  /**
   * The wire op for a read op of a multiRead.
   *
   * @throws IllegalArgumentException for an invalid path or a write op
   */
  static MultiOp toRead(Op op, Chroot chroot) {
    ClientPaths.validate(op.path(), false);
    String sp = chroot.toServer(op.path());
    if (op instanceof Op.GetData) {
      return new MultiOp(OpCode.GET_DATA, new Request.GetData(sp, false));
    }
    if (op instanceof Op.GetChildren) {
      return new MultiOp(OpCode.GET_CHILDREN, new Request.GetChildren(sp, false));
    }
    throw new IllegalArgumentException(
        op.getClass().getSimpleName() + " is a write op: use multi, not multiRead (" + op + ")");
  }

  /** The API results of a multi reply, chroot stripped from created paths. */
  static List<OpResult> results(Response.Multi reply, Chroot chroot) {
    List<OpResult> out = new ArrayList<>(reply.results().size());
    for (MultiResult r : reply.results()) {
      out.add(result(r, chroot));
    }
    return out;
  }

  private static OpResult result(MultiResult r, Chroot chroot) {
    Response b = r.body();
    return switch (r.op()) {
      case CREATE -> new OpResult.CreateResult(chroot.toClient(((Response.Create) b).path()), null);
      case CREATE2 -> {
        Response.Create2 c = (Response.Create2) b;
        yield new OpResult.CreateResult(chroot.toClient(c.path()), c.stat());
      }
      case DELETE -> new OpResult.DeleteResult();
      case CHECK -> new OpResult.CheckResult();
      case SET_DATA -> new OpResult.SetDataResult(((Response.SetData) b).stat());
      case GET_DATA -> {
        Response.GetData g = (Response.GetData) b;
        yield new OpResult.GetDataResult(g.data(), g.stat());
      }
      case GET_CHILDREN -> new OpResult.GetChildrenResult(((Response.GetChildren) b).children());
      case ERROR -> new OpResult.ErrorResult(codeOf(((Response.ErrorResult) b).err()));
      default ->
          throw new IllegalStateException("wire decoder let through a multi result of " + r.op());
    };
  }

  private static ErrorCode codeOf(int err) {
    try {
      return ErrorCode.fromCode(err);
    } catch (IllegalArgumentException e) {
      return ErrorCode.SYSTEM_ERROR;
    }
  }

  /** The decoder of a multi reply: results, or the first failing op's exception with them. */
  static ReplyDecoder<List<OpResult>> writeDecoder(List<Op> ops, Chroot chroot) {
    return (h, body) -> {
      List<OpResult> results = checkedResults(h, body, ops, chroot);
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) instanceof OpResult.ErrorResult e && e.error() != ErrorCode.OK) {
          throw Errors.fromWire(e.error().code(), ops.get(i).path()).withResults(results);
        }
      }
      if (h.err() != 0) {
        throw Errors.fromWire(h.err(), null).withResults(results);
      }
      return results;
    };
  }

  /** The decoder of a multiRead reply: each result stands alone, errors included. */
  static ReplyDecoder<List<OpResult>> readDecoder(List<Op> ops, Chroot chroot) {
    return (h, body) -> checkedResults(h, body, ops, chroot);
  }

  private static List<OpResult> checkedResults(
      ReplyHeader h, Response body, List<Op> ops, Chroot chroot) throws PaddockException {
    if (!(body instanceof Response.Multi m)) {
      throw h.err() != 0
          ? Errors.fromWire(h.err(), null)
          : Errors.because(ErrorCode.MARSHALLING_ERROR, null, "multi reply without results");
    }
    List<OpResult> results = results(m, chroot);
    if (results.size() != ops.size()) {
      if (h.err() != 0) {
        throw Errors.fromWire(h.err(), null);
      }
      throw Errors.because(
          ErrorCode.MARSHALLING_ERROR,
          null,
          "multi of " + ops.size() + " ops answered with " + results.size() + " results");
    }
    return results;
  }
}
