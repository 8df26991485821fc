/**
 * A MicroProfile {@link org.eclipse.microprofile.config.spi.ConfigSource} backed by znodes, with
 * the layout Spring Cloud Zookeeper users know: {@code /config/<application>[,<profile>]} and a
 * shared {@code /config/application[,<profile>]}, where {@code /config/myapp/db/url} becomes {@code
 * db.url}.
 *
 * <p>Shape: {@link io.paddock.microprofile.config.ConfigSettings} reads the bootstrap settings (one
 * place for every key, default and unit); {@link io.paddock.microprofile.config.ConfigLayout} is
 * the pure mapping from znodes to properties; {@link io.paddock.microprofile.config.ZnodeMirror}
 * keeps an in-memory copy of the subtrees current through persistent recursive watches and
 * publishes only consistent snapshots; {@link io.paddock.microprofile.config.PaddockConfigSource}
 * serves lookups from the last snapshot, never from the network.
 *
 * <p>Allowed dependencies: the JDK, {@code io.paddock.api} and the MicroProfile Config API. The
 * client implementation is found at run time through {@link io.paddock.api.PaddockClients}.
 */
package io.paddock.microprofile.config;
