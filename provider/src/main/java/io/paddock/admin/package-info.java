/**
 * Administration: the HTTP admin server (Jetty 12, loopback by default) that answers ZooKeeper's
 * admin commands as JSON under {@code admin.commandURL} and Prometheus metrics at {@code /metrics};
 * the per-op request metrics the processor records; and the text of the four-letter words that list
 * watches, sessions and directory sizes.
 *
 * <p>Everything here renders an immutable {@link io.paddock.admin.ServerFigures} snapshot that the
 * server takes on its processor thread and hands over through {@link
 * io.paddock.admin.AdminBackend}: no admin thread ever reads server state directly.
 *
 * <p>Allowed dependencies: {@code io.paddock.config}, {@code io.paddock.wire} (op codes), the JDK,
 * Jetty ({@code jetty-server}) and SLF4J through Jetty. Never {@code io.paddock.server}: the server
 * depends on this package, not the other way round.
 */
package io.paddock.admin;
