package io.paddock.client;

import java.io.IOException;

/**
 * The server broke the protocol (a reply out of order, a session id we did not ask for). Treated
 * like any I/O failure: close the connection and reconnect elsewhere.
 */
final class ProtocolViolation extends IOException {
  private static final long serialVersionUID = 1L;

  ProtocolViolation(String message) {
    super(message);
  }
}
