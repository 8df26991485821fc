package io.paddock.cli;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Lines from a reader, for piped input (and a terminal JLine cannot open). Shows no prompts, so
 * piped input gets clean output, like zkCli's.
 */
public final class PlainLineSource implements LineSource {
  private final BufferedReader reader;

  /** A source reading {@code reader}. */
  public PlainLineSource(BufferedReader reader) {
    this.reader = reader;
  }

  @Override
  public String readLine(String prompt) throws IOException {
    return boundedLine();
  }

  /**
   * Like {@link BufferedReader#readLine()}, but keeps at most one character more than {@link
   * Tokenizer#LINE_CHARS_MAX} of an over-long line (the rest is skipped), so endless input without
   * a newline cannot exhaust memory; the tokenizer then reports the line as too long.
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
