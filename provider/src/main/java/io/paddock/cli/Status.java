package io.paddock.cli;

/** How a command ended; one-shot mode turns it into the process exit code. */
enum Status {
  /** The command did what was asked: exit code 0. */
  OK(0),
  /** The command ran and failed (no such node, no permission, not connected): exit code 1. */
  FAILED(1),
  /** The command line was malformed (unknown command, bad option or argument): exit code 2. */
  USAGE(2);

  private final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code for this outcome. */
  int exitCode() {
    return exitCode;
  }
}
