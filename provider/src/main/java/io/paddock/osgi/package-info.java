/**
 * OSGi Declarative Services components, configured through Config Admin, with metatype descriptions
 * so consoles can edit them:
 *
 * <ul>
 *   <li>{@link io.paddock.osgi.ServerComponent}, PID {@code io.paddock.server}: an embedded server
 *       whose properties are zoo.cfg keys; publishes the running {@link
 *       io.paddock.embedded.EmbeddedPaddock}.
 *   <li>{@link io.paddock.osgi.ClientComponent}, PID {@code io.paddock.client}: a client session,
 *       published as an {@link io.paddock.api.PaddockClient} service and, on the same session, as
 *       an {@link io.paddock.api.recipes.Coordination} service (the lock service and other
 *       recipes).
 *   <li>{@link io.paddock.osgi.ClientFactoryComponent}: the {@link
 *       io.paddock.api.PaddockClientFactory} service, for bundles that manage their own clients
 *       ({@link java.util.ServiceLoader} does not cross bundles).
 * </ul>
 *
 * <p>Both configured components take a singleton configuration (PID) or any number of factory
 * configurations (factory PID) of the same name. A changed configuration deactivates the component
 * (stops the server or closes the client, releasing the port) and activates a new one with the new
 * values: there is no in-place reconfiguration to get wrong.
 *
 * <p>Services are registered by hand in {@code activate} rather than by DS, because the objects
 * published (a client, a server handle) are created there, not the component instances.
 *
 * <p>JNDI (OSGi JNDI Service spec, ch. 126): beside each client, {@link
 * io.paddock.osgi.NamingServices} registers the naming provider's {@code
 * javax.naming.spi.InitialContextFactory} under both the interface name and its class name, and its
 * {@code paddock:} URL {@code javax.naming.spi.ObjectFactory} with the service property {@code
 * osgi.jndi.url.scheme=paddock}, both on the client's session; the OSGi JNDI implementation (Aries
 * JNDI, Karaf's {@code jndi} feature) finds them there. Never {@code
 * NamingManager.setInitialContextFactoryBuilder}: the container owns it.
 *
 * <p>Only loaded inside an OSGi framework with SCR; the annotations are compile-only.
 *
 * <p>Allowed dependencies: the JDK, OSGi core and DS/metatype annotations, {@code io.paddock.api},
 * {@code io.paddock.embedded}, {@code io.paddock.config}, {@code io.paddock.client}, {@code
 * io.paddock.recipes}, {@code io.paddock.naming}, {@code javax.naming}.
 */
package io.paddock.osgi;
