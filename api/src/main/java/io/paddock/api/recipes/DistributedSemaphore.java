package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;
import java.util.Optional;

/**
 * A counting semaphore: at most {@link #permits()} leases exist at once across all processes. Every
 * participant must use the same number of permits for the same path.
 *
 * <p>Herd free: waiters queue on an internal lock, and only the one at the head watches the leases.
 * Not re-entrant: every acquire takes a new permit.
 */
public interface DistributedSemaphore {
  /** The semaphore's node. */
  String path();

  /** The number of permits. */
  int permits();

  /**
   * Waits as long as it takes for a permit.
   *
   * @throws PaddockException if the session expired or the ensemble refused
   * @throws InterruptedException if interrupted while waiting; nothing stays queued
   */
  Lease acquire() throws PaddockException, InterruptedException;

  /**
   * Waits at most {@code timeout} for a permit.
   *
   * @return the lease, or empty if the timeout passed first
   * @throws PaddockException if the session expired or the ensemble refused
   * @throws InterruptedException if interrupted while waiting; nothing stays queued
   */
  Optional<Lease> tryAcquire(Duration timeout) throws PaddockException, InterruptedException;
}
