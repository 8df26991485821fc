/**
 * Paddock's public contract: the {@link io.paddock.api.PaddockClient} interface (every operation
 * synchronous and asynchronous), its value types ({@link io.paddock.api.Stat}, {@link
 * io.paddock.api.CreateMode}, {@link io.paddock.api.Acl}, watch events, multi ops) and the closed
 * set of {@link io.paddock.api.ErrorCode}s with one exception type per code.
 *
 * <p>Allowed dependencies: the JDK only. Everything here is immutable and thread-safe.
 */
package io.paddock.api;
