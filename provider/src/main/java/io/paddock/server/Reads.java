package io.paddock.server;

import io.paddock.acl.Acls;
import io.paddock.api.Acl;
import io.paddock.api.ClientInfo;
import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import io.paddock.api.WatcherType;
import io.paddock.tree.DataTree;
import io.paddock.tree.NodeView;
import io.paddock.watch.WatchTable;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs read requests against the local tree and registers their watches, atomically with the read
 * because both happen on the processor thread. Pure with respect to the OS.
 */
final class Reads {
  private final DataTree tree;
  private final WatchTable watches;

  Reads(DataTree tree, WatchTable watches) {
    this.tree = tree;
    this.watches = watches;
  }

  /** Whether {@code op} is answered here rather than turned into a transaction. */
  static boolean isRead(OpCode op) {
    return switch (op) {
      case EXISTS,
          GET_DATA,
          GET_CHILDREN,
          GET_CHILDREN2,
          GET_ACL,
          GET_ALL_CHILDREN_NUMBER,
          GET_EPHEMERALS,
          MULTI_READ,
          WHO_AM_I,
          SYNC,
          ADD_WATCH,
          REMOVE_WATCHES,
          CHECK_WATCHES ->
          true;
      default -> false;
    };
  }

  Outcome execute(long sessionId, List<Id> authIds, Request body) {
    if (body instanceof Request.Exists r) {
      return exists(sessionId, authIds, r);
    } else if (body instanceof Request.GetData r) {
      return getData(sessionId, authIds, r.path(), r.watch());
    } else if (body instanceof Request.GetChildren r) {
      return withoutStat(children(sessionId, authIds, r.path(), r.watch()));
    } else if (body instanceof Request.GetChildren2 r) {
      return children(sessionId, authIds, r.path(), r.watch());
    } else if (body instanceof Request.GetAcl r) {
      return getAcl(authIds, r.path());
    } else if (body instanceof Request.GetAllChildrenNumber r) {
      return allChildrenNumber(authIds, r.path());
    } else if (body instanceof Request.GetEphemerals r) {
      return Outcome.ok(new Response.GetEphemerals(tree.ephemerals(sessionId, r.prefixPath())));
    } else if (body instanceof Request.MultiRead r) {
      return multiRead(sessionId, authIds, r);
    } else if (body instanceof Request.WhoAmI) {
      return Outcome.ok(new Response.WhoAmI(whoAmI(authIds)));
    } else if (body instanceof Request.Sync r) {
      return Outcome.ok(new Response.Sync(r.path()));
    } else if (body instanceof Request.AddWatch r) {
      return addWatch(sessionId, r);
    } else if (body instanceof Request.RemoveWatches r) {
      return resultOf(watches.remove(sessionId, r.path(), watcherType(r.type())));
    } else if (body instanceof Request.CheckWatches r) {
      return watches.has(sessionId, r.path(), watcherType(r.type()))
          ? Outcome.ok(new Response.Empty())
          : Outcome.error(ErrorCode.NO_WATCHER);
    }
    throw new IllegalArgumentException("not a read: " + body);
  }

  private static Outcome withoutStat(Outcome withStat) {
    if (withStat.error() != ErrorCode.OK) {
      return withStat;
    }
    return Outcome.ok(
        new Response.GetChildren(((Response.GetChildren2) withStat.body()).children()));
  }

  private Outcome exists(long sessionId, List<Id> authIds, Request.Exists r) {
    NodeView node = tree.get(r.path());
    if (node == null) {
      if (r.watch()) {
        watches.add(sessionId, r.path(), WatchTable.Kind.EXIST);
      }
      return Outcome.error(ErrorCode.NO_NODE);
    }
    if (!Acls.allowed(node.acl(), Perms.READ, authIds)) {
      return Outcome.error(ErrorCode.NO_AUTH); // ZooKeeper 3.9 checks READ on exists too
    }
    if (r.watch()) {
      watches.add(sessionId, r.path(), WatchTable.Kind.DATA);
    }
    return Outcome.ok(new Response.Exists(node.stat()));
  }

  private Outcome getData(long sessionId, List<Id> authIds, String path, boolean watch) {
    NodeView node = tree.get(path);
    if (node == null) {
      return Outcome.error(ErrorCode.NO_NODE);
    }
    if (!Acls.allowed(node.acl(), Perms.READ, authIds)) {
      return Outcome.error(ErrorCode.NO_AUTH);
    }
    if (watch) {
      watches.add(sessionId, path, WatchTable.Kind.DATA);
    }
    return Outcome.ok(new Response.GetData(node.data(), node.stat()));
  }

