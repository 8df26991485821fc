package io.paddock.embedded;

import io.paddock.config.ConfigException;
import io.paddock.config.ConfigKeys;
import io.paddock.config.ConfigWarning;
import io.paddock.config.ServerConfig;
import io.paddock.config.ZooCfg;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Turns a flat map of zoo.cfg keys into a {@link ServerConfig}, for hosts that hand configuration
 * over as properties: OSGi Config Admin, Spring, MicroProfile Config, a JCA resource adapter.
 *
 * <p>The map goes through the same key registry ({@link ConfigKeys}) and the same parser and
 * validation as a zoo.cfg file, so both accept and reject exactly the same things. Values may be
 * strings (as in a {@code .cfg} file) or typed (a console following the metatype): numbers and
 * booleans are written as text, arrays and collections joined with commas (as {@code
 * 4lw.commands.whitelist} expects).
 */
public final class ServerProperties {

  /** A server has a few dozen keys; a map far larger than that is a mistake in the host. */
  public static final int PROPERTIES_MAX = 1_000;

  private ServerProperties() {}

  /**
   * A parsed configuration and what was ignored.
   *
   * @param config the configuration
   * @param warnings one line per ignored key, {@code source: key=value: reason}
   */
  public record Parsed(ServerConfig config, List<String> warnings) {
    public Parsed {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Parses {@code properties}; {@code source} names them in messages (e.g. the Config Admin PID).
   * Keys are zoo.cfg keys; unknown ones come back as warnings, never as errors. Null values are
   * treated as absent.
   *
   * @throws ConfigException listing every invalid value as {@code source: key=value: reason}
   * @throws IllegalArgumentException if there are more than {@link #PROPERTIES_MAX} properties
   */
  public static Parsed parse(String source, Map<String, ?> properties) {
    if (properties.size() > PROPERTIES_MAX) {
      throw new IllegalArgumentException(
          source + ": " + properties.size() + " properties, more than " + PROPERTIES_MAX);
    }
    // Sorted, so the same map always gives the same messages in the same order.
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, ?> e : new TreeMap<String, Object>(properties).entrySet()) {
      if (e.getValue() != null) {
        text.append(escape(e.getKey(), true))
            .append('=')
            .append(escape(asText(e.getValue()), false))
            .append('\n');
      }
    }
    String prefix = source + ":";
    ZooCfg.Loaded loaded;
    try {
      loaded = ZooCfg.parse(source, text.toString());
    } catch (ConfigException e) {
      // ZooCfg names lines of the text made up above: meaningless here, so drop them.
      List<String> problems = new ArrayList<>();
      for (String p : e.problems()) {
        problems.add(withoutLine(prefix, p));
      }
      throw new ConfigException(problems);
    }
    List<String> warnings = new ArrayList<>();
    for (ConfigWarning w : loaded.warnings()) {
      warnings.add(
          w.line() <= 0
              ? source + ": " + w.reason()
              : source + ": " + w.key() + "=" + w.value() + ": " + w.reason());
    }
    return new Parsed(loaded.config(), warnings);
  }

  /** A property value as zoo.cfg text. */
  static String asText(Object value) {
    if (value.getClass().isArray()) {
      StringJoiner joined = new StringJoiner(",");
      for (int i = 0; i < Array.getLength(value); i++) {
        joined.add(String.valueOf(Array.get(value, i)));
      }
      return joined.toString();
    }
    if (value instanceof Collection<?> values) {
      StringJoiner joined = new StringJoiner(",");
      values.forEach(v -> joined.add(String.valueOf(v)));
      return joined.toString();
    }
    return String.valueOf(value);
  }

  /** Escapes text for properties syntax, so any key or value survives the round trip. */
  static String escape(String s, boolean key) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', ' ', '#', '!' -> {
          if (key) {
            out.append('\\');
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String withoutLine(String prefix, String problem) {
    if (!problem.startsWith(prefix)) {
      return problem;
    }
    int end = prefix.length();
    while (end < problem.length() && Character.isDigit(problem.charAt(end))) {
      end++;
    }
    boolean numbered = end > prefix.length() && problem.startsWith(":", end);
    return numbered ? prefix + problem.substring(end + 1) : problem;
  }
}
