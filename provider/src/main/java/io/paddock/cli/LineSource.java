package io.paddock.cli;

import java.io.IOException;
import java.io.PrintStream;

/** Where an interactive session's lines come from: plain stdin, or a JLine terminal. */
public interface LineSource extends AutoCloseable {
  /**
   * The next line, or null at the end of input.
   *
   * @param prompt shown first where the source shows prompts (a terminal), else ignored
   * @throws IOException if reading fails
   */
  String readLine(String prompt) throws IOException;

  /** Whether the source offers line editing, history keys and completion (JLine). */
  boolean lineEditing();

  /**
   * Prints output that arrives while the user may be typing (watch events) without garbling the
   * line being edited; plain sources just print it to {@code fallback}.
   */
  default void printAsync(String text, PrintStream fallback) {
    fallback.print(text);
    fallback.flush();
  }

  @Override
  default void close() throws IOException {}
}
