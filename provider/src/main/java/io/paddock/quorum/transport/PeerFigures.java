package io.paddock.quorum.transport;

/**
 * Counts for one peer, for metrics. Counts only grow while the transport lives.
 *
 * @param peerId the peer
 * @param sent messages written to the outbound connection to it
 * @param received messages that arrived from it and were handed to the listener
 * @param dropped messages to it that were not sent: queue full, peer unreachable, too large, an
 *     attachment that failed, or still queued when the connection broke
 * @param queued messages waiting in its send queue now
 * @param outboundConnected true if the connection to it is established now
 * @param inboundConnected true if a connection from it is established now
 */
public record PeerFigures(
    long peerId,
    long sent,
    long received,
    long dropped,
    int queued,
    boolean outboundConnected,
    boolean inboundConnected) {}
