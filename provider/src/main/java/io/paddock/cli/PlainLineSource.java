package io.paddock.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Lines from a reader, for piped input and for terminals without JLine. Shows the prompt only when
 * given a stream to show it on (a terminal): piped input gets clean output, like zkCli's.
 */
public final class PlainLineSource implements LineSource {
  private final BufferedReader reader;
  private final PrintStream promptOut;

  /**
   * A source reading {@code reader}.
   *
   * @param promptOut where to show prompts, or null for none (piped input)
   */
  public PlainLineSource(BufferedReader reader, PrintStream promptOut) {
    this.reader = reader;
    this.promptOut = promptOut;
  }

  @Override
  public String readLine(String prompt) throws IOException {
    if (promptOut != null) {
      promptOut.print(prompt);
      promptOut.flush();
    }
    return boundedLine();
  }

  /**
   * Like {@link BufferedReader#readLine()}, but keeps at most one character more than {@link
   * Tokenizer#LINE_CHARS_MAX} of an over-long line (the rest is skipped), so endless input without a
   * newline cannot exhaust memory; the tokenizer then reports the line as too long.
   */
  private String boundedLine() throws IOException {
    StringBuilder line = new StringBuilder();
    int c = reader.read();
    if (c < 0) {
      return null;
    }
    while (c >= 0 && c != '\n') {
      if (line.length() <= Tokenizer.LINE_CHARS_MAX) {
        line.append((char) c);
      }
      c = reader.read();
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  @Override
  public boolean lineEditing() {
    return false;
  }
}
