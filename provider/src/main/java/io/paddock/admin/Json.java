package io.paddock.admin;

import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer (RFC 8259) for the admin server's answers: maps (keys in iteration order),
 * iterables, strings, numbers, booleans and null, pretty-printed with two-space indents as
 * ZooKeeper's admin server does. Written here because no JSON library is on the allowed list, and
 * the admin server only ever writes JSON, never reads it.
 *
 * <p>Strings are escaped so the output is always valid JSON whatever they hold: quotes, backslash
 * and control characters, plus lone surrogates (which UTF-8 cannot encode) as {@code \}{@code
 * uXXXX}. Non-finite doubles become {@code null}, since JSON has no NaN or Infinity.
 */
public final class Json {
  /** Nesting beyond this is a bug (or a cycle) in the caller, never real admin data. */
  static final int DEPTH_MAX = 32;

  private Json() {}

  /**
   * The JSON text of {@code value}.
   *
   * @throws IllegalArgumentException for a value of another type, a map key that is not a string,
   *     or nesting deeper than {@value #DEPTH_MAX}
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, 0, 0);
    return out.append('\n').toString();
  }

  /** {@code depth} counts nesting (for the limit); {@code level} is the indent, as Jackson does. */
  private static void write(StringBuilder out, Object value, int depth, int level) {
    if (depth > DEPTH_MAX) {
      throw new IllegalArgumentException("JSON nesting deeper than " + DEPTH_MAX);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      out.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Map<?, ?> map) {
      object(out, map, depth, level);
    } else if (value instanceof Iterable<?> items) {
      array(out, items, depth, level);
    } else {
      throw new IllegalArgumentException("cannot write a " + value.getClass().getName());
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map, int depth, int level) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
      }
      out.append(first ? "\n" : ",\n");
      first = false;
      indent(out, level + 1);
      string(out, key);
      out.append(" : ");
      write(out, e.getValue(), depth + 1, level + 1);
    }
    out.append('\n');
    indent(out, level);
    out.append('}');
  }

  private static void array(StringBuilder out, Iterable<?> items, int depth, int level) {
    Iterator<?> it = items.iterator();
    if (!it.hasNext()) {
      out.append("[]");
      return;
    }
    out.append("[ ");
    boolean first = true;
    while (it.hasNext()) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      write(out, it.next(), depth + 1, level); // elements keep the array's indent
    }
    out.append(" ]");
  }

  private static void indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  /** Appends {@code s} as a JSON string literal. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(s, i)) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** True if the char at {@code i} is half of a surrogate pair whose other half is missing. */
  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    String hex = Integer.toHexString(c);
    out.append("\\u");
    for (int pad = hex.length(); pad < 4; pad++) {
      out.append('0');
    }
    out.append(hex);
  }
}
