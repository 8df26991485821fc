/**
 * Sessions: id and password derivation, timeout negotiation, and the session table with expiry
 * buckets.
 *
 * <p>Pure: no threads, sockets, files, clocks, system properties or randomness. "Now" is always an
 * argument ({@code nowMs}); per-server secrets are injected by the caller.
 *
 * <p>Allowed dependencies: the JDK (including {@code javax.crypto} for the password MAC) and {@code
 * io.paddock.api} only.
 */
package io.paddock.session;
