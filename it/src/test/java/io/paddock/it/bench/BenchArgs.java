package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} command line every benchmark takes, plus {@code --zookeeper-only} and
 * {@code --servers zookeeper,paddock}. Each benchmark's options record reads its values from here
 * with a default and a range, so a typo or an out-of-range value stops the run with the usage line
 * instead of measuring something else.
 */
final class BenchArgs {
  private final String usage;
  private final Map<String, String> values;
  private final List<ServerKind> servers;

  private BenchArgs(String usage, Map<String, String> values, List<ServerKind> servers) {
    this.usage = usage;
    this.values = values;
    this.servers = servers;
  }

  /**
   * Parses {@code args}; only the option names in {@code known} (without the dashes) and the server
   * choice are accepted. Blank arguments are skipped: Maven passes an empty {@code bench.args}.
   */
  static BenchArgs parse(String usage, Set<String> known, String... args) {
    Map<String, String> values = new HashMap<>();
    List<ServerKind> servers = List.of(ServerKind.ZOOKEEPER, ServerKind.PADDOCK);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isBlank()) {
        continue;
      }
      if (arg.equals("--zookeeper-only")) {
        servers = List.of(ServerKind.ZOOKEEPER);
        continue;
      }
      String name = arg.startsWith("--") ? arg.substring(2) : "";
      if (!name.equals("servers") && !known.contains(name)) {
        throw new IllegalArgumentException("unknown option " + arg + "\n" + usage);
      }
      check(i + 1 < args.length, "missing value after " + arg + "\n" + usage);
      String value = args[++i];
      if (name.equals("servers")) {
        servers = parseServers(value);
      } else {
        values.put(name, value);
      }
    }
    check(!servers.isEmpty(), "no servers\n" + usage);
    return new BenchArgs(usage, values, List.copyOf(servers));
  }

  List<ServerKind> servers() {
    return servers;
  }

  /** The value of {@code --name}, or {@code defaultValue}; must lie in {@code min..max}. */
  int intValue(String name, int defaultValue, int min, int max) {
    return Math.toIntExact(longValue(name, defaultValue, min, max));
  }

  /** The value of {@code --name}, or {@code defaultValue}; must lie in {@code min..max}. */
  long longValue(String name, long defaultValue, long min, long max) {
    String text = values.get(name);
    long value;
    try {
      value = text == null ? defaultValue : Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a number, not " + text, e);
    }
    check(
        value >= min && value <= max,
        "--" + name + " must be in " + min + ".." + max + ", not " + value + "\n" + usage);
    return value;
  }

  /** The value of {@code --name}, or {@code defaultValue}; must be one of {@code allowed}. */
  String choice(String name, String defaultValue, Set<String> allowed) {
    String value = values.getOrDefault(name, defaultValue);
    check(allowed.contains(value), "--" + name + " is one of " + allowed + "\n" + usage);
    return value;
  }

  private static List<ServerKind> parseServers(String value) {
    List<ServerKind> kinds = new ArrayList<>();
    for (String name : value.split(",", -1)) {
      if (name.isBlank()) {
        continue;
      }
      kinds.add(ServerKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
    }
    return kinds;
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
