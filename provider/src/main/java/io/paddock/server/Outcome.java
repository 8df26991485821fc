package io.paddock.server;

import io.paddock.api.ErrorCode;
import io.paddock.wire.Response;

/**
 * The answer to one request: an error code for the reply header and, on success (or for multi,
 * always), a body.
 */
record Outcome(ErrorCode error, Response body) {
  static Outcome ok(Response body) {
    return new Outcome(ErrorCode.OK, body);
  }

  static Outcome error(ErrorCode error) {
    return new Outcome(error, null);
  }
}
