package io.paddock.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The numbered command history behind {@code history} and {@code redo}: every non-blank line read
 * gets the next number, starting at 0 (zkCli's numbering, also shown in the prompt). Only the last
 * {@link #ENTRIES_MAX} lines are kept; older numbers can no longer be redone.
 */
final class History {
  /** Lines kept; a long-running session must not grow without bound. */
  static final int ENTRIES_MAX = 1_000;

  /** How many lines {@code history} lists, as zkCli does: the last ten plus the current one. */
  static final int LISTED = 11;

  /** One remembered line. */
  record Entry(int number, String line) {}

  private final Deque<Entry> entries = new ArrayDeque<>();
  private int next;

  /** The number the next line will get. */
  int nextNumber() {
    return next;
  }

  /** Records {@code line} and returns its number. */
  int add(String line) {
    if (entries.size() == ENTRIES_MAX) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(next, line));
    return next++;
  }

  /** Replaces the text of the most recent entry, which must be {@code number}. */
  void replaceLast(int number, String line) {
    Entry last = entries.peekLast();
    if (last == null || last.number() != number) {
      throw new IllegalStateException(
          "can only replace the latest history entry " + last + ", not " + number);
    }
    entries.removeLast();
    entries.addLast(new Entry(number, line));
  }

  /** The line numbered {@code number}, or null if it is unknown or no longer kept. */
  String get(int number) {
    for (Entry e : entries) {
      if (e.number() == number) {
        return e.line();
      }
    }
    return null;
  }

  /** The last {@link #LISTED} entries, oldest first. */
  List<Entry> recent() {
    List<Entry> all = new ArrayList<>(entries);
    return List.copyOf(all.subList(Math.max(0, all.size() - LISTED), all.size()));
  }
}
