package io.paddock.api.recipes;

/**
 * Told when a {@link Lease} changes state. Called from a coordination thread; must return quickly
 * and must not wait for another coordination operation.
 */
@FunctionalInterface
public interface LeaseListener {
  /** The lease is now in {@code state}. */
  void stateChanged(Lease lease, LeaseState state);
}
