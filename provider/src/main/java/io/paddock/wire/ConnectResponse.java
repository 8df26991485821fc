package io.paddock.wire;

/**
 * Jute {@code ConnectResponse}: the server's first frame, with no {@link ReplyHeader}.
 *
 * @param protocolVersion 0
 * @param timeOutMs the negotiated session timeout; 0 means the session is invalid (expired or
 *     unknown) and the server will close the connection
 * @param sessionId the session id (0 when invalid)
 * @param passwd the session password the client must present to resume
 * @param readOnly whether this server is read-only (absent on the wire for pre-3.4 clients; decodes
 *     as {@code false} then)
 */
public record ConnectResponse(
    int protocolVersion, int timeOutMs, long sessionId, byte[] passwd, boolean readOnly) {}
