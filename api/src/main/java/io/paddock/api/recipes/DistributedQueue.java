package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;
import java.util.Optional;

/**
 * A first-in first-out queue of byte arrays shared by many producers and consumers. Each element is
 * taken by exactly one consumer. Elements are persistent sequential nodes, so the queue survives
 * its users; an element is at most 1 MB (the ensemble's node size limit).
 *
 * <p>An {@link #offer} is not retried after a lost connection (a retry could add the element
 * twice): {@code PaddockException.ConnectionLoss} means it may or may not have been added.
 */
public interface DistributedQueue {
  /** The queue's node. */
  String path();

  /**
   * Appends an element.
   *
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  void offer(byte[] element) throws PaddockException, InterruptedException;

  /**
   * Removes and returns the head, or empty if the queue is empty.
   *
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  Optional<byte[]> poll() throws PaddockException, InterruptedException;

  /**
   * Removes and returns the head, waiting at most {@code timeout} for one.
   *
   * @return the head, or empty if none arrived in time
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting
   */
  Optional<byte[]> take(Duration timeout) throws PaddockException, InterruptedException;

  /**
   * The head without removing it, or empty.
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  Optional<byte[]> peek() throws PaddockException, InterruptedException;

  /**
   * The number of elements now.
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  int size() throws PaddockException, InterruptedException;
}
