/**
 * Snapshots: the exact state of the data tree at one zxid, written from a {@link
 * io.paddock.tree.FrozenTree} while the tree keeps changing, compressed, named by zxid ({@link
 * io.paddock.snapshot.SnapshotFormat}); retention of old snapshots and the log they need; and
 * recovery at start (newest intact snapshot plus the log after it, applied or handed back
 * unapplied); snapshots as bytes for a transfer from a leader ({@link
 * io.paddock.snapshot.SnapshotBytes}). No threads: the server owns them.
 *
 * <p>An edge package. Allowed dependencies: {@code io.paddock.log}, {@code io.paddock.tree}, {@code
 * io.paddock.txn}, {@code io.paddock.api} and the JDK.
 */
package io.paddock.snapshot;
