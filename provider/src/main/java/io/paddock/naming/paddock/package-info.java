/**
 * The URL context factory for {@code paddock:} names, found by JNDI through {@code
 * java.naming.factory.url.pkgs=io.paddock.naming} (JNDI looks for {@code
 * <pkg>.<scheme>.<scheme>URLContextFactory}).
 *
 * <p>Allowed dependencies: the JDK, {@code io.paddock.api}, {@code io.paddock.naming}.
 */
package io.paddock.naming.paddock;
