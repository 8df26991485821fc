package io.paddock.api.recipes;

/**
 * Leader election, selector style: a background thread competes for leadership and, once leader,
 * runs the {@link LeadershipTask}; when the task returns, leadership is given up and the selector
 * queues again (round-robin among participants) until it is closed.
 */
public interface LeaderSelector extends AutoCloseable {
  /** The election's node. */
  String path();

  /**
   * Starts competing in the background.
   *
   * @throws IllegalStateException if already started or closed
   */
  void start();

  /** Whether the task is running as leader now. */
  boolean hasLeadership();

  /** How many times this selector has led so far. */
  int leadershipCount();

  /**
   * Stops competing: interrupts the task if it runs, withdraws from the queue, and waits a bounded
   * time for the background thread. Idempotent; never throws.
   */
  @Override
  void close();
}
