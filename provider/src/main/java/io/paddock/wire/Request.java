package io.paddock.wire;

import io.paddock.api.Acl;
import java.util.List;

/**
 * The body of a client request: what follows the {@link RequestHeader} in a frame. One record per
 * jute request record, so callers can {@code switch} over them exhaustively. The {@link OpCode} is
 * not part of the body (it is in the header); {@link #bodyType} says which record each op uses.
 *
 * <p>Field conventions: a {@code null} {@code byte[]} is a jute null buffer (-1), a {@code null}
 * list a jute null vector (-1). Paths are never {@code null}: decoding rejects a null path. Byte
 * arrays are not copied; records holding arrays compare by identity, as records do.
 */
public sealed interface Request {

  /** Writes this body in jute order. */
  void write(JuteOutput out);

  /** {@code CreateRequest}, used by {@code create}, {@code create2} and {@code createContainer}. */
  record Create(String path, byte[] data, List<Acl> acl, int flags) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBuffer(data).writeAclVector(acl).writeInt(flags);
    }
  }

  /** {@code CreateTTLRequest}, used by {@code createTTL}. */
  record CreateTtl(String path, byte[] data, List<Acl> acl, int flags, long ttl)
      implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBuffer(data).writeAclVector(acl).writeInt(flags).writeLong(ttl);
    }
  }

  /** {@code DeleteRequest}; version -1 matches any version. */
  record Delete(String path, int version) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeInt(version);
    }
  }

  /** {@code ExistsRequest}. */
  record Exists(String path, boolean watch) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBool(watch);
    }
  }

  /** {@code GetDataRequest}. */
  record GetData(String path, boolean watch) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBool(watch);
    }
  }

  /** {@code GetChildrenRequest}. */
  record GetChildren(String path, boolean watch) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBool(watch);
    }
  }

  /** {@code GetChildren2Request} (children plus the parent's stat). */
  record GetChildren2(String path, boolean watch) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBool(watch);
    }
  }

  /** {@code SetDataRequest}; version -1 matches any version. */
  record SetData(String path, byte[] data, int version) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeBuffer(data).writeInt(version);
    }
  }

  /** {@code GetACLRequest}. */
  record GetAcl(String path) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path);
    }
  }

  /** {@code SetACLRequest}; version is the expected aversion, -1 for any. */
  record SetAcl(String path, List<Acl> acl, int version) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeAclVector(acl).writeInt(version);
    }
  }

  /** {@code SyncRequest}. */
  record Sync(String path) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path);
    }
  }

  /** {@code CheckVersionRequest} (the {@code check} op, only meaningful inside a multi). */
  record CheckVersion(String path, int version) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeInt(version);
    }
  }

  /** A {@code multi} transaction: all ops succeed or none do. Layout: see {@link Multis}. */
  record Multi(List<MultiOp> ops) implements Request {
    public Multi {
      ops = List.copyOf(ops);
    }

    @Override
    public void write(JuteOutput out) {
      Multis.writeOps(out, ops);
    }
  }

  /** A {@code multiRead}: independent reads answered together; same layout as {@link Multi}. */
  record MultiRead(List<MultiOp> ops) implements Request {
    public MultiRead {
      ops = List.copyOf(ops);
    }

    @Override
    public void write(JuteOutput out) {
      Multis.writeOps(out, ops);
    }
  }

  /**
   * One op of a {@link Multi} or {@link MultiRead}: its op code (which the multi header carries)
   * and its body. The body record must be the one {@link #bodyType} names for the op.
   */
  record MultiOp(OpCode op, Request request) {
    public MultiOp {
      if (!op.isMultiWriteOp() && !op.isMultiReadOp()) {
        throw new IllegalArgumentException("op " + op + " is not allowed inside a multi");
      }
      if (!bodyType(op).isInstance(request)) {
        throw new IllegalArgumentException(
            "op " + op + " needs a " + bodyType(op).getSimpleName() + " body, got " + request);
      }
    }
  }

  /** {@code ReconfigRequest}; the strings may be {@code null}. */
  record Reconfig(String joiningServers, String leavingServers, String newMembers, long curConfigId)
      implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(joiningServers)
          .writeString(leavingServers)
          .writeString(newMembers)
          .writeLong(curConfigId);
    }
  }

  /** {@code AuthPacket}, sent with xid {@link Xid#AUTH}; type is 0 in every released client. */
  record Auth(int type, String scheme, byte[] auth) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeInt(type).writeString(scheme).writeBuffer(auth);
    }
  }

  /** {@code SetWatches}, sent with xid {@link Xid#SET_WATCHES} after a reconnect. */
  record SetWatches(
      long relativeZxid,
      List<String> dataWatches,
      List<String> existWatches,
      List<String> childWatches)
      implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeLong(relativeZxid)
          .writeStringVector(dataWatches)
          .writeStringVector(existWatches)
          .writeStringVector(childWatches);
    }
  }

  /** {@code SetWatches2}: {@link SetWatches} plus persistent and persistent-recursive watches. */
  record SetWatches2(
      long relativeZxid,
      List<String> dataWatches,
      List<String> existWatches,
      List<String> childWatches,
      List<String> persistentWatches,
      List<String> persistentRecursiveWatches)
      implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeLong(relativeZxid)
          .writeStringVector(dataWatches)
          .writeStringVector(existWatches)
          .writeStringVector(childWatches)
          .writeStringVector(persistentWatches)
          .writeStringVector(persistentRecursiveWatches);
    }
  }

  /** {@code AddWatchRequest}; mode 0 = persistent, 1 = persistent recursive. */
  record AddWatch(String path, int mode) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeInt(mode);
    }
  }

  /** {@code RemoveWatchesRequest}; type 1 = children, 2 = data, 3 = any. */
  record RemoveWatches(String path, int type) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeInt(type);
    }
  }

  /** {@code CheckWatchesRequest}; same layout as {@link RemoveWatches}. */
  record CheckWatches(String path, int type) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path).writeInt(type);
    }
  }

  /** {@code GetAllChildrenNumberRequest}. */
  record GetAllChildrenNumber(String path) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(path);
    }
  }

  /** {@code GetEphemeralsRequest}; the prefix is a path prefix, "/" for all of the session's. */
  record GetEphemerals(String prefixPath) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeString(prefixPath);
    }
  }

  /** {@code GetSASLRequest}: one SASL token. */
  record Sasl(byte[] token) implements Request {
    @Override
    public void write(JuteOutput out) {
      out.writeBuffer(token);
    }
  }

  /** A ping (xid {@link Xid#PING}): header only. */
  record Ping() implements Request {
    @Override
    public void write(JuteOutput out) {}
  }

  /** {@code closeSession}: header only. */
  record CloseSession() implements Request {
    @Override
    public void write(JuteOutput out) {}
  }

  /** {@code whoAmI}: header only. */
  record WhoAmI() implements Request {
    @Override
    public void write(JuteOutput out) {}
  }

  /**
   * The body record an op uses, or {@code null} for ops a client never sends ({@code notification},
   * {@code error}, {@code createSession}, {@code deleteContainer}).
   */
  static Class<? extends Request> bodyType(OpCode op) {
    return switch (op) {
      case CREATE, CREATE2, CREATE_CONTAINER -> Create.class;
      case CREATE_TTL -> CreateTtl.class;
      case DELETE -> Delete.class;
      case EXISTS -> Exists.class;
      case GET_DATA -> GetData.class;
      case SET_DATA -> SetData.class;
      case GET_ACL -> GetAcl.class;
      case SET_ACL -> SetAcl.class;
      case GET_CHILDREN -> GetChildren.class;
      case GET_CHILDREN2 -> GetChildren2.class;
      case SYNC -> Sync.class;
      case CHECK -> CheckVersion.class;
      case MULTI -> Multi.class;
      case MULTI_READ -> MultiRead.class;
      case RECONFIG -> Reconfig.class;
      case AUTH -> Auth.class;
      case SET_WATCHES -> SetWatches.class;
      case SET_WATCHES2 -> SetWatches2.class;
      case ADD_WATCH -> AddWatch.class;
      case REMOVE_WATCHES -> RemoveWatches.class;
      case CHECK_WATCHES -> CheckWatches.class;
      case GET_ALL_CHILDREN_NUMBER -> GetAllChildrenNumber.class;
      case GET_EPHEMERALS -> GetEphemerals.class;
      case SASL -> Sasl.class;
      case PING -> Ping.class;
      case CLOSE_SESSION -> CloseSession.class;
      case WHO_AM_I -> WhoAmI.class;
      case NOTIFICATION, ERROR, CREATE_SESSION, DELETE_CONTAINER -> null;
    };
  }
}
