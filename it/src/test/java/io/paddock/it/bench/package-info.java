/**
 * Benchmarks that start real servers as separate processes and drive them with the official
 * ZooKeeper client; run by hand through the {@code bench} Maven profile, never in the test run.
 *
 * <p>Allowed dependencies: {@code io.paddock.it.harness}, the ZooKeeper client, HdrHistogram.
 */
package io.paddock.it.bench;
