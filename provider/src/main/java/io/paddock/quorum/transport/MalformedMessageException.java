package io.paddock.quorum.transport;

import java.io.IOException;

/**
 * Bytes that are not a well-formed message, frame or handshake: a wrong tag, a count or string over
 * its limit, a truncated body, bytes left over, a bad checksum. The connection they arrived on is
 * closed; the others are not affected.
 */
public class MalformedMessageException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
