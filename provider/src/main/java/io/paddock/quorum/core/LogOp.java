package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import java.util.Objects;

/** One change to the local log, in the order the embedding must perform them. */
public sealed interface LogOp {
  /**
   * Append a transaction. May be written asynchronously and batched (group commit); report it with
   * {@code Peer.persisted(zxid)} once it is on disk.
   */
  record Append(Txn txn) implements LogOp {
    public Append {
      Objects.requireNonNull(txn, "txn");
    }
  }

  /**
   * Drop every transaction after {@code zxid}, synchronously: when the embedding moves on, the log
   * durably ends at {@code zxid} (everything up to it included).
   */
  record Truncate(long zxid) implements LogOp {}

  /**
   * Replace the local state by the leader's snapshot (the transport received it with the SNAP sync
   * from {@code leaderId}, at a zxid of at least {@code zxid}); the old log is discarded. When
   * done, durably, call {@code Peer.snapshotInstalled(snapshotZxid)}; the peer holds back the rest
   * of the sync until then.
   */
  record InstallSnapshot(long leaderId, long zxid) implements LogOp {}
}
