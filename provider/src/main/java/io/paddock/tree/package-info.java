/**
 * The znode tree: {@link io.paddock.tree.DataTree} holds the nodes with ZooKeeper's exact stat
 * bookkeeping, the ephemeral index, container/TTL reaper candidates and open sessions, and applies
 * transactions with {@link io.paddock.tree.DataTree#apply} — the deterministic state-machine
 * function every replica runs. Also {@link io.paddock.tree.PathValidator} (ZooKeeper's path rules)
 * and {@link io.paddock.tree.EphemeralOwners} (the owner-word encodings).
 *
 * <p>Pure package: no threads, sockets, files, clocks or randomness; time comes from the
 * transaction. Not thread-safe by design (one apply thread). Allowed dependencies: the JDK, {@code
 * io.paddock.api}, {@code io.paddock.txn}, {@code io.paddock.acl}.
 */
package io.paddock.tree;
