package io.paddock.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command-line entry point: {@code paddock-cli [-server host:port,...] [-timeout ms] [-r]
 * [command args...]}. Interactive without a command (JLine on a terminal, plain lines when piped),
 * one-shot with one. Exit codes: 0 success, 1 the command failed, 2 usage error. The only class of
 * the CLI that exits the process; {@link #run} does everything else and is what tests call.
 */
public final class CliMain {
  /** Keeps the root JUL logger (and so its level) alive for the process's lifetime. */
  private static final Logger ROOT_LOGGER = Logger.getLogger("");

  private CliMain() {}

  public static void main(String[] args) throws InterruptedException {
    // The client logs reconnects at INFO; on a console those lines would bury the results.
    ROOT_LOGGER.setLevel(Level.WARNING);
    int code = run(List.of(args), System.in, System.out, System.err, true);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs the CLI and returns its exit code.
   *
   * @param useTerminal whether an interactive session may use the process's terminal (JLine) when
   *     stdin and stdout are one; false reads {@code in} as plain lines without prompts
   */
  public static int run(
      List<String> args, InputStream in, PrintStream out, PrintStream err, boolean useTerminal)
      throws InterruptedException {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      err.println(CliOptions.USAGE);
      return Status.USAGE.exitCode();
    }
    if (options.help()) {
      out.println(CliOptions.USAGE);
      out.print(CommandTable.helpText());
      return Status.OK.exitCode();
    }
    CliSession.Settings settings =
        CliSession.Settings.of(
            options.connectString(), options.sessionTimeoutMs(), options.readOnly());
    try (CliSession session = new CliSession(settings, out, err)) {
      if (!options.command().isEmpty()) {
        return session.runOneShot(options.command());
      }
      try (LineSource source = lineSource(session, in, err, useTerminal)) {
        return session.runInteractive(source);
      }
    } catch (IOException e) {
      err.println("Error reading input: " + e.getMessage());
      return Status.FAILED.exitCode();
    }
  }

  private static LineSource lineSource(
      CliSession session, InputStream in, PrintStream err, boolean useTerminal) {
    if (useTerminal) {
      try {
        JLineSource terminal = JLineSource.openIfTerminal(session);
        if (terminal != null) {
          return terminal;
        }
      } catch (IOException | RuntimeException | LinkageError e) {
        err.println("JLine unavailable (" + e + "); reading plain lines");
      }
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return new PlainLineSource(reader);
  }
}
