package io.paddock.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which four-letter-word commands the server answers ({@code 4lw.commands.whitelist}).
 *
 * <p>Default: {@value #DEFAULT_TEXT}. ZooKeeper enables only {@code srvr}; we are loopback-first,
 * so we also enable the cheap health and metrics probes that monitoring tools expect ({@code ruok},
 * {@code mntr}, {@code isro}, {@code wchs}). Commands that reveal client addresses or the
 * environment ({@code cons}, {@code stat}, {@code conf}, {@code envi}, {@code dump}), reset
 * counters ({@code crst}, {@code srst}) or cost O(watches) ({@code wchc}, {@code wchp}) stay off
 * until listed. {@code *} enables all.
 *
 * @param enabled the enabled commands, lower case
 */
public record FourLetterWords(Set<String> enabled) {

  /** Every command ZooKeeper 3.9 knows. */
  public static final Set<String> KNOWN =
      Set.of(
          "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro", "mntr", "ruok",
          "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

  /** The default list, as it would be written in zoo.cfg. */
  public static final String DEFAULT_TEXT = "srvr,ruok,mntr,isro,wchs";

  /** The default set. */
  public static final FourLetterWords DEFAULT = parse(DEFAULT_TEXT);

  /** Every known command ({@code *}). */
  public static final FourLetterWords ALL = new FourLetterWords(KNOWN);

  public FourLetterWords {
    enabled = Set.copyOf(enabled);
    for (String cmd : enabled) {
      if (!KNOWN.contains(cmd)) {
        throw new IllegalArgumentException("unknown four-letter word '" + cmd + "'");
      }
    }
  }

  /**
   * Parses a comma-separated list (spaces allowed, case ignored) or {@code *}.
   *
   * @throws IllegalArgumentException naming the first unknown command and the known ones
   */
  public static FourLetterWords parse(String text) {
    if (text.trim().equals("*")) {
      return ALL;
    }
    Set<String> out = new TreeSet<>();
    for (String part : text.split(",", -1)) {
      String cmd = part.trim().toLowerCase(Locale.ROOT);
      if (cmd.isEmpty()) {
        continue;
      }
      if (!KNOWN.contains(cmd)) {
        throw new IllegalArgumentException(
            "unknown four-letter word '" + cmd + "' (known: " + String.join(",", sorted()) + ")");
      }
      out.add(cmd);
    }
    return new FourLetterWords(out);
  }

  /** Whether {@code command} may run. */
  public boolean isEnabled(String command) {
    return enabled.contains(command);
  }

  /** The list as zoo.cfg would spell it: sorted, comma-separated, or {@code *} for all. */
  @Override
  public String toString() {
    if (enabled.equals(KNOWN)) {
      return "*";
    }
    return String.join(",", new TreeSet<>(enabled));
  }

  private static String[] sorted() {
    String[] all = KNOWN.toArray(new String[0]);
    Arrays.sort(all);
    return all;
  }
}
