package io.paddock.api.recipes;

/**
 * The work of a leader under a {@link LeaderSelector}: leadership lasts while {@link #lead} runs.
 */
@FunctionalInterface
public interface LeadershipTask {
  /**
   * Does the leader's work and returns to give up leadership. The calling thread is interrupted
   * when the lease is lost or the selector is closed; the task must then stop promptly.
   *
   * @param lease the leadership lease (fencing token, conditional writes)
   * @throws Exception any failure; it is logged and leadership is given up
   */
  void lead(Lease lease) throws Exception;
}
