package io.paddock.tree;

import static io.paddock.api.ErrorCode.BAD_ARGUMENTS;
import static io.paddock.api.ErrorCode.BAD_VERSION;
import static io.paddock.api.ErrorCode.INVALID_ACL;
import static io.paddock.api.ErrorCode.NODE_EXISTS;
import static io.paddock.api.ErrorCode.NOT_EMPTY;
import static io.paddock.api.ErrorCode.NO_AUTH;
import static io.paddock.api.ErrorCode.NO_CHILDREN_FOR_EPHEMERALS;
import static io.paddock.api.ErrorCode.NO_NODE;
import static io.paddock.api.ErrorCode.OK;
import static io.paddock.api.ErrorCode.RUNTIME_INCONSISTENCY;
import static io.paddock.api.ErrorCode.SESSION_EXPIRED;

import io.paddock.acl.Acls;
import io.paddock.acl.OpPermission;
import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.OpResult;
import io.paddock.api.Stat;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The validation and mutation logic of {@link DataTree#apply}, one method per op.
 *
 * <p>Checks run in ZooKeeper's order so that a request that is wrong in several ways gets the same
 * code as on ZooKeeper; each method's comment lists it. A single op validates completely before it
 * changes anything. Ops inside a multi also push an undo action after each change; if a later op
 * fails, the undo actions run in reverse, so a failed multi leaves the tree exactly as it was
 * without copying it.
 */
final class Applier {
  private final DataTree tree;

  /** Outputs of the last successful op (the tree is single-threaded, so fields are fine). */
  private String outPath;

  private Stat outStat;

  Applier(DataTree tree) {
    this.tree = tree;
  }

  TxnResult apply(Txn txn) {
    TxnOp op = txn.op();
    if (op instanceof TxnOp.Multi multi) {
      return multi(txn, multi);
    }
    if (op instanceof TxnOp.CreateSession cs) {
      return createSession(cs);
    }
    if (op instanceof TxnOp.CloseSession cs) {
      return closeSession(txn, cs);
    }
    if (op instanceof TxnOp.DeleteContainer dc) {
      return deleteContainer(txn, dc);
    }
    if (op instanceof TxnOp.SetAcl sa) {
      ErrorCode code = setAcl(txn, sa);
      return code == OK
          ? new TxnResult(OK, sa.path(), outStat, List.of(), List.of())
          : TxnResult.failed(code, sa.path());
    }
    List<TreeChange> changes = new ArrayList<>(2);
    ErrorCode code = pathOp(txn, op, changes, null);
    if (code != OK) {
      return TxnResult.failed(code, requestedPath(op));
    }
    return new TxnResult(OK, outPath, outStat, List.of(), changes);
  }

  /** Create, Delete, SetData or Check; {@code undo} is null outside a multi. */
  private ErrorCode pathOp(Txn txn, TxnOp op, List<TreeChange> changes, List<Runnable> undo) {
    outPath = null;
    outStat = null;
    if (op instanceof TxnOp.Create c) {
      return create(txn, c, changes, undo);
    }
    if (op instanceof TxnOp.Delete d) {
      return delete(txn, d, changes, undo);
    }
    if (op instanceof TxnOp.SetData s) {
      return setData(txn, s, changes, undo);
    }
    if (op instanceof TxnOp.Check c) {
      return check(txn, c);
    }
    throw new IllegalArgumentException("not a path op: " + op);
  }

  private static String requestedPath(TxnOp op) {
    if (op instanceof TxnOp.Create c) {
      return c.path();
    }
    if (op instanceof TxnOp.Delete d) {
      return d.path();
    }
    if (op instanceof TxnOp.SetData s) {
      return s.path();
    }
    if (op instanceof TxnOp.Check c) {
      return c.path();
    }
    return null;
  }

  private static String parentOf(String path) {
    int lastSlash = path.lastIndexOf('/');
    return lastSlash <= 0 ? "/" : path.substring(0, lastSlash);
  }

  /**
   * Order: TTL/mode (BAD_ARGUMENTS), session open for ephemerals (SESSION_EXPIRED), path and data
   * size (BAD_ARGUMENTS), ACL (INVALID_ACL), parent exists (NO_NODE), CREATE on parent (NO_AUTH),
   * node exists (NODE_EXISTS), parent is a session ephemeral (NO_CHILDREN_FOR_EPHEMERALS).
   */
  private ErrorCode create(Txn txn, TxnOp.Create c, List<TreeChange> changes, List<Runnable> undo) {
    CreateMode mode = c.mode();
    long ttlMs = c.ttlMs();
    if (mode.isTtl() ? ttlMs <= 0 || ttlMs > EphemeralOwners.TTL_MAX_MS : ttlMs > 0) {
      return BAD_ARGUMENTS;
    }
    if (mode.isEphemeral() && !tree.sessionTable().containsKey(txn.sessionId())) {
      return SESSION_EXPIRED;
    }
    String requested = c.path();
    if (PathValidator.invalidReason(requested, mode.isSequential()) != null || tooLong(c.data())) {
      return BAD_ARGUMENTS;
    }
    List<Acl> acl = Acls.fixup(c.acl(), txn.authIds());
    if (acl.isEmpty()) {
      return INVALID_ACL;
    }
    String parentPath = parentOf(requested);
    Node parent = tree.node(parentPath);
    if (parent == null) {
      return NO_NODE;
    }
    if (!Acls.allowed(parent.acl, OpPermission.CREATE, txn.authIds())) {
      return NO_AUTH;
    }
    String path = mode.isSequential() ? requested + sequenceSuffix(parent.cversion()) : requested;
    if (tree.node(path) != null) {
      return NODE_EXISTS;
    }
    if (EphemeralOwners.isSession(parent.ephemeralOwner())) {
      return NO_CHILDREN_FOR_EPHEMERALS;
    }
    if (!tree.quotaAllows(path, 1, c.data() == null ? 0 : c.data().length)) {
      return ErrorCode.QUOTA_EXCEEDED;
    }
    long owner;
    if (mode.isEphemeral()) {
      owner = txn.sessionId();
    } else if (mode.isContainer()) {
      owner = EphemeralOwners.CONTAINER;
    } else if (mode.isTtl()) {
      owner = EphemeralOwners.ttl(ttlMs);
    } else {
      owner = 0;
    }
    long parentPzxidBefore = parent.pzxid();
    Node node = Node.of(path, c.data(), acl, owner, txn.zxid(), txn.timeMs());
    tree.addNode(parent, node, txn.zxid());
    if (undo != null) {
      undo.add(() -> tree.unaddNode(parent, node, parentPzxidBefore));
    }
    changes.add(new TreeChange(path, EventType.NODE_CREATED));
    changes.add(new TreeChange(parentPath, EventType.NODE_CHILDREN_CHANGED));
    outPath = path;
    outStat = node.stat();
    return OK;
  }

  /**
   * ZooKeeper's {@code %010d} of the parent's create counter: ten digits, zero-padded; a negative
   * counter (after 2^31 creates) keeps its minus sign within the ten characters.
   */
  static String sequenceSuffix(int counter) {
    if (counter < 0) {
      return String.format(Locale.ROOT, "%010d", counter);
    }
    String digits = Integer.toString(counter);
    return "0000000000".substring(digits.length()) + digits;
  }

  /**
   * Order: path valid and not special (BAD_ARGUMENTS), parent exists (NO_NODE), DELETE on parent
   * (NO_AUTH), node exists (NO_NODE), version (BAD_VERSION), no children (NOT_EMPTY). As on
   * ZooKeeper, deleting a missing node under a parent you may not delete from is NO_AUTH.
   */
  private ErrorCode delete(Txn txn, TxnOp.Delete d, List<TreeChange> changes, List<Runnable> undo) {
    String path = d.path();
    if (!PathValidator.isValid(path) || DataTree.SPECIAL_PATHS.contains(path)) {
      return BAD_ARGUMENTS;
    }
    String parentPath = parentOf(path);
    Node parent = tree.node(parentPath);
    if (parent == null) {
      return NO_NODE;
    }
    if (!Acls.allowed(parent.acl, OpPermission.DELETE, txn.authIds())) {
      return NO_AUTH;
    }
    Node node = tree.node(path);
    if (node == null) {
      return NO_NODE;
    }
    if (d.version() != -1 && d.version() != node.version) {
      return BAD_VERSION;
    }
    if (node.children() != null) {
      return NOT_EMPTY;
    }
    removeNode(path, parent, node, txn.zxid(), changes, undo);
    outPath = path;
    return OK;
  }

  /** Removes {@code node}, whose path is {@code path} (the caller's string: no decoding). */
  private void removeNode(
      String path,
      Node parent,
      Node node,
      long zxid,
      List<TreeChange> changes,
      List<Runnable> undo) {
    long parentPzxidBefore = parent.pzxid();
    tree.removeNode(parent, node, zxid);
    if (undo != null) {
      undo.add(() -> tree.unremoveNode(parent, node, parentPzxidBefore));
    }
    changes.add(new TreeChange(path, EventType.NODE_DELETED));
    changes.add(new TreeChange(parentOf(path), EventType.NODE_CHILDREN_CHANGED));
  }

  /**
   * Order: path and data size (BAD_ARGUMENTS), node exists (NO_NODE), WRITE (NO_AUTH), version
   * (BAD_VERSION).
   */
  private ErrorCode setData(
      Txn txn, TxnOp.SetData s, List<TreeChange> changes, List<Runnable> undo) {
    String path = s.path();
    if (!PathValidator.isValid(path) || tooLong(s.data())) {
      return BAD_ARGUMENTS;
    }
    Node node = tree.node(path);
    if (node == null) {
      return NO_NODE;
    }
    if (!Acls.allowed(node.acl, OpPermission.SET_DATA, txn.authIds())) {
      return NO_AUTH;
    }
    if (s.version() != -1 && s.version() != node.version) {
      return BAD_VERSION;
    }
    int bytesDelta = (s.data() == null ? 0 : s.data().length) - node.dataLength();
    if (bytesDelta > 0 && !tree.quotaAllows(path, 0, bytesDelta)) {
      return ErrorCode.QUOTA_EXCEEDED;
    }
    byte[] dataBefore = node.data;
    int versionBefore = node.version;
    long mzxidBefore = node.mzxid;
    long mtimeBefore = node.mtime;
    tree.replaceData(node, s.data(), node.version + 1, txn.zxid(), txn.timeMs());
    if (undo != null) {
      undo.add(() -> tree.replaceData(node, dataBefore, versionBefore, mzxidBefore, mtimeBefore));
    }
    changes.add(new TreeChange(path, EventType.NODE_DATA_CHANGED));
    outPath = path;
    outStat = node.stat();
    return OK;
  }

  /**
   * Order: path (BAD_ARGUMENTS), ACL (INVALID_ACL), node exists (NO_NODE), ADMIN (NO_AUTH), ACL
   * version (BAD_VERSION). Fires no watch, as on ZooKeeper.
   */
  private ErrorCode setAcl(Txn txn, TxnOp.SetAcl s) {
    String path = s.path();
    if (!PathValidator.isValid(path)) {
      return BAD_ARGUMENTS;
    }
    List<Acl> acl = Acls.fixup(s.acl(), txn.authIds());
    if (acl.isEmpty()) {
      return INVALID_ACL;
    }
    Node node = tree.node(path);
    if (node == null) {
      return NO_NODE;
    }
    if (!Acls.allowed(node.acl, OpPermission.SET_ACL, txn.authIds())) {
      return NO_AUTH;
    }
    if (s.aclVersion() != -1 && s.aclVersion() != node.aversion()) {
      return BAD_VERSION;
    }
    tree.replaceAcl(node, acl, node.aversion() + 1);
    outStat = node.stat();
    return OK;
  }

  /** Order: path (BAD_ARGUMENTS), node exists (NO_NODE), READ (NO_AUTH), version (BAD_VERSION). */
  private ErrorCode check(Txn txn, TxnOp.Check c) {
    String path = c.path();
    if (!PathValidator.isValid(path)) {
      return BAD_ARGUMENTS;
    }
    Node node = tree.node(path);
    if (node == null) {
      return NO_NODE;
    }
    if (!Acls.allowed(node.acl, OpPermission.CHECK, txn.authIds())) {
      return NO_AUTH;
    }
    if (c.version() != -1 && c.version() != node.version) {
      return BAD_VERSION;
    }
    outPath = path;
    return OK;
  }

  private boolean tooLong(byte[] data) {
    return data != null && data.length > tree.config().dataBytesMax();
  }

  private TxnResult multi(Txn txn, TxnOp.Multi multi) {
    List<TxnOp> ops = multi.ops();
    List<Runnable> undo = new ArrayList<>();
    List<TreeChange> changes = new ArrayList<>();
    List<OpResult> results = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      TxnOp op = ops.get(i);
      ErrorCode code = pathOp(txn, op, changes, undo);
      if (code != OK) {
        for (int u = undo.size() - 1; u >= 0; u--) {
          undo.get(u).run();
        }
        return new TxnResult(code, null, null, failedResults(ops.size(), i, code), List.of());
      }
      results.add(successResult(op));
    }
    return new TxnResult(OK, null, null, results, changes);
  }

  private OpResult successResult(TxnOp op) {
    if (op instanceof TxnOp.Create) {
      return new OpResult.CreateResult(outPath, outStat);
    }
    if (op instanceof TxnOp.Delete) {
      return new OpResult.DeleteResult();
    }
    if (op instanceof TxnOp.SetData) {
      return new OpResult.SetDataResult(outStat);
    }
    return new OpResult.CheckResult();
  }

  /** ZooKeeper's shape: OK before the failing op, its code at it, RUNTIME_INCONSISTENCY after. */
  private static List<OpResult> failedResults(int count, int failedIndex, ErrorCode code) {
    List<OpResult> results = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ErrorCode c = i < failedIndex ? OK : i == failedIndex ? code : RUNTIME_INCONSISTENCY;
      results.add(new OpResult.ErrorResult(c));
    }
    return results;
  }

  private TxnResult createSession(TxnOp.CreateSession cs) {
    if (EphemeralOwners.isReservedSessionId(cs.sessionId()) || cs.timeoutMs() <= 0) {
      return TxnResult.failed(BAD_ARGUMENTS, null);
    }
    tree.sessionTable().put(cs.sessionId(), cs.timeoutMs());
    return new TxnResult(OK, null, null, List.of(), List.of());
  }

  /** Always succeeds; deletes the session's ephemerals in path order (deterministic). */
  private TxnResult closeSession(Txn txn, TxnOp.CloseSession cs) {
    tree.sessionTable().remove(cs.sessionId());
    List<TreeChange> changes = new ArrayList<>();
    for (String path : tree.ephemeralsOf(cs.sessionId())) {
      Node node = tree.node(path);
      removeNode(path, tree.node(parentOf(path)), node, txn.zxid(), changes, null);
    }
    return new TxnResult(OK, null, null, List.of(), changes);
  }

  /**
   * Re-validates a reaper candidate: gone (NO_NODE), has children (NOT_EMPTY), not a container or
   * TTL node, a container that never had a child, or a TTL node not yet expired at the
   * transaction's time (BAD_ARGUMENTS). Any of these leaves the tree unchanged. No ACL check: the
   * server itself proposes these.
   */
  private TxnResult deleteContainer(Txn txn, TxnOp.DeleteContainer dc) {
    String path = dc.path();
    Node node = tree.node(path);
    if (node == null) {
      return TxnResult.failed(NO_NODE, path);
    }
    long owner = node.ephemeralOwner();
    boolean container = EphemeralOwners.isContainer(owner);
    if (!container && !EphemeralOwners.isTtl(owner)) {
      return TxnResult.failed(BAD_ARGUMENTS, path);
    }
    if (node.children() != null) {
      return TxnResult.failed(NOT_EMPTY, path);
    }
    boolean eligible = container ? node.cversion() > 0 : DataTree.ttlExpired(node, txn.timeMs());
    if (!eligible) {
      return TxnResult.failed(BAD_ARGUMENTS, path);
    }
    List<TreeChange> changes = new ArrayList<>(2);
    removeNode(path, tree.node(parentOf(path)), node, txn.zxid(), changes, null);
    return new TxnResult(OK, path, null, List.of(), changes);
  }
}
