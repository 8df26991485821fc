package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * A lock shared by every process that uses the same path: a mutex, or one side of a {@link
 * DistributedReadWriteLock}.
 *
 * <p>Re-entrant per thread: a thread that holds the lock and acquires it again gets the same {@link
 * Lease} back and must close it once per acquisition. Other threads of the same process queue like
 * other processes do. If the lease of a re-entrant holder was lost meanwhile, the same lost lease
 * is returned: check {@link Lease#isHeld()} or guard writes with {@link Lease#writeIfHeld}.
 *
 * <p>Waiting is fair (first come, first served by the ensemble's order), interruptible, and herd
 * free: each waiter watches only the node queued just before it.
 */
public interface DistributedLock {
  /** The lock's node; lease nodes are its children. */
  String path();

  /**
   * Waits as long as it takes for the lock.
   *
   * @throws PaddockException if the session expired or the ensemble refused (for example NO_AUTH)
   * @throws InterruptedException if interrupted while waiting; the queued node is withdrawn
   */
  Lease acquire() throws PaddockException, InterruptedException;

  /**
   * Waits at most {@code timeout} for the lock.
   *
   * @return the lease, or empty if the timeout passed first (the queued node is withdrawn)
   * @throws PaddockException if the session expired or the ensemble refused
   * @throws InterruptedException if interrupted while waiting; the queued node is withdrawn
   */
  Optional<Lease> tryAcquire(Duration timeout) throws PaddockException, InterruptedException;

  /** Whether the calling thread holds the lock (according to its last known state). */
  boolean isHeldByCurrentThread();

  /**
   * This lock as a {@link java.util.concurrent.locks.Lock}, for code written against that
   * interface. What it cannot express:
   *
   * <ul>
   *   <li>{@code newCondition()} throws {@link UnsupportedOperationException}: a condition would
   *       need a distributed wait set;
   *   <li>failures of the ensemble (session expired, no authorisation) surface as {@link
   *       IllegalStateException} from {@code lock()}/{@code tryLock()}, and {@code lock()} keeps
   *       waiting through an interrupt as the interface demands, re-asserting it afterwards;
   *   <li>there is no lease, so no fencing token and no loss notification: prefer {@link
   *       #acquire()} when the protected work must be safe against a lost session;
   *   <li>{@code unlock()} by a thread that does not hold it throws {@link
   *       IllegalMonitorStateException}.
   * </ul>
   */
  Lock asLock();
}
