package io.paddock.quorum.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one server's {@link PeerTransport}. Every server of an ensemble should use the
 * same limits: a frame one server may send must be one the others accept.
 *
 * @param myId this server's id
 * @param listenAddress where this server accepts connections from the others (port 0 binds a free
 *     port, see {@link PeerTransport#boundPort()})
 * @param peers the address of every other member (not this server), by server id
 * @param ensembleId an id or fingerprint of the ensemble, exchanged in the handshake: servers of
 *     different ensembles refuse each other (at most {@value #ENSEMBLE_ID_BYTES_MAX} UTF-8 bytes)
 * @param frameBytesMax the largest frame, an encoded message or one chunk of an attachment; a
 *     larger message is dropped by the sender, a larger frame announced by a peer closes its
 *     connection before anything is allocated
 * @param attachmentBytesMax the largest attachment (a snapshot sent with a SNAP sync)
 * @param sendQueueMax messages queued per peer before further ones are dropped
 * @param connectTimeoutMs how long connecting to a peer and its handshake answer may take
 * @param reconnectBackoffMinMs the first wait before connecting again after a failure; doubles
 *     after each further failure
 * @param reconnectBackoffMaxMs the longest wait between connection attempts
 */
public record TransportConfig(
    long myId,
    InetSocketAddress listenAddress,
    Map<Long, InetSocketAddress> peers,
    String ensembleId,
    int frameBytesMax,
    int attachmentBytesMax,
    int sendQueueMax,
    int connectTimeoutMs,
    int reconnectBackoffMinMs,
    int reconnectBackoffMaxMs) {

  /** Longest ensemble id, in UTF-8 bytes. */
  public static final int ENSEMBLE_ID_BYTES_MAX = 255;

  /** Default {@link #frameBytesMax}: room for a DIFF sync of many transactions. */
  public static final int FRAME_BYTES_MAX_DEFAULT = 64 << 20;

  /** Default {@link #attachmentBytesMax}: 1 GiB. */
  public static final int ATTACHMENT_BYTES_MAX_DEFAULT = 1 << 30;

  /** Default {@link #sendQueueMax}. */
  public static final int SEND_QUEUE_MAX_DEFAULT = 10_000;

  /** Default {@link #connectTimeoutMs}. */
  public static final int CONNECT_TIMEOUT_MS_DEFAULT = 2_000;

  /** Default {@link #reconnectBackoffMinMs}. */
  public static final int RECONNECT_BACKOFF_MIN_MS_DEFAULT = 10;

  /** Default {@link #reconnectBackoffMaxMs}: short, because failover waits for reconnection. */
  public static final int RECONNECT_BACKOFF_MAX_MS_DEFAULT = 500;

  /** The smallest frame limit: a chunk must carry some bytes and a message must fit. */
  static final int FRAME_BYTES_MIN = 1024;

  /** Arrays cannot be much larger than this. */
  static final int ATTACHMENT_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  public TransportConfig {
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(ensembleId, "ensembleId");
    peers = Map.copyOf(peers);
    if (peers.containsKey(myId)) {
      throw new IllegalArgumentException("peers must not include this server (" + myId + ")");
    }
    peers.forEach(
        (id, address) -> {
          if (address.isUnresolved()) {
            throw new IllegalArgumentException("address of server " + id + " is unresolved");
          }
        });
    int idBytes = ensembleId.getBytes(StandardCharsets.UTF_8).length;
    if (idBytes == 0 || idBytes > ENSEMBLE_ID_BYTES_MAX) {
      throw new IllegalArgumentException(
          "ensembleId must have 1.." + ENSEMBLE_ID_BYTES_MAX + " UTF-8 bytes, has " + idBytes);
    }
    range("frameBytesMax", frameBytesMax, FRAME_BYTES_MIN, ATTACHMENT_BYTES_LIMIT);
    range("attachmentBytesMax", attachmentBytesMax, 0, ATTACHMENT_BYTES_LIMIT);
    range("sendQueueMax", sendQueueMax, 1, Integer.MAX_VALUE);
    range("connectTimeoutMs", connectTimeoutMs, 1, Integer.MAX_VALUE);
    range("reconnectBackoffMinMs", reconnectBackoffMinMs, 1, Integer.MAX_VALUE);
    range("reconnectBackoffMaxMs", reconnectBackoffMaxMs, reconnectBackoffMinMs, Integer.MAX_VALUE);
  }

  /** A configuration with the default limits and timeouts. */
  public static TransportConfig of(
      long myId,
      InetSocketAddress listenAddress,
      Map<Long, InetSocketAddress> peers,
      String ensembleId) {
    return new TransportConfig(
        myId,
        listenAddress,
        peers,
        ensembleId,
        FRAME_BYTES_MAX_DEFAULT,
        ATTACHMENT_BYTES_MAX_DEFAULT,
        SEND_QUEUE_MAX_DEFAULT,
        CONNECT_TIMEOUT_MS_DEFAULT,
        RECONNECT_BACKOFF_MIN_MS_DEFAULT,
        RECONNECT_BACKOFF_MAX_MS_DEFAULT);
  }

  /** A copy with another send queue limit. */
  public TransportConfig withSendQueueMax(int value) {
    return new TransportConfig(
        myId,
        listenAddress,
        peers,
        ensembleId,
        frameBytesMax,
        attachmentBytesMax,
        value,
        connectTimeoutMs,
        reconnectBackoffMinMs,
        reconnectBackoffMaxMs);
  }

  /** A copy with another frame limit. */
  public TransportConfig withFrameBytesMax(int value) {
    return new TransportConfig(
        myId,
        listenAddress,
        peers,
        ensembleId,
        value,
        attachmentBytesMax,
        sendQueueMax,
        connectTimeoutMs,
        reconnectBackoffMinMs,
        reconnectBackoffMaxMs);
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in " + min + ".." + max + ", got " + value);
    }
  }
}
