package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link WriteBenchmark}, each with its default and a limit.
 *
 * @param servers which servers to run, in order
 * @param sessions client sessions of the throughput variants
 * @param inFlightPerSession async writes kept outstanding per session in the throughput variants
 * @param valueBytes data size of every create and setData
 * @param poolNodes existing nodes the setData variants write to (chosen at random)
 * @param sequentialNames whether creates use PERSISTENT_SEQUENTIAL names (else unique names the
 *     client counts itself)
 * @param warmupSeconds load before measuring, per variant and server
 * @param measureSeconds measured window, per variant and server
 * @param fsyncSamples write + force pairs of the disk probe
 * @param snapCount transactions between snapshots, for both servers
 * @param seed seed of the values and of the per-session node choice
 */
record WriteOptions(
    List<ServerKind> servers,
    int sessions,
    int inFlightPerSession,
    int valueBytes,
    int poolNodes,
    boolean sequentialNames,
    int warmupSeconds,
    int measureSeconds,
    int fsyncSamples,
    int snapCount,
    long seed) {

  static final String USAGE =
      "WriteBenchmark [--zookeeper-only | --servers zookeeper,paddock] [--sessions 8]"
          + " [--in-flight 64] [--value-bytes 100] [--pool 1000] [--create-names unique|sequential]"
          + " [--warmup-s 10] [--measure-s 20] [--fsync-samples 2000] [--snap-count 100000]"
          + " [--seed 42]";

  private static final Set<String> NAMES =
      Set.of(
          "sessions",
          "in-flight",
          "value-bytes",
          "pool",
          "create-names",
          "warmup-s",
          "measure-s",
          "fsync-samples",
          "snap-count",
          "seed");

  WriteOptions {
    servers = List.copyOf(servers);
  }

  static WriteOptions parse(String... args) {
    BenchArgs a = BenchArgs.parse(USAGE, NAMES, args);
    return new WriteOptions(
        a.servers(),
        a.intValue("sessions", 8, 1, 256),
        a.intValue("in-flight", 64, 1, 4096),
        a.intValue("value-bytes", 100, 0, 512 * 1024),
        a.intValue("pool", 1000, 1, 1_000_000),
        a.choice("create-names", "unique", Set.of("unique", "sequential")).equals("sequential"),
        a.intValue("warmup-s", 10, 0, 3600),
        a.intValue("measure-s", 20, 1, 3600),
        a.intValue("fsync-samples", 2000, 10, 1_000_000),
        a.intValue("snap-count", 100_000, 1_000, 100_000_000),
        a.longValue("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  LoadRunner.Window window() {
    return new LoadRunner.Window(warmupSeconds, measureSeconds);
  }
}
