package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link ReadBenchmark}, each with its default and a limit.
 *
 * @param servers which servers to run, in order
 * @param sessions client sessions (one ZooKeeper client each) of the main load
 * @param inFlightPerSession async requests kept outstanding per session in the main load
 * @param valueBytes data size of every prepared node
 * @param groups parent nodes under /bench (getChildren targets)
 * @param childrenPerGroup data nodes per group (getData/exists targets)
 * @param warmupSeconds load before measuring, per variant and server
 * @param measureSeconds measured window, per variant and server
 * @param seed seed of the per-session operation choice
 */
record BenchOptions(
    List<ServerKind> servers,
    int sessions,
    int inFlightPerSession,
    int valueBytes,
    int groups,
    int childrenPerGroup,
    int warmupSeconds,
    int measureSeconds,
    long seed) {

  static final String USAGE =
      "ReadBenchmark [--zookeeper-only | --servers zookeeper,paddock] [--sessions 8]"
          + " [--in-flight 64] [--value-bytes 100] [--groups 100] [--children 10]"
          + " [--warmup-s 10] [--measure-s 20] [--seed 42]";

  BenchOptions {
    servers = List.copyOf(servers);
    check(!servers.isEmpty(), "no servers");
    check(sessions >= 1 && sessions <= 256, "sessions 1..256");
    check(inFlightPerSession >= 1 && inFlightPerSession <= 4096, "in-flight 1..4096");
    check(valueBytes >= 0 && valueBytes <= 512 * 1024, "value-bytes 0..524288");
    check(groups >= 1 && groups <= 10_000, "groups 1..10000");
    check(childrenPerGroup >= 1 && childrenPerGroup <= 1000, "children 1..1000");
    check(warmupSeconds >= 0 && warmupSeconds <= 3600, "warmup-s 0..3600");
    check(measureSeconds >= 1 && measureSeconds <= 3600, "measure-s 1..3600");
  }

  static BenchOptions parse(String... args) {
    List<ServerKind> servers = List.of(ServerKind.ZOOKEEPER, ServerKind.PADDOCK);
    int sessions = 8;
    int inFlight = 64;
    int valueBytes = 100;
    int groups = 100;
    int children = 10;
    int warmup = 10;
    int measure = 20;
    long seed = 42;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isBlank()) {
        continue;
      }
      if (arg.equals("--zookeeper-only")) {
        servers = List.of(ServerKind.ZOOKEEPER);
        continue;
      }
      check(i + 1 < args.length, "missing value after " + arg + "\n" + USAGE);
      String value = args[++i];
      switch (arg) {
        case "--servers" -> servers = parseServers(value);
        case "--sessions" -> sessions = Integer.parseInt(value);
        case "--in-flight" -> inFlight = Integer.parseInt(value);
        case "--value-bytes" -> valueBytes = Integer.parseInt(value);
        case "--groups" -> groups = Integer.parseInt(value);
        case "--children" -> children = Integer.parseInt(value);
        case "--warmup-s" -> warmup = Integer.parseInt(value);
        case "--measure-s" -> measure = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    return new BenchOptions(
        servers, sessions, inFlight, valueBytes, groups, children, warmup, measure, seed);
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

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
