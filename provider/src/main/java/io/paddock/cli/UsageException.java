package io.paddock.cli;

/**
 * A command line the CLI cannot run as written: unknown command, missing or malformed argument. The
 * message is shown to the user; the exit code of one-shot mode is 2.
 */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
