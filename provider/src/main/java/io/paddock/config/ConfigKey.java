package io.paddock.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One configuration key: its name in zoo.cfg, value type, default, unit and documentation, plus how
 * to parse it from text and which values are valid. Keys are declared once, in {@link ConfigKeys}.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {

  private final String name;
  private final Class<T> type;
  private final T defaultValue; // null: no default (required or optional, see the doc)
  private final String unit;
  private final String doc;
  private final Function<String, T> parser; // throws IllegalArgumentException(reason)
  private final Function<T, String> check; // returns a reason, or null when valid

  private ConfigKey(
      String name,
      Class<T> type,
      T defaultValue,
      String unit,
      String doc,
      Function<String, T> parser,
      Function<T, String> check) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.defaultValue = defaultValue;
    this.unit = Objects.requireNonNull(unit, "unit");
    this.doc = Objects.requireNonNull(doc, "doc");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.check = Objects.requireNonNull(check, "check");
    if (defaultValue != null && check.apply(defaultValue) != null) {
      throw new IllegalArgumentException(
          name + ": default " + defaultValue + " is invalid: " + check.apply(defaultValue));
    }
  }

  /** A key of any type. {@code check} returns a reason when a value is invalid, else null. */
  static <T> ConfigKey<T> of(
      String name,
      Class<T> type,
      T defaultValue,
      String unit,
      String doc,
      Function<String, T> parser,
      Function<T, String> check) {
    return new ConfigKey<>(name, type, defaultValue, unit, doc, parser, check);
  }

  /** An int key valid in [min, max]. */
  static ConfigKey<Integer> ofInt(
      String name, Integer defaultValue, int min, int max, String unit, String doc) {
    return of(
        name,
        Integer.class,
        defaultValue,
        unit,
        doc,
        raw -> {
          try {
            return Integer.parseInt(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer", e);
          }
        },
        v -> v < min || v > max ? rangeReason(min, max, Integer.MAX_VALUE) : null);
  }

  /** A long key valid in [min, max]. */
  static ConfigKey<Long> ofLong(
      String name, Long defaultValue, long min, long max, String unit, String doc) {
    return of(
        name,
        Long.class,
        defaultValue,
        unit,
        doc,
        raw -> {
          try {
            return Long.parseLong(raw);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer", e);
          }
        },
        v -> v < min || v > max ? rangeReason(min, max, Long.MAX_VALUE) : null);
  }

  /**
   * A boolean key: {@code true} or {@code false} in any case. Strict, unlike {@link
   * Boolean#parseBoolean}: a typo such as {@code ture} must not silently mean false.
   */
  static ConfigKey<Boolean> ofBoolean(String name, Boolean defaultValue, String doc) {
    return of(
        name,
        Boolean.class,
        defaultValue,
        "",
        doc,
        raw -> {
          String v = raw.trim();
          if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.valueOf(v);
          }
          throw new IllegalArgumentException("must be true or false");
        },
        v -> null);
  }

  /** A filesystem path key; never touches the filesystem. */
  static ConfigKey<Path> ofPath(String name, String doc) {
    return of(
        name,
        Path.class,
        null,
        "path",
        doc,
        raw -> {
          if (raw.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
          }
          try {
            return Path.of(raw);
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path (" + e.getReason() + ")", e);
          }
        },
        p -> p.toString().isEmpty() ? "must not be empty" : null);
  }

  /** A string key. */
  static ConfigKey<String> ofString(
      String name, String defaultValue, String doc, Function<String, String> check) {
    return of(name, String.class, defaultValue, "", doc, raw -> raw, check);
  }

  private static String rangeReason(long min, long max, long top) {
    return max == top ? "must be >= " + min : "must be between " + min + " and " + max;
  }

  /** The name, as written in zoo.cfg. */
  public String name() {
    return name;
  }

  /** The value type. */
  public Class<T> type() {
    return type;
  }

  /** The default, if the key has one. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** The unit ("ms", "bytes", ...), or "" where none applies. */
  public String unit() {
    return unit;
  }

  /** What the key does. */
  public String doc() {
    return doc;
  }

  /**
   * Parses text from a file.
   *
   * @throws IllegalArgumentException whose message is the reason, e.g. "not an integer"
   */
  T parse(String raw) {
    return parser.apply(raw);
  }

  /** Why {@code value} is invalid for this key, or null if it is valid. */
  String problemWith(T value) {
    return check.apply(value);
  }

  /** Casts a value stored under this key. */
  T cast(Object value) {
    return type.cast(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
