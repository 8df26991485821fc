package io.paddock.api.recipes;

import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockException;
import java.util.List;

/**
 * The right granted by a lock, semaphore or leader election, backed by an ephemeral node of the
 * holder's session: it ends when the holder releases it or when the session ends.
 *
 * <p><b>Fencing.</b> A process can lose a lease without noticing in time (a long GC pause, a
 * partition). Two defences are offered. {@link #fencingToken()} is the zxid that created the lease
 * node; tokens of successive holders of one lock only grow, so a resource that remembers the
 * highest token it has seen can reject a stale holder. {@link #writeIfHeld} makes a write to the
 * ensemble itself conditional: it is applied in one atomic {@code multi} together with a check that
 * the lease node still exists.
 *
 * <p>Leases are thread-safe handles. {@link #close()} releases one hold: for a re-entrant lock
 * acquired several times by one thread, the node is deleted only by the last close.
 */
public interface Lease extends AutoCloseable {
  /** The path of the lease node. */
  String path();

  /**
   * The fencing token: the creation zxid of the lease node. Successive holders of one lock get
   * strictly greater tokens, across the whole ensemble and across sessions.
   */
  long fencingToken();

  /** The holder's current knowledge of the lease. */
  LeaseState state();

  /** Whether the lease is {@link LeaseState#HELD}. */
  default boolean isHeld() {
    return state() == LeaseState.HELD;
  }

  /**
   * Calls {@code listener} on every later state change (not for the current state). Adding a
   * listener to a lease in a final state has no effect.
   */
  void addListener(LeaseListener listener);

  /** Stops calling {@code listener}. */
  void removeListener(LeaseListener listener);

  /**
   * Applies {@code ops} atomically, and only if the lease node still exists: one {@code multi} that
   * starts with a check of the lease node.
   *
   * @return the results of {@code ops} (without the check's)
   * @throws LeaseLostException if the lease was lost or released; nothing was applied
   * @throws PaddockException if an op of {@code ops} failed (nothing was applied) or the connection
   *     was lost before the answer came (the write may or may not have been applied)
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  List<OpResult> writeIfHeld(List<Op> ops)
      throws LeaseLostException, PaddockException, InterruptedException;

  /**
   * Releases one hold of the lease. Never throws: if the ensemble cannot be reached the lease node
   * disappears with the session. Further calls after the last hold is released do nothing.
   */
  @Override
  void close();
}
