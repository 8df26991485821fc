package io.paddock.admin;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A writer for the Prometheus text exposition format (version 0.0.4): each family once, with its
 * {@code # HELP} and {@code # TYPE} lines, then its samples. Escapes help text and label values as
 * the format requires, and rejects names it does not allow, so the page always parses.
 */
final class PrometheusText {
  /** The content type Prometheus expects for this format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final StringBuilder out = new StringBuilder(4096);

  /** Starts a family: {@code type} is counter, gauge or histogram. */
  PrometheusText family(String name, String type, String help) {
    checkName(NAME, name);
    out.append("# HELP ").append(name).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    out.append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A sample without labels. */
  PrometheusText sample(String name, long value) {
    checkName(NAME, name);
    out.append(name).append(' ').append(value).append('\n');
    return this;
  }

  /** A sample with labels given as name, value, name, value... */
  PrometheusText sample(String name, String value, String... labels) {
    checkName(NAME, name);
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs: " + labels.length);
    }
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        checkName(LABEL, labels[i]);
        out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
        escapeLabelValue(labels[i + 1]);
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ').append(value).append('\n');
    return this;
  }

  private void escapeLabelValue(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** Milliseconds as a plain decimal number of seconds: 1 gives {@code 0.001}, 2000 gives 2. */
  static String seconds(long ms) {
    return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
  }

  private static void checkName(Pattern pattern, String name) {
    if (!pattern.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid Prometheus name: " + name);
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
