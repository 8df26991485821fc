/**
 * Coordination recipes built on the public client API: locks with leases and fencing tokens,
 * read-write locks, semaphores, leader election, group membership, barriers, queues and counters.
 *
 * <p>Obtain them from a {@link io.paddock.api.recipes.Coordination}, created by {@link
 * io.paddock.api.recipes.Coordinations#connect} (which owns its client and learns connection-state
 * changes at once) or {@link io.paddock.api.recipes.Coordinations#on} (for a client you already
 * have). Every recipe works against any ZooKeeper 3.9-compatible ensemble, not only Paddock.
 *
 * <p>The recipes follow the ZooKeeper recipe descriptions: waiters queue as ephemeral sequential
 * nodes and each watches only its predecessor (no herd effect), so a lock held by a crashed process
 * is released when its session ends. Every {@link io.paddock.api.recipes.Lease} carries a fencing
 * token that only grows and offers a conditional write that succeeds only while the lease is held.
 *
 * <p>Allowed dependencies: the JDK and {@code io.paddock.api}.
 */
package io.paddock.api.recipes;
