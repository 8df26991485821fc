package io.paddock.quorum.sim;

import io.paddock.api.OpResult;
import io.paddock.tree.DataTree;
import io.paddock.tree.TxnResult;

/**
 * The simulator's only contact with the tree API, kept in one place because that API is changing on
 * main: there {@code new DataTree(new TreeConfig(DATA_BYTES_MAX))} builds a tree, and a setData
 * result carries its version in {@code stat()} rather than in {@code results()}.
 */
final class TreeAdapter {
  static final int DATA_BYTES_MAX = 1 << 20;

  private TreeAdapter() {}

  static DataTree newTree() {
    return new DataTree(DATA_BYTES_MAX);
  }

  /** The version a setData produced, or -1 if it failed or was not a setData. */
  static int setDataVersion(TxnResult result) {
    return result.results().size() == 1
            && result.results().get(0) instanceof OpResult.SetDataResult r
        ? r.stat().version()
        : -1;
  }

  /** True if two replicas computed the same outcome for one transaction. */
  static boolean sameOutcome(TxnResult a, TxnResult b) {
    return a.error() == b.error() && a.results().equals(b.results());
  }
}
