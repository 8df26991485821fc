/**
 * The coordination recipes of {@code io.paddock.api.recipes}, built on the public client API only,
 * so they work against Paddock and against any ZooKeeper 3.9 ensemble.
 *
 * <p>Shape: {@link io.paddock.recipes.QueueRules} is the pure part (parse queue node names, decide
 * who holds and whom to watch). {@link io.paddock.recipes.NodeQueue} is the waiting engine shared
 * by the locks, the semaphore and leader election: it creates an ephemeral sequential node whose
 * name carries a unique id (so a create whose answer was lost can be found again), watches only the
 * node the rule names, and withdraws the node on timeout, interrupt or failure. {@link
 * io.paddock.recipes.LeaseImpl} turns a held node into a {@link io.paddock.api.recipes.Lease};
 * {@link io.paddock.recipes.SessionMonitor} follows the client's connection state and tells the
 * leases, on one thread that also runs every listener.
 *
 * <p>Allowed dependencies: the JDK and {@code io.paddock.api} (checked by an ArchUnit test).
 */
package io.paddock.recipes;
