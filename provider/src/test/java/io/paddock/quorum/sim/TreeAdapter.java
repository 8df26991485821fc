package io.paddock.quorum.sim;

import io.paddock.tree.DataTree;
import io.paddock.tree.TreeConfig;
import io.paddock.tree.TxnResult;
import java.util.Objects;

/** The simulator's only contact with the tree API, kept in one place. */
final class TreeAdapter {
  static final int DATA_BYTES_MAX = 1 << 20;

  private TreeAdapter() {}

  static DataTree newTree() {
    return new DataTree(new TreeConfig(DATA_BYTES_MAX));
  }

  /** The version a setData produced, or -1 if it failed or was not a setData. */
  static int setDataVersion(TxnResult result) {
    return result.ok() && result.stat() != null && result.opResults().isEmpty()
        ? result.stat().version()
        : -1;
  }

  /** True if two replicas computed the same outcome for one transaction. */
  static boolean sameOutcome(TxnResult a, TxnResult b) {
    return a.error() == b.error()
        && Objects.equals(a.path(), b.path())
        && Objects.equals(a.stat(), b.stat())
        && a.opResults().equals(b.opResults());
  }
}
