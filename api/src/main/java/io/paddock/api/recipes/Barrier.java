package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;

/**
 * A barrier: while its node exists, {@link #await} blocks; removing the node lets every waiter
 * through at once.
 */
public interface Barrier {
  /** The barrier's node. */
  String path();

  /**
   * Raises the barrier (creates its node; nothing happens if it exists).
   *
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  void raise() throws PaddockException, InterruptedException;

  /**
   * Lowers the barrier (deletes its node), releasing every waiter.
   *
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  void lower() throws PaddockException, InterruptedException;

  /**
   * Waits at most {@code timeout} until the barrier is down.
   *
   * @return whether the barrier is down
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while waiting
   */
  boolean await(Duration timeout) throws PaddockException, InterruptedException;
}
