package io.paddock.config;

/**
 * Something in a configuration file that was ignored, for the caller to log.
 *
 * @param source the file name as given to the loader
 * @param line 1-based line number; 0 when no single line is at fault (then key and value are "")
 * @param key the key as written
 * @param value the value as written
 * @param reason why it was ignored
 */
public record ConfigWarning(String source, int line, String key, String value, String reason) {
  /** {@code source:line: key=value: reason}, the same shape as errors. */
  @Override
  public String toString() {
    if (line <= 0) {
      return source + ": " + reason;
    }
    return source + ":" + line + ": " + key + "=" + value + ": " + reason;
  }
}
