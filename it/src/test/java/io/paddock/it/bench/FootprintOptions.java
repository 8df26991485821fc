package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link FootprintBenchmark}, each with its default and a limit.
 *
 * @param servers which servers to run, in order
 * @param nodes znodes to create (besides their parents)
 * @param valueBytes data size of every znode (seeded random bytes)
 * @param childrenPerGroup znodes per parent
 * @param sessions sessions creating in parallel while loading
 * @param inFlightPerSession creates outstanding per session while loading
 * @param snapCount transactions between snapshots, for both servers
 * @param restarts timed restarts per server
 * @param seed seed of the values
 */
record FootprintOptions(
    List<ServerKind> servers,
    int nodes,
    int valueBytes,
    int childrenPerGroup,
    int sessions,
    int inFlightPerSession,
    int snapCount,
    int restarts,
    long seed) {

  static final String USAGE =
      "FootprintBenchmark [--zookeeper-only | --servers zookeeper,paddock] [--nodes 1000000]"
          + " [--value-bytes 100] [--children 1000] [--sessions 4] [--in-flight 500]"
          + " [--snap-count 100000] [--restarts 3] [--seed 42]";

  private static final Set<String> NAMES =
      Set.of(
          "nodes",
          "value-bytes",
          "children",
          "sessions",
          "in-flight",
          "snap-count",
          "restarts",
          "seed");

  FootprintOptions {
    servers = List.copyOf(servers);
  }

  static FootprintOptions parse(String... args) {
    BenchArgs a = BenchArgs.parse(USAGE, NAMES, args);
    return new FootprintOptions(
        a.servers(),
        a.intValue("nodes", 1_000_000, 1000, 50_000_000),
        a.intValue("value-bytes", 100, 0, 64 * 1024),
        a.intValue("children", 1000, 1, 100_000),
        a.intValue("sessions", 4, 1, 64),
        a.intValue("in-flight", 500, 1, 10_000),
        a.intValue("snap-count", 100_000, 1_000, 100_000_000),
        a.intValue("restarts", 3, 1, 100),
        a.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  int groups() {
    return (nodes + childrenPerGroup - 1) / childrenPerGroup;
  }
}
