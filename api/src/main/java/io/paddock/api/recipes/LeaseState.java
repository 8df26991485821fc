package io.paddock.api.recipes;

/**
 * What the holder of a {@link Lease} can know about it.
 *
 * <pre>
 * HELD ──disconnected──▶ UNCERTAIN ──reconnected, node still ours──▶ HELD
 *  │                         │
 *  │                         └──session expired, node gone, or disconnected ≥ session timeout──▶ LOST
 *  ├──session expired, node deleted by someone else──▶ LOST
 *  └──close()──▶ RELEASED
 * </pre>
 *
 * <p>LOST and RELEASED are final.
 */
public enum LeaseState {
  /** The lease node exists and belongs to our live, connected session. */
  HELD,
  /**
   * The client is disconnected: the session may still be alive (and the lease with it) or may have
   * expired on the ensemble. Stop acting on the lease until it is HELD again; writes guarded by
   * {@link Lease#writeIfHeld} stay safe because the ensemble checks the lease node.
   */
  UNCERTAIN,
  /** The lease is gone for good: its session ended or its node was deleted. */
  LOST,
  /** The holder released it. */
  RELEASED;

  /** Whether the state can never change again. */
  public boolean isFinal() {
    return this == LOST || this == RELEASED;
  }
}
