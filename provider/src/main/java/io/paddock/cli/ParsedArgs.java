package io.paddock.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's words after its name, split into options and positional arguments the way zkCli's
 * parser does: options may appear anywhere ({@code set /a data -v 3}), flags may be bundled ({@code
 * -sw}), a valued option takes the next word or the rest of its own ({@code -v 3}, {@code -v3}).
 * {@code --} ends the options, and a word like {@code -1} is positional (no option is a digit), so
 * {@code set /counter -1} works.
 *
 * @param options the options seen, each mapped to its value ({@code ""} for a flag)
 * @param positional the remaining words, in order
 */
record ParsedArgs(Map<Character, String> options, List<String> positional) {
  ParsedArgs {
    options = Map.copyOf(options);
    positional = List.copyOf(positional);
  }

  /**
   * Parses {@code words} against {@code spec}: one letter per option, a letter followed by {@code
   * :} takes a value. Example: {@code "sv:"} for {@code [-s] [-v version]}.
   *
   * @throws UsageException for an option not in the spec or a value missing
   */
  static ParsedArgs parse(List<String> words, String spec) throws UsageException {
    Map<Character, String> options = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (optionsEnded || !looksLikeOption(word)) {
        positional.add(word);
        continue;
      }
      if (word.equals("--")) {
        optionsEnded = true;
        continue;
      }
      for (int j = 1; j < word.length(); j++) {
        char letter = word.charAt(j);
        int at = spec.indexOf(letter);
        if (at < 0 || letter == ':') {
          throw new UsageException("Unrecognized option: -" + letter);
        }
        boolean valued = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
        if (!valued) {
          options.put(letter, "");
          continue;
        }
        String value;
        if (j + 1 < word.length()) {
          value = word.substring(j + 1);
        } else if (i + 1 < words.size()) {
          value = words.get(++i);
        } else {
          throw new UsageException("Missing argument for option: " + letter);
        }
        options.put(letter, value);
        break;
      }
    }
    return new ParsedArgs(options, positional);
  }

  private static boolean looksLikeOption(String word) {
    return word.length() >= 2 && word.charAt(0) == '-' && !Character.isDigit(word.charAt(1));
  }

  /** Whether option {@code letter} was given. */
  boolean has(char letter) {
    return options.containsKey(letter);
  }

  /** The value of option {@code letter}, or null if absent. */
  String value(char letter) {
    return options.get(letter);
  }

  /**
   * The value of option {@code letter} as an int, or {@code fallback} if absent.
   *
   * @throws UsageException if the value is not a decimal int
   */
  int intValue(char letter, int fallback) throws UsageException {
    String v = options.get(letter);
    return v == null ? fallback : parseInt(v, "-" + letter);
  }

  /**
   * The value of option {@code letter} as a long, or {@code fallback} if absent.
   *
   * @throws UsageException if the value is not a decimal long
   */
  long longValue(char letter, long fallback) throws UsageException {
    String v = options.get(letter);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("-" + letter + " expects a number, got: " + v);
    }
  }

  /**
   * {@code text} as an int.
   *
   * @throws UsageException naming {@code what} if it is not a decimal int
   */
  static int parseInt(String text, String what) throws UsageException {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(what + " expects a number, got: " + text);
    }
  }

  /** The number of positional arguments. */
  int count() {
    return positional.size();
  }

  /** Positional argument {@code index}, or {@code fallback} if there are fewer. */
  String arg(int index, String fallback) {
    return index < positional.size() ? positional.get(index) : fallback;
  }
}
