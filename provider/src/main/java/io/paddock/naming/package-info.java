/**
 * A JNDI naming provider over znodes: an {@link javax.naming.spi.InitialContextFactory}, a URL
 * context factory for {@code paddock:} names, and an {@link javax.naming.spi.ObjectFactory} for
 * container resources, all giving {@link io.paddock.naming.PaddockContext}s whose names map onto a
 * configurable znode root ({@code a/b} under root {@code /jndi} is {@code /jndi/a/b}).
 *
 * <p>Safety: a bound {@link javax.naming.Reference} is stored without its factory codebase and is
 * turned into an object only through an allow-listed {@link javax.naming.spi.ObjectFactory} (via
 * {@link javax.naming.spi.NamingManager#getObjectInstance}), so no remote code is ever loaded; a
 * serialized object is read back only through an {@link java.io.ObjectInputFilter} allow-list.
 * Nothing here calls {@code NamingManager.setInitialContextFactoryBuilder}: containers own it.
 *
 * <p>Allowed dependencies: the JDK and {@code io.paddock.api} (checked by an ArchUnit test).
 */
package io.paddock.naming;
