package io.paddock.api.recipes;

import io.paddock.api.PaddockException;

/**
 * A 64-bit counter in one node, changed with compare-and-set on the node's version so concurrent
 * updates from any number of processes are never lost. A missing node counts as 0. The value is
 * stored as decimal text, readable with any ZooKeeper tool.
 *
 * <p>Updates are not retried after a lost connection: a {@code PaddockException.ConnectionLoss}
 * from {@link #add} or {@link #compareAndSet} means the update may or may not have been applied.
 */
public interface SharedCounter {
  /** The counter's node. */
  String path();

  /**
   * The current value.
   *
   * @throws PaddockException if the ensemble cannot be read or the node holds no counter
   * @throws InterruptedException if interrupted while reading
   */
  long get() throws PaddockException, InterruptedException;

  /**
   * Adds {@code delta} and returns the new value.
   *
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting
   */
  long add(long delta) throws PaddockException, InterruptedException;

  /**
   * Sets the value to {@code update} if it is {@code expected}.
   *
   * @return whether it was set
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting
   */
  boolean compareAndSet(long expected, long update) throws PaddockException, InterruptedException;
}
