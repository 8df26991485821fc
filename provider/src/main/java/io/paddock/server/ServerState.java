package io.paddock.server;

import io.paddock.api.Stat;
import io.paddock.tree.DataTree;
import io.paddock.tree.NodeView;
import io.paddock.tree.TxnResult;
import io.paddock.txn.Txn;
import io.paddock.watch.WatchTable;

/**
 * The replicated state a server applies transactions to (the tree), plus the local watch table and
 * the zxid counter of the transactions this server stamps. Processor thread only.
 */
final class ServerState {
  private final DataTree tree;
  private final WatchTable watches;
  private long lastStampedZxid;

  ServerState(DataTree tree, WatchTable watches) {
    this.tree = tree;
    this.watches = watches;
    this.lastStampedZxid = tree.lastAppliedZxid();
  }

  DataTree tree() {
    return tree;
  }

  WatchTable watches() {
    return watches;
  }

  /** The zxid for the next transaction this server stamps. */
  long nextZxid() {
    return ++lastStampedZxid;
  }

  TxnResult apply(Txn txn) {
    return tree.apply(txn);
  }

  /** The stat of {@code path}, or null: the view the watch table needs on reconnect. */
  Stat statOf(String path) {
    NodeView node = tree.get(path);
    return node == null ? null : node.stat();
  }
}
