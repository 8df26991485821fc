/**
 * The embedding API: run a Paddock server inside a host process (an application, a test, an OSGi
 * framework, an application server) from a typed {@link io.paddock.config.ServerConfig}, with no
 * files, no system properties, no {@code System.exit} and no statics, several per JVM.
 *
 * <p>{@link io.paddock.embedded.EmbeddedPaddock} is the entry point; {@link
 * io.paddock.embedded.LifecycleListener}s hear its {@link io.paddock.embedded.LifecycleEvent}s;
 * {@link io.paddock.embedded.ServerProperties} turns a flat map of zoo.cfg keys (Config Admin,
 * Spring, MicroProfile Config) into a {@code ServerConfig} through the one key registry, {@link
 * io.paddock.config.ConfigKeys}.
 *
 * <p>An edge package: it starts the server's threads and binds its port (through {@code server}).
 * Exported to OSGi consumers together with {@code io.paddock.config}, so nothing in its public
 * signatures may mention another implementation package.
 *
 * <p>Allowed dependencies: the JDK, {@code io.paddock.config}, {@code io.paddock.server}.
 */
package io.paddock.embedded;
