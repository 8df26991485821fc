package io.paddock.tree;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A tree plus a zxid counter and a clock, so tests read as a list of ops. */
final class TreeHarness {
  static final long SESSION = 0x1000_0000_0000_0001L;

  final DataTree tree;
  long zxid;
  long timeMs = 1_000_000;
  long sessionId = SESSION;
  List<Id> auth = List.of(new Id("ip", "127.0.0.1"));

  TreeHarness() {
    this(TreeConfig.DEFAULTS);
  }

  TreeHarness(TreeConfig config) {
    tree = new DataTree(config);
  }

  TxnResult apply(TxnOp op) {
    timeMs += 10;
    return tree.apply(new Txn(++zxid, timeMs, sessionId, (int) zxid, auth, op));
  }

  TxnResult openSession() {
    return apply(new TxnOp.CreateSession(sessionId, 30_000));
  }

  TxnResult create(String path) {
    return create(path, CreateMode.PERSISTENT);
  }

  TxnResult create(String path, CreateMode mode) {
    return apply(createOp(path, mode));
  }

  static TxnOp.Create createOp(String path, CreateMode mode) {
    return new TxnOp.Create(path, bytes("d"), Acl.OPEN_ACL_UNSAFE, mode, 0);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  NodeView node(String path) {
    return tree.get(path);
  }
}
