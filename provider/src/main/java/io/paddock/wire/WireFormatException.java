package io.paddock.wire;

/**
 * Bytes that do not form a valid message: a bad length, a truncated record, an unknown op code in a
 * place that needs a known one, trailing garbage. The message says what was wrong and at which byte
 * offset. Unchecked because the only sensible reaction is the same everywhere: drop the connection
 * (server) or treat it as a connection loss (client).
 */
public final class WireFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
