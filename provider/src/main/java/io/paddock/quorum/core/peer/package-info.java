/**
 * {@link io.paddock.quorum.core.peer.Peer}: the Zab state machine as one value, and the only owner
 * of role transitions. The embedding (the server, or the simulator) feeds it messages, ticks,
 * client writes and storage completions, and carries out the {@link io.paddock.quorum.core.Ready}
 * it returns.
 *
 * <p>Pure. Allowed dependencies: {@code io.paddock.quorum.core}, {@code
 * io.paddock.quorum.election}, {@code io.paddock.quorum.broadcast}, {@code io.paddock.txn} and the
 * JDK.
 */
package io.paddock.quorum.core.peer;
