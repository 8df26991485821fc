/**
 * The ZooKeeper 3.9 client wire protocol: jute-compatible records, length-prefixed frames and the
 * codecs for both directions (server: decode requests, encode replies; client: encode requests,
 * decode replies). Bytes in, records out; no sockets, threads or clocks inside, so both the NIO
 * server and the client (and tests) drive it with plain byte arrays and {@link
 * java.nio.ByteBuffer}s.
 *
 * <p>Entry points: {@link io.paddock.wire.FrameDecoder} (split a byte stream into frames, spot
 * four-letter words), {@link io.paddock.wire.ConnectCodec} (the handshake frames), {@link
 * io.paddock.wire.ServerCodec} and {@link io.paddock.wire.ClientCodec} (everything after the
 * handshake). Malformed input always surfaces as {@link io.paddock.wire.WireFormatException}.
 *
 * <p>Allowed dependencies: the JDK and {@code io.paddock.api} (for {@code Stat}, {@code Acl},
 * {@code Id}, {@code ClientInfo}). Nothing else in {@code io.paddock} may be used from here; the
 * server and client depend on this package, never the other way round.
 */
package io.paddock.wire;
