package io.paddock.cli;

import io.paddock.api.ClientConfig;
import java.util.List;

/**
 * The launcher's arguments: {@code [-server host:port[,host:port...][/chroot]] [-timeout ms] [-r]
 * [command args...]}, zkCli's flags. Options come first; the first other word starts the command,
 * whose words are kept as the shell split them (no re-tokenizing, so {@code set /a "x y"} from a
 * shell reaches {@code set} as three words).
 *
 * @param connectString the ensemble to connect to; default {@code 127.0.0.1:2181}
 * @param sessionTimeoutMs the requested session timeout
 * @param readOnly whether a read-only server is acceptable ({@code -r})
 * @param help whether usage was asked for ({@code -h}, {@code -help}, {@code --help})
 * @param command the one-shot command and its arguments; empty for an interactive session
 */
record CliOptions(
    String connectString,
    int sessionTimeoutMs,
    boolean readOnly,
    boolean help,
    List<String> command) {
  /** The server zkCli connects to when none is given. */
  static final String DEFAULT_SERVER = "127.0.0.1:2181";

  /** The launcher's usage line. */
  static final String USAGE =
      "Usage: paddock-cli [-server host:port[,host:port...][/chroot]] [-timeout ms] [-r]"
          + " [command args...]";

  /** Session timeouts outside this range are surely typos (ZooKeeper servers clamp anyway). */
  static final int TIMEOUT_MS_MAX = 24 * 60 * 60 * 1000;

  CliOptions {
    command = List.copyOf(command);
  }

  /**
   * Parses the launcher's arguments.
   *
   * @throws UsageException for an unknown option, a missing or malformed value
   */
  static CliOptions parse(List<String> args) throws UsageException {
    String server = DEFAULT_SERVER;
    int timeoutMs = ClientConfig.DEFAULT_SESSION_TIMEOUT_MS;
    boolean readOnly = false;
    boolean help = false;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      String option = args.get(i);
      switch (option) {
        case "-server" -> server = valueOf(args, i++, option);
        case "-timeout" -> timeoutMs = timeout(valueOf(args, i++, option));
        case "-r" -> readOnly = true;
        case "-h", "-help", "--help" -> help = true;
        default -> throw new UsageException("Unrecognized option: " + option);
      }
      i++;
    }
    if (server.isBlank()) {
      throw new UsageException("-server needs host:port");
    }
    return new CliOptions(server, timeoutMs, readOnly, help, args.subList(i, args.size()));
  }

  private static String valueOf(List<String> args, int at, String option) throws UsageException {
    if (at + 1 >= args.size()) {
      throw new UsageException("Missing value for " + option);
    }
    return args.get(at + 1);
  }

  private static int timeout(String text) throws UsageException {
    int ms = ParsedArgs.parseInt(text, "-timeout");
    if (ms <= 0 || ms > TIMEOUT_MS_MAX) {
      throw new UsageException("-timeout must be in 1.." + TIMEOUT_MS_MAX + " ms, got: " + ms);
    }
    return ms;
  }
}
