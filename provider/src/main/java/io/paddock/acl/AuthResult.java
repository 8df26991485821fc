package io.paddock.acl;

import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of an {@code addauth}.
 *
 * @param error {@link ErrorCode#OK} or {@link ErrorCode#AUTH_FAILED}
 * @param ids the identities to add to the session (empty on failure)
 */
public record AuthResult(ErrorCode error, List<Id> ids) {
  public AuthResult {
    Objects.requireNonNull(error, "error");
    ids = List.copyOf(ids);
  }

  static AuthResult failed() {
    return new AuthResult(ErrorCode.AUTH_FAILED, List.of());
  }
}
