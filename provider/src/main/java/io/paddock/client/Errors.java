package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.api.PaddockException;

/** Builds the client's exceptions: the API's error-code type, with a cause that says why. */
final class Errors {
  private Errors() {}

  /** The exception for a wire error code; an unknown code becomes SYSTEM_ERROR saying so. */
  static PaddockException fromWire(int err, String path) {
    ErrorCode code;
    try {
      code = ErrorCode.fromCode(err);
    } catch (IllegalArgumentException e) {
      return withCause(ErrorCode.SYSTEM_ERROR, path, e);
    }
    if (code == ErrorCode.OK) {
      throw new IllegalArgumentException("error code 0 is not a failure (path " + path + ")");
    }
    return PaddockException.create(code, path);
  }

  /** An exception of {@code code} whose cause explains it. */
  static PaddockException withCause(ErrorCode code, String path, Throwable cause) {
    PaddockException e = PaddockException.create(code, path);
    e.initCause(cause);
    return e;
  }

  /**
   * An exception of {@code code} with an {@link IllegalStateException} cause carrying {@code why}.
   */
  static PaddockException because(ErrorCode code, String path, String why) {
    return withCause(code, path, new IllegalStateException(why));
  }
}
