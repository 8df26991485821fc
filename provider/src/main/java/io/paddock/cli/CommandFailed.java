package io.paddock.cli;

/**
 * A command that could not do its job for a reason the CLI itself detected (not connected, no quota
 * on that path...). The message is printed to stderr as is; the exit code is 1.
 */
final class CommandFailed extends Exception {
  private static final long serialVersionUID = 1L;

  CommandFailed(String message) {
    super(message);
  }
}
