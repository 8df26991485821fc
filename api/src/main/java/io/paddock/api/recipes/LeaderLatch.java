package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Leader election, latch style: every participant joins with {@link #start()}; the one queued first
 * is the leader until it leaves ({@link #close()}) or its session ends, then the next one takes
 * over. Each participant watches only its predecessor.
 *
 * <p>Leadership is a {@link Lease}: use its fencing token or {@link Lease#writeIfHeld} for work
 * that must never be done by two leaders at once. While the lease is {@link LeaseState#UNCERTAIN}
 * (disconnected), {@link #hasLeadership()} is false and listeners are told {@link
 * LeaderListener#notLeader()}; leadership returns if the session survives. Once the lease is {@link
 * LeaseState#LOST} (the session ended), this participant has left the election for good: join again
 * with a new latch on a new session.
 */
public interface LeaderLatch extends AutoCloseable {
  /** The election's node. */
  String path();

  /** This participant's id, stored in its node. */
  String participantId();

  /**
   * Joins the election; returns once queued (not once leader).
   *
   * @throws IllegalStateException if already started or closed
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while joining
   */
  void start() throws PaddockException, InterruptedException;

  /** Whether this participant leads now (its lease is {@link LeaseState#HELD}). */
  boolean hasLeadership();

  /** The leadership lease while this participant leads. */
  Optional<Lease> leadership();

  /**
   * Waits at most {@code timeout} for leadership.
   *
   * @return whether this participant leads
   * @throws InterruptedException if interrupted while waiting
   */
  boolean await(Duration timeout) throws InterruptedException;

  /** Adds a listener for later leadership changes. */
  void addListener(LeaderListener listener);

  /**
   * The current leader's participant id, as the ensemble sees it now.
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  Optional<String> leaderId() throws PaddockException, InterruptedException;

  /**
   * The ids of all participants in queue order (the leader first).
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  List<String> participants() throws PaddockException, InterruptedException;

  /** Leaves the election (giving up leadership). Idempotent; never throws. */
  @Override
  void close();
}
