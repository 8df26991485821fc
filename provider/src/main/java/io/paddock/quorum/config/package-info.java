/**
 * The ensemble part of a zoo.cfg as typed values: {@code server.N} lines, {@code initLimit}, {@code
 * syncLimit}, {@code peerType} and the server's own id ({@code myid}), parsed by {@link
 * io.paddock.quorum.config.EnsembleConfigParser} into an {@link
 * io.paddock.quorum.config.EnsembleConfig}. The parser reports every error at once and returns
 * warnings (an even number of participants) rather than logging them. Reading the file (and the
 * {@code myid} file) is the caller's job: {@code io.paddock.config} declares these keys and calls
 * the parser when a {@code ServerConfig} is built.
 *
 * <p>Pure. Allowed dependencies: {@code io.paddock.quorum.core} and the JDK.
 */
package io.paddock.quorum.config;
