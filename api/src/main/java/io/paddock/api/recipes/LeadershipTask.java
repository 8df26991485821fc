package io.paddock.api.recipes;

/**
 * The work of a leader under a {@link LeaderSelector}: leadership lasts while {@link #lead} runs.
 */
@FunctionalInterface
public interface LeadershipTask {
  /**
   * Does the leader's work and returns to give up leadership. The calling thread is interrupted
   * when the lease becomes uncertain (disconnected) or is lost, or the selector is closed: a leader
   * that cannot be sure it still leads must stop acting as one, promptly.
   *
   * @param lease the leadership lease (fencing token, conditional writes)
   * @throws Exception any failure; it is logged and leadership is given up
   */
  void lead(Lease lease) throws Exception;
}
