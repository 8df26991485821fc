/**
 * The network edge of Zab: carries {@link io.paddock.quorum.core.Envelope}s between the servers of
 * an ensemble over TCP ({@link io.paddock.quorum.transport.PeerTransport}), with the message
 * encoding ({@link io.paddock.quorum.transport.MessageCodec}, pure), the connection handshake,
 * length-prefixed checksummed frames, and chunked attachments for snapshots.
 *
 * <p>An edge package: it owns sockets and threads (all named {@code paddock-quorum-...}). Allowed
 * dependencies: {@code io.paddock.quorum.core}, {@code io.paddock.txn} and the JDK.
 */
package io.paddock.quorum.transport;
