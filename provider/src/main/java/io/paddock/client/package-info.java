/**
 * Paddock's own {@link io.paddock.api.PaddockClient}: a ZooKeeper 3.9 wire-protocol client.
 *
 * <p>Shape: {@link io.paddock.client.PaddockClientImpl} turns API calls into {@link
 * io.paddock.client.Call}s and hands them to the {@link io.paddock.client.Outbox}; one I/O thread
 * ({@link io.paddock.client.IoLoop}, a {@link java.nio.channels.Selector}) owns the socket, the
 * handshake, pings, timeouts, reconnects and the {@link io.paddock.client.PendingRequests}; one
 * event thread ({@link io.paddock.client.EventDispatcher}) runs watchers and completions in the
 * order the server produced them. {@link io.paddock.client.ConnectionStateMachine} owns the
 * connection state (its Javadoc is the transition table); {@link
 * io.paddock.client.ClientWatchRegistry} does ZooKeeper's client-side watch bookkeeping.
 *
 * <p>Why one selector thread and not a blocking reader plus a writer: everything that must stay
 * consistent per connection (which requests were written, in which order, the xid each reply must
 * carry, the ping and read-timeout clocks, the reconnect decision) then lives on one thread without
 * locks, and {@code select(timeout)} gives the timers for free. Callers only touch the {@link
 * io.paddock.client.Outbox}, whose lock makes "assign xid + enqueue" atomic so the wire order is
 * the call order (per-session FIFO).
 *
 * <p>Documented choices: requests issued while disconnected wait for a connection for {@code
 * requestTimeoutMs} if set, else {@code connectTimeoutMs}, then fail with CONNECTION_LOSS; requests
 * on a closed client fail with SESSION_EXPIRED (as ZooKeeper's client does) whose cause says the
 * client was closed; connection-state events go to the config's default watcher only.
 *
 * <p>Allowed dependencies: the JDK, {@code io.paddock.api}, {@code io.paddock.wire}. Never the
 * server, tree, session or quorum packages.
 */
package io.paddock.client;
