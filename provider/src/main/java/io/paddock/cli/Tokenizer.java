package io.paddock.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as zkCli does: whitespace separates words, and double or single
 * quotes group text containing spaces ({@code set /a "hello world"}); the quotes themselves are
 * dropped, so {@code ""} is an empty word. Quoted and unquoted parts next to each other join into
 * one word, like in a shell. No backslash escapes: data often contains backslashes verbatim.
 */
final class Tokenizer {
  /** The longest line accepted: a little over ZooKeeper's default 1 MiB packet limit. */
  static final int LINE_CHARS_MAX = 1_100_000;

  /** At most this many words per line; no command takes more than a handful. */
  static final int WORDS_MAX = 1_000;

  private Tokenizer() {}

  /**
   * The words of {@code line}.
   *
   * @throws UsageException for an unterminated quote, an over-long line or too many words
   */
  static List<String> split(String line) throws UsageException {
    if (line.length() > LINE_CHARS_MAX) {
      throw new UsageException(
          "line too long: " + line.length() + " characters, at most " + LINE_CHARS_MAX);
    }
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          addWord(words, word);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UsageException("unterminated " + quote + " quote in: " + line);
    }
    if (inWord) {
      addWord(words, word);
    }
    return words;
  }

  private static void addWord(List<String> words, StringBuilder word) throws UsageException {
    if (words.size() >= WORDS_MAX) {
      throw new UsageException("too many words on one line: more than " + WORDS_MAX);
    }
    words.add(word.toString());
    word.setLength(0);
  }
}
