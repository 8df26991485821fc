package io.paddock.tree;

import io.paddock.acl.AclChecks;
import io.paddock.acl.AclFixup;
import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.OpResult;
import io.paddock.api.Perms;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies the ops of one transaction to a {@link DataTree}, recording for each change how to undo
 * it (a few scalar fields, never a copy of a node's children), so a failing op of a multi leaves
 * the tree exactly as it was. Validation order follows ZooKeeper's, so the same request fails with
 * the same code.
 */
final class Mutation {
  /** A validation failure: the op, and with it the transaction, changes nothing. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient ErrorCode code;

    Failure(ErrorCode code) {
      super(code.name(), null, false, false);
      this.code = code;
    }
  }

  private final DataTree tree;
  private final Txn txn;
  private final List<Runnable> undo = new ArrayList<>();
  private final List<TreeChange> changes = new ArrayList<>();

  Mutation(DataTree tree, Txn txn) {
    this.tree = tree;
    this.txn = txn;
  }

  TxnResult ok(List<OpResult> results) {
    return new TxnResult(txn.zxid(), ErrorCode.OK, results, List.copyOf(changes));
  }

  void undo() {
    for (int i = undo.size() - 1; i >= 0; i--) {
      undo.get(i).run();
    }
    undo.clear();
    changes.clear();
  }

  TxnResult multi(TxnOp.Multi multi) {
    List<OpResult> results = new ArrayList<>(multi.ops().size());
    for (int i = 0; i < multi.ops().size(); i++) {
      TxnOp op = multi.ops().get(i);
      try {
        if (op instanceof TxnOp.Multi
            || op instanceof TxnOp.CreateSession
            || op instanceof TxnOp.CloseSession
            || op instanceof TxnOp.DeleteContainer) {
          throw new Failure(ErrorCode.BAD_ARGUMENTS);
        }
        results.add(single(op));
      } catch (Failure f) {
        undo();
        List<OpResult> failed = new ArrayList<>(multi.ops().size());
        for (int j = 0; j < multi.ops().size(); j++) {
          ErrorCode code = j < i ? ErrorCode.OK : j == i ? f.code : ErrorCode.RUNTIME_INCONSISTENCY;
          failed.add(new OpResult.ErrorResult(code));
        }
        return new TxnResult(txn.zxid(), f.code, failed, List.of());
      }
    }
    return ok(results);
  }

  OpResult single(TxnOp op) throws Failure {
    if (op instanceof TxnOp.Create c) {
      return create(c);
    } else if (op instanceof TxnOp.Delete d) {
      return delete(d);
    } else if (op instanceof TxnOp.SetData s) {
      return setData(s);
    } else if (op instanceof TxnOp.SetAcl s) {
      return setAcl(s);
    } else if (op instanceof TxnOp.Check c) {
      Node node = existing(c.path());
      require(AclChecks.allowed(node.acl, Perms.READ, txn.authIds()), ErrorCode.NO_AUTH);
      checkVersion(c.version(), node.version);
      return new OpResult.CheckResult();
    }
    throw new Failure(ErrorCode.BAD_ARGUMENTS);
  }

  private OpResult create(TxnOp.Create c) throws Failure {
    CreateMode mode = c.mode();
    String path = c.path();
    if (mode.isTtl()) {
      require(c.ttlMs() > 0 && c.ttlMs() <= EphemeralType.TTL_MAX_MS, ErrorCode.BAD_ARGUMENTS);
    } else {
      require(c.ttlMs() == 0, ErrorCode.BAD_ARGUMENTS);
    }
    require(!path.isEmpty() && path.charAt(0) == '/', ErrorCode.BAD_ARGUMENTS);
    require(
        PathValidator.problem(mode.isSequential() ? path + "0000000000" : path) == null,
        ErrorCode.BAD_ARGUMENTS);
    require(mode.isEphemeral() == false || txn.sessionId() != 0, ErrorCode.BAD_ARGUMENTS);
    checkDataLength(c.data());
    List<Acl> acl = AclFixup.fixup(c.acl(), txn.authIds());
    require(acl != null, ErrorCode.INVALID_ACL);
    int lastSlash = path.lastIndexOf('/');
    String parentPath = lastSlash == 0 ? "/" : path.substring(0, lastSlash);
    Node parent = tree.node(parentPath);
    require(parent != null, ErrorCode.NO_NODE);
    require(AclChecks.allowed(parent.acl, Perms.CREATE, txn.authIds()), ErrorCode.NO_AUTH);
    String finalPath =
        mode.isSequential() ? path + String.format(Locale.ROOT, "%010d", parent.cversion) : path;
    require(tree.node(finalPath) == null, ErrorCode.NODE_EXISTS);
    require(!EphemeralType.isSession(parent.ephemeralOwner), ErrorCode.NO_CHILDREN_FOR_EPHEMERALS);
    long owner =
        mode.isEphemeral()
            ? txn.sessionId()
            : mode.isContainer()
                ? EphemeralType.CONTAINER
                : mode.isTtl() ? EphemeralType.ttlOwner(c.ttlMs()) : 0;
    Node node = new Node(c.data(), acl, txn.zxid(), txn.timeMs(), owner);
    tree.put(finalPath, node);
    undo.add(() -> tree.put(finalPath, null));
    childAdded(parent, PathValidator.name(finalPath));
    changes.add(new TreeChange(finalPath, EventType.NODE_CREATED));
    changes.add(new TreeChange(parentPath, EventType.NODE_CHILDREN_CHANGED));
    return new OpResult.CreateResult(finalPath, node.stat());
  }

  private OpResult delete(TxnOp.Delete d) throws Failure {
    String path = d.path();
    require(PathValidator.problem(path) == null, ErrorCode.BAD_ARGUMENTS);
    require(!path.equals("/") && !DataTree.RESERVED.contains(path), ErrorCode.BAD_ARGUMENTS);
    Node node = existing(path);
    Node parent = tree.node(PathValidator.parent(path));
    require(AclChecks.allowed(parent.acl, Perms.DELETE, txn.authIds()), ErrorCode.NO_AUTH);
    checkVersion(d.version(), node.version);
    require(node.childCount() == 0, ErrorCode.NOT_EMPTY);
    removeNode(path);
    return new OpResult.DeleteResult();
  }

  /** Removes a childless node, updating its parent; validation is the caller's. */
  void removeNode(String path) {
    Node node = tree.node(path);
    String parentPath = PathValidator.parent(path);
    Node parent = tree.node(parentPath);
    tree.put(path, null);
    undo.add(() -> tree.put(path, node));
    String name = PathValidator.name(path);
    long pzxid = parent.pzxid;
    parent.removeChild(name);
    parent.pzxid = txn.zxid(); // cversion counts creations only; see Node.stat()
    undo.add(
        () -> {
          parent.addChild(name);
          parent.pzxid = pzxid;
        });
    changes.add(new TreeChange(path, EventType.NODE_DELETED));
    changes.add(new TreeChange(parentPath, EventType.NODE_CHILDREN_CHANGED));
  }

  private void childAdded(Node parent, String name) {
    int cversion = parent.cversion;
    long pzxid = parent.pzxid;
    parent.addChild(name);
    parent.cversion++;
    parent.pzxid = txn.zxid();
    undo.add(
        () -> {
          parent.removeChild(name);
          parent.cversion = cversion;
          parent.pzxid = pzxid;
        });
  }

  private OpResult setData(TxnOp.SetData s) throws Failure {
    String path = s.path();
    require(PathValidator.problem(path) == null, ErrorCode.BAD_ARGUMENTS);
    checkDataLength(s.data());
    Node node = existing(path);
    require(AclChecks.allowed(node.acl, Perms.WRITE, txn.authIds()), ErrorCode.NO_AUTH);
    checkVersion(s.version(), node.version);
    byte[] data = node.data;
    int version = node.version;
    long mzxid = node.mzxid;
    long mtime = node.mtime;
    tree.dataReplaced(data, s.data());
    node.data = s.data();
    node.version++;
    node.mzxid = txn.zxid();
    node.mtime = txn.timeMs();
    undo.add(
        () -> {
          tree.dataReplaced(node.data, data);
          node.data = data;
          node.version = version;
          node.mzxid = mzxid;
          node.mtime = mtime;
        });
    changes.add(new TreeChange(path, EventType.NODE_DATA_CHANGED));
    return new OpResult.SetDataResult(node.stat());
  }

  private OpResult setAcl(TxnOp.SetAcl s) throws Failure {
    String path = s.path();
    require(PathValidator.problem(path) == null, ErrorCode.BAD_ARGUMENTS);
    Node node = existing(path);
    require(AclChecks.allowed(node.acl, Perms.ADMIN, txn.authIds()), ErrorCode.NO_AUTH);
    List<Acl> acl = AclFixup.fixup(s.acl(), txn.authIds());
    require(acl != null, ErrorCode.INVALID_ACL);
    checkVersion(s.aclVersion(), node.aversion);
    List<Acl> before = node.acl;
    int aversion = node.aversion;
    node.acl = acl;
    node.aversion++;
    undo.add(
        () -> {
          node.acl = before;
          node.aversion = aversion;
        });
    return new OpResult.SetDataResult(node.stat());
  }

  private Node existing(String path) throws Failure {
    require(PathValidator.problem(path) == null, ErrorCode.BAD_ARGUMENTS);
    Node node = tree.node(path);
    require(node != null, ErrorCode.NO_NODE);
    return node;
  }

  private void checkDataLength(byte[] data) throws Failure {
    require(data == null || data.length <= tree.dataBytesMax(), ErrorCode.BAD_ARGUMENTS);
  }

  private static void checkVersion(int expected, int actual) throws Failure {
    require(expected == -1 || expected == actual, ErrorCode.BAD_VERSION);
  }

  private static void require(boolean condition, ErrorCode otherwise) throws Failure {
    if (!condition) {
      throw new Failure(otherwise);
    }
  }
}