  private Outcome children(long sessionId, List<Id> authIds, String path, boolean watch) {
    NodeView node = tree.get(path);
    if (node == null) {
      return Outcome.error(ErrorCode.NO_NODE);
    }
    if (!Acls.allowed(node.acl(), Perms.READ, authIds)) {
      return Outcome.error(ErrorCode.NO_AUTH);
    }
    if (watch) {
      watches.add(sessionId, path, WatchTable.Kind.CHILD);
    }
    return Outcome.ok(new Response.GetChildren2(tree.children(path), node.stat()));
  }

  private Outcome getAcl(List<Id> authIds, String path) {
    NodeView node = tree.get(path);
    if (node == null) {
      return Outcome.error(ErrorCode.NO_NODE);
    }
    if (!Acls.allowed(node.acl(), Perms.READ | Perms.ADMIN, authIds)) {
      return Outcome.error(ErrorCode.NO_AUTH);
    }
    List<Acl> acl = node.acl();
    if (!Acls.allowed(acl, Perms.ADMIN, authIds)) {
      acl = maskDigests(acl); // without ADMIN, ZooKeeper hides digest hashes
    }
    return Outcome.ok(new Response.GetAcl(acl, node.stat()));
  }

  private static List<Acl> maskDigests(List<Acl> acl) {
    List<Acl> masked = new ArrayList<>(acl.size());
    for (Acl entry : acl) {
      Id id = entry.id();
      if ("digest".equals(id.scheme())) {
        int colon = id.id().indexOf(':');
        String user = colon < 0 ? id.id() : id.id().substring(0, colon);
        masked.add(new Acl(entry.perms(), new Id("digest", user + ":x")));
      } else {
        masked.add(entry);
      }
    }
    return masked;
  }

  private Outcome allChildrenNumber(List<Id> authIds, String path) {
    NodeView node = tree.get(path);
    if (node == null) {
      return Outcome.error(ErrorCode.NO_NODE);
    }
    if (!Acls.allowed(node.acl(), Perms.READ, authIds)) {
      return Outcome.error(ErrorCode.NO_AUTH);
    }
    return Outcome.ok(new Response.GetAllChildrenNumber(tree.allChildrenNumber(path)));
  }

  private Outcome multiRead(long sessionId, List<Id> authIds, Request.MultiRead r) {
    List<Response.MultiResult> results = new ArrayList<>(r.ops().size());
    for (Request.MultiOp op : r.ops()) {
      Outcome o;
      if (op.request() instanceof Request.GetData g) {
        o = getData(sessionId, authIds, g.path(), false);
      } else if (op.request() instanceof Request.GetChildren g) {
        o = withoutStat(children(sessionId, authIds, g.path(), false));
      } else {
        o = Outcome.error(ErrorCode.BAD_ARGUMENTS);
      }
      results.add(
          o.error() == ErrorCode.OK
              ? new Response.MultiResult(op.op(), o.body())
              : new Response.MultiResult(OpCode.ERROR, new Response.ErrorResult(o.error().code())));
    }
    return Outcome.ok(new Response.Multi(results));
  }

  private Outcome addWatch(long sessionId, Request.AddWatch r) {
    WatchTable.Kind kind =
        switch (r.mode()) {
          case 0 -> WatchTable.Kind.PERSISTENT;
          case 1 -> WatchTable.Kind.PERSISTENT_RECURSIVE;
          default -> null;
        };
    if (kind == null) {
      return Outcome.error(ErrorCode.BAD_ARGUMENTS);
    }
    ErrorCode added = watches.add(sessionId, r.path(), kind);
    // ZooKeeper's clients read an ErrorResponse body after addWatch.
    return added == ErrorCode.OK ? Outcome.ok(new Response.ErrorResult(0)) : Outcome.error(added);
  }

  private static Outcome resultOf(ErrorCode code) {
    return code == ErrorCode.OK ? Outcome.ok(new Response.Empty()) : Outcome.error(code);
  }

  private static WatcherType watcherType(int code) {
    try {
      return WatcherType.fromCode(code);
    } catch (IllegalArgumentException e) {
      return WatcherType.ANY;
    }
  }

  /** ZooKeeper reports each authenticated identity; for digest, only the user name. */
  static List<ClientInfo> whoAmI(List<Id> authIds) {
    List<ClientInfo> infos = new ArrayList<>(authIds.size());
    for (Id id : authIds) {
      String user = id.id();
      if ("digest".equals(id.scheme())) {
        int colon = user.indexOf(':');
        user = colon < 0 ? user : user.substring(0, colon);
      }
      infos.add(new ClientInfo(id.scheme(), user));
    }
    return infos;
  }
}
