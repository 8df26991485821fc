/**
 * The data tree: znodes with ZooKeeper's Stat bookkeeping, the ephemeral, container and TTL
 * indexes, and {@link io.paddock.tree.DataTree#apply}, the one deterministic function every replica
 * uses to change state. Owned by one thread; not thread-safe, with one exception: a {@link
 * io.paddock.tree.FrozenTree} (the state at one zxid, for a snapshot) may be read by one other
 * thread while the owner goes on applying.
 *
 * <p>Allowed dependencies: {@code io.paddock.api}, {@code io.paddock.txn}, {@code io.paddock.acl}
 * and the JDK. Pure.
 */
package io.paddock.tree;
