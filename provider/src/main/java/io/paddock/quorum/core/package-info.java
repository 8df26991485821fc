/**
 * The vocabulary of the Zab replication core: messages ({@link io.paddock.quorum.core.Message}),
 * votes, the hard state that must survive a crash, the in-memory window of the log ({@link
 * io.paddock.quorum.core.History}), the per-server local state every role shares, and the {@link
 * io.paddock.quorum.core.Ready} that tells the embedding what to persist, send and apply.
 *
 * <p>The state machine itself, the one owner of role transitions, is {@link
 * io.paddock.quorum.core.peer.Peer}; the roles live in {@code quorum.election} and {@code
 * quorum.broadcast}. Those packages depend on this one, never the other way round.
 *
 * <p>Pure: no threads, sockets, files, clocks, system properties. Time is ticks; randomness comes
 * through {@link io.paddock.quorum.core.RandomSource}.
 *
 * <p>Allowed dependencies: {@code io.paddock.txn}, {@code io.paddock.api} (through {@code Txn}) and
 * the JDK.
 */
package io.paddock.quorum.core;
