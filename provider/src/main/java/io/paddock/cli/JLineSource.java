package io.paddock.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines from a terminal through JLine: editing, up-arrow history, and TAB completion of command
 * names and znode paths (children fetched from the server as you type). Watch events that arrive
 * while the user is typing are printed above the prompt line, which is then redrawn intact.
 */
final class JLineSource implements LineSource {
  /** Lines JLine keeps for the up-arrow. */
  static final int EDIT_HISTORY_MAX = 1_000;

  private final Terminal terminal;
  private final LineReader reader;

  private JLineSource(Terminal terminal, LineReader reader) {
    this.terminal = terminal;
    this.reader = reader;
  }

  /**
   * Opens the process's terminal, or returns null when stdin and stdout are not both a terminal
   * (piped input, output to a file): then plain line reading without prompts is right. JLine's own
   * check is used because {@code System.console()} answers differently across JDK versions.
   *
   * @throws IOException if the terminal cannot be opened
   */
  static JLineSource openIfTerminal(CliSession session) throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).name("paddock").build();
    if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
      terminal.close();
      return null;
    }
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("paddock")
            .completer(new ZnodeCompleter(session))
            .variable(LineReader.HISTORY_SIZE, EDIT_HISTORY_MAX)
            // '!' is ordinary text in znode data, not a history reference.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .build();
    return new JLineSource(terminal, reader);
  }

  @Override
  public String readLine(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      return ""; // Ctrl-C drops the line being typed, as in a shell.
    } catch (EndOfFileException e) {
      return null; // Ctrl-D
    }
  }

  @Override
  public boolean lineEditing() {
    return true;
  }

  @Override
  public void printAsync(String text, PrintStream fallback) {
    reader.printAbove(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  @Override
  public void close() throws IOException {
    terminal.close();
  }

  /** Completes the first word as a command name and words starting with '/' as znode paths. */
  private static final class ZnodeCompleter implements Completer {
    private final CliSession session;

    ZnodeCompleter(CliSession session) {
      this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
      if (line.wordIndex() == 0) {
        for (String name : CommandTable.names()) {
          candidates.add(new Candidate(name));
        }
        return;
      }
      String word = line.word().substring(0, line.wordCursor());
      if (!word.startsWith("/")) {
        return;
      }
      int slash = word.lastIndexOf('/');
      String dir = word.substring(0, slash + 1);
      String parent = slash == 0 ? "/" : word.substring(0, slash);
      for (String child : session.childrenForCompletion(parent)) {
        // Not "complete": no space is appended, so the user can go on with '/' and TAB again.
        candidates.add(new Candidate(dir + child, child, null, null, null, null, false));
      }
      if (word.length() > 1 && !word.endsWith("/")) {
        // A word naming an existing node also offers its children, so TAB TAB walks down.
        for (String child : session.childrenForCompletion(word)) {
          candidates.add(new Candidate(word + "/" + child, child, null, null, null, null, false));
        }
      }
    }
  }
}
