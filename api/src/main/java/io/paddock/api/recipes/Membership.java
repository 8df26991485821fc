package io.paddock.api.recipes;

import io.paddock.api.PaddockException;

/**
 * One process's membership of a group: an ephemeral node that disappears when the process leaves
 * ({@link #close()}) or its session ends.
 */
public interface Membership extends AutoCloseable {
  /** The member id. */
  String memberId();

  /** The member's node. */
  String path();

  /**
   * Replaces the data the member publishes.
   *
   * @throws PaddockException if the member node is gone or the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  void update(byte[] data) throws PaddockException, InterruptedException;

  /** Leaves the group. Idempotent; never throws. */
  @Override
  void close();
}
