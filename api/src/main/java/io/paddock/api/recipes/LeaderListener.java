package io.paddock.api.recipes;

/**
 * Told when a {@link LeaderLatch} gains or loses leadership. Called from a coordination thread, one
 * call at a time; must return quickly.
 */
public interface LeaderListener {
  /** This participant is now the leader; {@code lease} carries its fencing token. */
  void isLeader(Lease lease);

  /** This participant is no longer the leader (it left, or its lease was lost or is uncertain). */
  void notLeader();
}
