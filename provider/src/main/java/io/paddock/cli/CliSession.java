package io.paddock.cli;

import io.paddock.api.ClientConfig;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One CLI session: a client connection, the history, and the output streams. The testable core of
 * the CLI: everything it reads and writes goes through the injected streams and {@link LineSource},
 * and it never exits the process ({@link CliMain} does, with the code {@link #runOneShot} returns).
 *
 * <p>Threads: commands run on the caller's thread; watch and connection events are printed from the
 * client's event thread. Each event is printed with one call, so lines never interleave inside an
 * event. Because the client delivers a watch event before the reply of the request that caused it,
 * a {@code set} that fires this session's own watch prints the event before returning.
 */
public final class CliSession implements AutoCloseable {
  /** Waits at most this long for completion candidates, so TAB never hangs the prompt. */
  static final long COMPLETION_WAIT_MS = 2_000;

  /** At most this many completion candidates are fetched from one node. */
  static final int COMPLETION_CANDIDATES_MAX = 1_000;

  /**
   * What a session needs to connect.
   *
   * @param connectString the ensemble, as for {@link ClientConfig}
   * @param sessionTimeoutMs the requested session timeout; also how long to wait for a connection
   * @param readOnly whether a read-only server is acceptable
   * @param zone the time zone for {@code ctime}/{@code mtime}
   * @param connector starts a client; {@link PaddockClients#connect} outside tests
   */
  public record Settings(
      String connectString,
      int sessionTimeoutMs,
      boolean readOnly,
      ZoneId zone,
      Function<ClientConfig, PaddockClient> connector) {
    public Settings {
      Objects.requireNonNull(connectString, "connectString");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(connector, "connector");
    }

    /** Settings with the system time zone and the class-path client. */
    public static Settings of(String connectString, int sessionTimeoutMs, boolean readOnly) {
      return new Settings(
          connectString,
          sessionTimeoutMs,
          readOnly,
          ZoneId.systemDefault(),
          PaddockClients::connect);
    }
  }

  private final Settings settings;
  private final PrintStream out;
  private final PrintStream err;
  private final History history = new History();

  /**
   * The one watcher every {@code -w} and {@code addWatch} leaves. One instance, not a new lambda
   * per command, so that a change matching several of this session's watches prints once, as
   * zkCli's single watcher object does.
   */
  private final Watcher printingWatcher = this::printEvent;

  private volatile String connectString;
  private volatile PaddockClient client;
  private volatile boolean printWatches = true;
  private volatile boolean oneShot;
  private volatile boolean quietConnectionEvents;
  private volatile LineSource lineSource;
  private boolean quitRequested;

  /** A session that will connect to {@code settings.connectString()} when run. */
  public CliSession(Settings settings, PrintStream out, PrintStream err) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.connectString = settings.connectString();
  }

  // ---- the two modes ------------------------------------------------------------------------

  /**
   * Runs one command (the words as the shell split them) and returns the exit code: 0 on success, 1
   * if it failed, 2 for a usage error. Prints no banner and no connection events, so the output is
   * just the command's result.
   */
  public int runOneShot(List<String> words) throws InterruptedException {
    oneShot = true;
    quietConnectionEvents = true;
    try {
      return executeWords(words).exitCode();
    } finally {
      close();
    }
  }

  /**
   * Reads commands from {@code source} until it ends or {@code quit}, printing results as it goes.
   * Returns 0, as zkCli does: the outcome of each command is in the output.
   *
   * @throws IOException if reading the input fails
   */
  public int runInteractive(LineSource source) throws IOException, InterruptedException {
    lineSource = source;
    try {
      out.println("Connecting to " + connectString);
      out.println("Welcome to Paddock!");
      out.println("JLine support is " + (source.lineEditing() ? "enabled" : "disabled"));
      connect(connectString);
      while (!quitRequested) {
        String line = source.readLine(prompt());
        if (line == null) {
          break;
        }
        executeLine(line);
      }
      return 0;
    } finally {
      // Leaving is not news: zkCli exits without printing the Closed event, and so do we.
      quietConnectionEvents = true;
      close();
      lineSource = null;
    }
  }

  // ---- executing lines ----------------------------------------------------------------------

  /**
   * Runs one typed line: records it in the history (unless blank or a {@code #} comment), handles
   * {@code redo}, and runs the command.
   */
  Status executeLine(String rawLine) throws InterruptedException {
    String line = rawLine.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return Status.OK;
    }
    int number = history.add(line);
    List<String> words;
    try {
      words = Tokenizer.split(line);
      if (words.get(0).equals("redo")) {
        String redone = redoLine(words);
        history.replaceLast(number, redone);
        words = Tokenizer.split(redone);
      }
    } catch (UsageException e) {
      err.println(e.getMessage());
      return Status.USAGE;
    } catch (CommandFailed e) {
      err.println(e.getMessage());
      return Status.FAILED;
    }
    return executeWords(words);
  }

  private String redoLine(List<String> words) throws UsageException, CommandFailed {
    if (words.size() != 2) {
      throw new UsageException("redo cmdno");
    }
    int target = ParsedArgs.parseInt(words.get(1), "redo");
    String line = target < history.nextNumber() - 1 ? history.get(target) : null;
    if (line == null) {
      throw new CommandFailed("Command index out of range");
    }
    return line;
  }

  /** Runs a command given as words; prints the result or the error. */
  Status executeWords(List<String> words) throws InterruptedException {
    if (words.isEmpty()) {
      return Status.OK;
    }
    Command command = CommandTable.find(words.get(0));
    if (command == null) {
      err.println("Command not found: " + words.get(0));
      err.println("Type 'help' to list the commands.");
      return Status.USAGE;
    }
    String path = null;
    try {
      ParsedArgs args = command.parse(words.subList(1, words.size()));
      path = args.arg(0, null);
      if (oneShot && command.needsClient() && client == null && !connect(connectString)) {
        throw new CommandFailed(
            "Unable to connect to "
                + connectString
                + " within "
                + settings.sessionTimeoutMs()
                + " ms");
      }
      return command.handler().run(this, args);
    } catch (UsageException e) {
      if (e.getMessage() != null) {
        err.println(e.getMessage());
      }
      err.println(command.usage());
      return Status.USAGE;
    } catch (PaddockException e) {
      err.println(ErrorText.of(e, path));
      return Status.FAILED;
    } catch (CommandFailed e) {
      err.println(e.getMessage());
      return Status.FAILED;
    } catch (IllegalArgumentException e) {
      // The client rejects malformed input (for example a bad connect string) this way.
      err.println(e.getMessage());
      return Status.FAILED;
    }
  }

  // ---- connection ---------------------------------------------------------------------------

  /**
   * Closes the current client, if any, and starts one for {@code target}; waits up to the session
   * timeout for the connection so that the connection event is printed before the next command's
   * output. Connecting in the background goes on if the wait times out.
   *
   * @return whether the connection was made within the wait
   */
  boolean connect(String target) throws InterruptedException {
    closeClient();
    connectString = target;
    CountDownLatch connected = new CountDownLatch(1);
    ClientConfig config =
        ClientConfig.builder(target)
            .sessionTimeoutMs(settings.sessionTimeoutMs())
            .canBeReadOnly(settings.readOnly())
            .defaultWatcher(event -> onConnectionEvent(event, connected))
            .build();
    client = settings.connector().apply(config);
    if (connected.await(settings.sessionTimeoutMs(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    if (!oneShot) {
      err.println(
          "Not connected to " + target + " after " + settings.sessionTimeoutMs() + " ms; retrying");
    }
    return false;
  }

  private void onConnectionEvent(WatchedEvent event, CountDownLatch connected) {
    if (!quietConnectionEvents) {
      printEvent(event);
    }
    if (event.state() == KeeperState.SYNC_CONNECTED
        || event.state() == KeeperState.CONNECTED_READ_ONLY) {
      connected.countDown();
    }
  }

  /** The connected client. */
  PaddockClient client() throws CommandFailed {
    PaddockClient c = client;
    if (c == null) {
      throw new CommandFailed("Not connected");
    }
    return c;
  }

  /** Ends the session's connection; the prompt then says CLOSED. */
  void closeClient() {
    PaddockClient c = client;
    client = null;
    if (c != null) {
      c.close();
    }
  }

  /** Asks the interactive loop to stop after this command. */
  void requestQuit() {
    quitRequested = true;
  }

  /** The connect string of the current or last connection. */
  String connectString() {
    return connectString;
  }

  @Override
  public void close() {
    closeClient();
  }

  /** zkCli's prompt: {@code [paddock: host:port(CONNECTED) 3] }. */
  String prompt() {
    return "[paddock: " + connectString + "(" + stateName() + ") " + history.nextNumber() + "] ";
  }

  private String stateName() {
    PaddockClient c = client;
    if (c == null) {
      return "CLOSED";
    }
    return switch (c.state()) {
      case SYNC_CONNECTED, SASL_AUTHENTICATED -> "CONNECTED";
      case CONNECTED_READ_ONLY -> "CONNECTEDREADONLY";
      case DISCONNECTED -> "CONNECTING";
      case AUTH_FAILED -> "AUTH_FAILED";
      case EXPIRED, CLOSED -> "CLOSED";
    };
  }

  // ---- output -------------------------------------------------------------------------------

  /** Prints {@code text} and a newline on stdout. */
  void println(String text) {
    out.println(text);
  }

  /** Prints {@code text} as is (it ends in its own newline) on stdout. */
  void print(String text) {
    out.print(text);
    out.flush();
  }

  /** Prints an error line on stderr. */
  void printError(String text) {
    err.println(text);
  }

  /** The time zone for dates in stat output. */
  ZoneId zone() {
    return settings.zone();
  }

  /** The history, for {@code history}. */
  History history() {
    return history;
  }

  /** Whether watch events are printed. */
  boolean printWatches() {
    return printWatches;
  }

  /** Turns printing of watch events on or off. */
  void setPrintWatches(boolean on) {
    printWatches = on;
  }

  /** The watcher that commands with {@code -w} leave: it prints each event zkCli's way. */
  Watcher watcher() {
    return printingWatcher;
  }

  private void printEvent(WatchedEvent event) {
    if (!printWatches) {
      return;
    }
    String text = WatchCommands.eventText(event);
    LineSource source = lineSource;
    if (source != null) {
      source.printAsync(text, out);
    } else {
      out.print(text);
      out.flush();
    }
  }

  // ---- completion ---------------------------------------------------------------------------

  /**
   * The sorted child names of {@code path} for tab completion; empty if not connected, the node is
   * missing or the server does not answer within {@link #COMPLETION_WAIT_MS}.
   */
  List<String> childrenForCompletion(String path) {
    PaddockClient c = client;
    if (c == null) {
      return List.of();
    }
    try {
      List<String> names =
          new ArrayList<>(
              c.getChildrenAsync(path, null)
                  .toCompletableFuture()
                  .get(COMPLETION_WAIT_MS, TimeUnit.MILLISECONDS)
                  .names());
      Collections.sort(names);
      return List.copyOf(names.subList(0, Math.min(names.size(), COMPLETION_CANDIDATES_MAX)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      return List.of();
    }
  }
}
