/**
 * Zab after the election: discovery (the leader picks an epoch above every epoch a quorum accepted,
 * and steps down if one of them is ahead of it), synchronization (per learner DIFF, TRUNC or SNAP,
 * then NEWLEADER; the leader serves once a quorum has the new history on disk) and broadcast
 * (pipelined PROPOSAL, ACK after the follower's fsync, COMMIT in zxid order once a quorum has it,
 * INFORM to observers). One class per role: {@link io.paddock.quorum.broadcast.Leader}, {@link
 * io.paddock.quorum.broadcast.Follower}, {@link io.paddock.quorum.broadcast.Observer}.
 *
 * <p>The 32-bit zxid counter never wraps into an election: before it runs out, the leader moves its
 * followers to the next epoch with a NEWEPOCH quorum handshake while it keeps leading.
 *
 * <p>Pure. Allowed dependencies: {@code io.paddock.quorum.core}, {@code io.paddock.txn} and the
 * JDK.
 */
package io.paddock.quorum.broadcast;
