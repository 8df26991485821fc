package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;

/**
 * A double barrier: participants {@link #enter} and start together once {@link #size()} of them
 * have entered, and {@link #leave} together once all of them have left. Each participant has its
 * own id and uses its own instance. The barrier is meant for one round; use a new path per round.
 */
public interface DoubleBarrier {
  /** The barrier's node. */
  String path();

  /** How many participants the barrier waits for. */
  int size();

  /**
   * Enters and waits at most {@code timeout} until {@link #size()} participants have entered.
   *
   * @return whether the barrier was reached; on false this participant has withdrawn again
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting
   */
  boolean enter(Duration timeout) throws PaddockException, InterruptedException;

  /**
   * Leaves and waits at most {@code timeout} until every participant has left.
   *
   * @return whether everyone left in time
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting
   */
  boolean leave(Duration timeout) throws PaddockException, InterruptedException;
}
