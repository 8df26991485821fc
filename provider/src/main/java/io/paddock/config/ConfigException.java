package io.paddock.config;

import java.util.List;

/**
 * Invalid configuration. Carries every problem found, not just the first, each one line naming
 * where it was found, the key, the value and the reason, e.g. {@code zoo.cfg:3: clientPort=abc: not
 * an integer}. The message is those lines joined by newlines.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Problems, in file order; immutable. */
  private final List<String> problems;

  /**
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, one line each. */
  public List<String> problems() {
    return problems;
  }
}
