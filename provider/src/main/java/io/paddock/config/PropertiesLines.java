package io.paddock.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text in Java properties syntax into key/value entries that remember their line number,
 * which {@link java.util.Properties} forgets. Follows the {@code Properties.load} rules: {@code #}
 * and {@code !} comment lines, a key ends at the first unescaped {@code =}, {@code :} or
 * whitespace, a line ending in an odd number of backslashes continues on the next one (leading
 * whitespace dropped), escapes {@code \t \n \r \f \\uXXXX} and {@code \x} → {@code x}. Values are
 * then trimmed at both ends, as ZooKeeper does.
 */
final class PropertiesLines {

  private PropertiesLines() {}

  /**
   * One entry.
   *
   * @param line 1-based line where the entry starts
   * @param key the unescaped key
   * @param value the unescaped, trimmed value
   * @param problem a syntax problem (malformed escape), or null
   */
  record Entry(int line, String key, String value, String problem) {}

  static List<Entry> parse(String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    List<Entry> out = new ArrayList<>();
    int i = 0;
    while (i < lines.length) {
      int start = i;
      String first = stripLeading(lines[i]);
      i++;
      if (first.isEmpty() || first.charAt(0) == '#' || first.charAt(0) == '!') {
        continue;
      }
      StringBuilder logical = new StringBuilder(first);
      while (endsWithOddBackslashes(logical) && i < lines.length) {
        logical.setLength(logical.length() - 1);
        logical.append(stripLeading(lines[i]));
        i++;
      }
      if (endsWithOddBackslashes(logical)) {
        logical.setLength(logical.length() - 1); // a trailing backslash on the last line
      }
      out.add(entry(start + 1, logical.toString()));
    }
    return out;
  }

  private static Entry entry(int line, String logical) {
    int keyEnd = 0;
    while (keyEnd < logical.length()) {
      char c = logical.charAt(keyEnd);
      if (c == '\\') {
        keyEnd += 2;
        continue;
      }
      if (c == '=' || c == ':' || isWhitespace(c)) {
        break;
      }
      keyEnd++;
    }
    keyEnd = Math.min(keyEnd, logical.length());
    int valueStart = keyEnd;
    while (valueStart < logical.length() && isWhitespace(logical.charAt(valueStart))) {
      valueStart++;
    }
    if (valueStart < logical.length()
        && (logical.charAt(valueStart) == '=' || logical.charAt(valueStart) == ':')) {
      valueStart++;
    }
    String[] problem = new String[1];
    String key = unescape(logical.substring(0, keyEnd), problem);
    String value = unescape(logical.substring(valueStart), problem).strip();
    return new Entry(line, key, value, problem[0]);
  }

  private static String unescape(String s, String[] problem) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 'f' -> out.append('\f');
        case 'u' -> {
          String hex = s.substring(i + 1, Math.min(i + 5, s.length()));
          if (hex.length() == 4 && hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
            out.append((char) Integer.parseInt(hex, 16));
            i += 4;
          } else {
            problem[0] = "malformed \\uXXXX escape";
            out.append("\\u");
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  private static boolean endsWithOddBackslashes(CharSequence s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && isWhitespace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }
}
