package io.paddock.api.recipes;

import io.paddock.api.PaddockClient;

/**
 * The recipes of one client session. Recipe objects are cheap; create one per path and share it
 * between threads. Paths are absolute znode paths; missing parents are created (persistent, open
 * ACL) when first needed.
 *
 * <p>Leases follow the session's connection state: a disconnect makes them {@link
 * LeaseState#UNCERTAIN}, an expiry makes them {@link LeaseState#LOST}. A coordination created by
 * {@link Coordinations#connect} hears of state changes at once; one created by {@link
 * Coordinations#on} for an existing client checks the client's state periodically (a fraction of a
 * second), so very short disconnects may go unreported there.
 */
public interface Coordination extends AutoCloseable {
  /** The client the recipes use. */
  PaddockClient client();

  /** A re-entrant mutual-exclusion lock. */
  DistributedLock mutex(String path);

  /** A shared/exclusive lock. */
  DistributedReadWriteLock readWriteLock(String path);

  /** A counting semaphore with {@code permits} permits (all participants must agree). */
  DistributedSemaphore semaphore(String path, int permits);

  /** A latch-style leader election participant; call {@link LeaderLatch#start()} to join. */
  LeaderLatch leaderLatch(String path, String participantId);

  /** A selector-style leader election participant running {@code task} whenever it leads. */
  LeaderSelector leaderSelector(String path, String participantId, LeadershipTask task);

  /** A group of processes. */
  GroupMembership group(String path);

  /** A barrier. */
  Barrier barrier(String path);

  /** One participant of a double barrier for {@code size} participants. */
  DoubleBarrier doubleBarrier(String path, String participantId, int size);

  /** A FIFO queue. */
  DistributedQueue queue(String path);

  /** A shared 64-bit counter. */
  SharedCounter counter(String path);

  /**
   * Stops the state monitoring; closes the client if this coordination created it (which also ends
   * every lease). Leases of a client you own stay until you release them or close the client.
   */
  @Override
  void close();
}
