package io.paddock.wire;

/**
 * Jute {@code ConnectRequest}: the first frame a client sends, with no {@link RequestHeader}.
 *
 * @param protocolVersion 0 for every released client
 * @param lastZxidSeen the highest zxid the client has seen, so a server that is behind can refuse
 * @param timeOutMs the session timeout the client asks for
 * @param sessionId 0 for a new session, else the session to resume
 * @param passwd the session password (16 bytes from the server; may be {@code null} on the wire)
 * @param readOnly whether the client accepts a read-only server
 * @param readOnlyFieldPresent whether the trailing {@code readOnly} byte is on the wire: clients
 *     older than 3.4 omit it, and a server must then also omit it from its {@link ConnectResponse}
 */
public record ConnectRequest(
    int protocolVersion,
    long lastZxidSeen,
    int timeOutMs,
    long sessionId,
    byte[] passwd,
    boolean readOnly,
    boolean readOnlyFieldPresent) {

  /** A request as every current client sends it, with the {@code readOnly} byte. */
  public ConnectRequest(
      int protocolVersion,
      long lastZxidSeen,
      int timeOutMs,
      long sessionId,
      byte[] passwd,
      boolean readOnly) {
    this(protocolVersion, lastZxidSeen, timeOutMs, sessionId, passwd, readOnly, true);
  }
}
