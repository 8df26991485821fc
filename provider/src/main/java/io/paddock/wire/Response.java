package io.paddock.wire;

import io.paddock.api.Acl;
import io.paddock.api.ClientInfo;
import io.paddock.api.Stat;
import java.util.List;

/**
 * The body of a server reply: what follows the {@link ReplyHeader}. One record per jute response
 * record shape, so callers can {@code switch} over them exhaustively. Which record an op's reply
 * uses is fixed by the op (see {@link ClientCodec#decodeResponse}); ops whose reply has no body use
 * {@link Empty}.
 *
 * <p>Field conventions as in {@link Request}: {@code null} arrays and lists are jute nulls.
 */
public sealed interface Response {

  /** The header-only reply body. */
  Empty EMPTY = new Empty();

  /** Writes this body in jute order. */
  void write(JuteOutput out);

  /** No body: delete, check, auth, setWatches(2), addWatch, removeWatches, ping, closeSession. */
  record Empty() implements Response {
    @Override
    public void write(JuteOutput out) {}
  }

  /** {@code CreateResponse}: the actual path (with a sequence suffix if sequential). */
  record Create(String path) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path);
    }
  }

  /** {@code Create2Response}, for create2, createContainer and createTTL. */
  record Create2(String path, Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeStat(stat);
    }
  }

  /** {@code ExistsResponse} (only when the node exists; otherwise err = NoNode and no body). */
  record Exists(Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStat(stat);
    }
  }

  /** {@code SetDataResponse}. */
  record SetData(Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStat(stat);
    }
  }

  /** {@code SetACLResponse}. */
  record SetAcl(Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStat(stat);
    }
  }

  /** {@code GetDataResponse}; also the reply to {@code reconfig} (the new config and its stat). */
  record GetData(byte[] data, Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeBuffer(data).writeStat(stat);
    }
  }

  /** {@code GetACLResponse}. */
  record GetAcl(List<Acl> acl, Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeAclVector(acl).writeStat(stat);
    }
  }

  /** {@code GetChildrenResponse}: child names, not paths. */
  record GetChildren(List<String> children) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStringVector(children);
    }
  }

  /** {@code GetChildren2Response}: child names plus the parent's stat. */
  record GetChildren2(List<String> children, Stat stat) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStringVector(children).writeStat(stat);
    }
  }

  /** {@code SyncResponse}. */
  record Sync(String path) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path);
    }
  }

  /** {@code GetAllChildrenNumberResponse}. */
  record GetAllChildrenNumber(int totalNumber) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeInt(totalNumber);
    }
  }

  /** {@code GetEphemeralsResponse}: full paths. */
  record GetEphemerals(List<String> ephemerals) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeStringVector(ephemerals);
    }
  }

  /** {@code WhoAmIResponse}. */
  record WhoAmI(List<ClientInfo> clientInfo) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeVector(clientInfo, JuteOutput::writeClientInfo);
    }
  }

  /** {@code SetSASLResponse}: the server's SASL token. */
  record Sasl(byte[] token) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeBuffer(token);
    }
  }

  /** {@code ErrorResponse}: the error of one op inside a multi result. */
  record ErrorResult(int err) implements Response {
    @Override
    public void write(JuteOutput out) {
      out.writeInt(err);
    }
  }

  /**
   * The reply to {@code multi} or {@code multiRead}: one result per op, in order. Always sent, even
   * when the header's err is non-zero. Layout: see {@link Multis}.
   */
  record Multi(List<MultiResult> results) implements Response {
    public Multi {
      results = List.copyOf(results);
    }

    @Override
    public void write(JuteOutput out) {
      Multis.writeResults(out, results);
    }
  }

  /**
   * One result of a multi: the type in its multi header and its body. Allowed pairs: {@code
   * CREATE}/{@link Create}, {@code CREATE2}/{@link Create2}, {@code DELETE} or {@code CHECK}/{@link
   * Empty}, {@code SET_DATA}/{@link SetData}, {@code GET_DATA}/{@link GetData}, {@code
   * GET_CHILDREN}/{@link GetChildren}, {@code ERROR}/{@link ErrorResult}.
   */
  record MultiResult(OpCode op, Response body) {
    public MultiResult {
      Class<? extends Response> expected = Multis.resultBodyType(op);
      if (expected == null) {
        throw new IllegalArgumentException("op " + op + " cannot be a multi result type");
      }
      if (!expected.isInstance(body)) {
        throw new IllegalArgumentException(
            "multi result " + op + " needs a " + expected.getSimpleName() + " body, got " + body);
      }
    }

    /** The {@code err} written in this result's multi header: the error's code, else 0. */
    public int err() {
      return body instanceof ErrorResult e ? e.err() : 0;
    }
  }
}
