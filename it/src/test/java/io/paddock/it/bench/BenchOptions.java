package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.List;
import java.util.Set;

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

  private static final Set<String> NAMES =
      Set.of(
          "sessions",
          "in-flight",
          "value-bytes",
          "groups",
          "children",
          "warmup-s",
          "measure-s",
          "seed");

  BenchOptions {
    servers = List.copyOf(servers);
  }

  static BenchOptions parse(String... args) {
    BenchArgs a = BenchArgs.parse(USAGE, NAMES, args);
    return new BenchOptions(
        a.servers(),
        a.intValue("sessions", 8, 1, 256),
        a.intValue("in-flight", 64, 1, 4096),
        a.intValue("value-bytes", 100, 0, 512 * 1024),
        a.intValue("groups", 100, 1, 10_000),
        a.intValue("children", 10, 1, 1000),
        a.intValue("warmup-s", 10, 0, 3600),
        a.intValue("measure-s", 20, 1, 3600),
        a.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** The warm-up and measured window of every variant. */
  LoadRunner.Window window() {
    return new LoadRunner.Window(warmupSeconds, measureSeconds);
  }
}
