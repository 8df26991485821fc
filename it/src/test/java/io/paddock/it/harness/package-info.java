/**
 * Test harness: coordination servers as separate JVM processes on loopback ports ({@link
 * io.paddock.it.harness.ServerProcess}), raw-socket and four-letter-word helpers, and official
 * ZooKeeper client helpers that close everything at the end of a test.
 *
 * <p>Allowed dependencies: the JDK, the ZooKeeper client, AssertJ. Processes are only ever
 * signalled through the {@link java.lang.Process} handle that started them, never by name.
 */
package io.paddock.it.harness;
