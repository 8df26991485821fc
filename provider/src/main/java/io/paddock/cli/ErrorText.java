package io.paddock.cli;

import io.paddock.api.PaddockException;

/**
 * The message zkCli prints for a failed operation. The common errors have wordings users and
 * scripts rely on ({@code Node does not exist: /x}); the rest print the exception's own {@code
 * KeeperErrorCode = ...} message, as zkCli does.
 */
final class ErrorText {
  private ErrorText() {}

  /** The message for {@code e}; {@code fallbackPath} is used when the exception names no path. */
  static String of(PaddockException e, String fallbackPath) {
    String path = e.path() != null ? e.path() : fallbackPath;
    return switch (e.code()) {
      case NO_NODE -> "Node does not exist: " + path;
      case NODE_EXISTS -> "Node already exists: " + path;
      case NOT_EMPTY -> "Node not empty: " + path;
      case BAD_VERSION -> "version No is not valid : " + path;
      case NO_AUTH -> "Insufficient permission : " + path;
      case INVALID_ACL -> "Acl is not valid : " + path;
      case NO_CHILDREN_FOR_EPHEMERALS -> "Ephemerals cannot have children: " + path;
      case NOT_READ_ONLY -> "Not a read-only call: " + path;
      case QUOTA_EXCEEDED -> "Quota has exceeded : " + path;
      // The client rejects bad paths and TTLs before sending; its cause says what was wrong.
      case BAD_ARGUMENTS ->
          e.getCause() != null && e.getCause().getMessage() != null
              ? e.getCause().getMessage()
              : "Arguments are not valid : " + path;
      default -> e.getMessage();
    };
  }
}
