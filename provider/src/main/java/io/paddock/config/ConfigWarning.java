package io.paddock.config;

/**
 * Something in a configuration file that was ignored, for the caller to log.
 *
 * @param source the file name as given to the loader
 * @param line 1-based line number
 * @param key the key as written
 * @param value the value as written
 * @param reason why it was ignored
 */
public record ConfigWarning(String source, int line, String key, String value, String reason) {
  /** {@code source:line: key=value: reason}, the same shape as errors. */
  @Override
  public String toString() {
    return source + ":" + line + ": " + key + "=" + value + ": " + reason;
  }
}
