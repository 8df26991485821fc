package io.paddock.cli;

import io.paddock.api.PaddockException;
import java.util.List;

/**
 * One CLI command: its name, option spec (see {@link ParsedArgs#parse}), how many positional
 * arguments it takes, its usage line (zkCli's), and what it does.
 *
 * @param name what the user types
 * @param spec option letters, {@code :} after a letter that takes a value
 * @param argsMin fewest positional arguments
 * @param argsMax most positional arguments
 * @param usage the usage line printed by {@code help} and on misuse
 * @param needsClient whether the command talks to the server (one-shot mode connects only then)
 * @param handler the implementation
 */
record Command(
    String name,
    String spec,
    int argsMin,
    int argsMax,
    String usage,
    boolean needsClient,
    Handler handler) {

  /** A command's implementation. */
  @FunctionalInterface
  interface Handler {
    /**
     * Runs the command; prints its result on the session's stdout.
     *
     * @throws PaddockException the server's answer, printed in zkCli's words by the caller
     * @throws UsageException a malformed argument the spec could not catch
     * @throws CommandFailed a failure the CLI detected itself
     */
    Status run(CliSession session, ParsedArgs args)
        throws PaddockException, InterruptedException, UsageException, CommandFailed;
  }

  /**
   * Parses the words after the command name and checks the argument count.
   *
   * @throws UsageException if the options or the number of arguments do not fit
   */
  ParsedArgs parse(List<String> words) throws UsageException {
    ParsedArgs args = ParsedArgs.parse(words, spec);
    if (args.count() < argsMin || args.count() > argsMax) {
      throw new UsageException(null);
    }
    return args;
  }
}
