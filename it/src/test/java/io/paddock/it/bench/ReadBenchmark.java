package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Read benchmark: Apache ZooKeeper 3.9.5 and Paddock standalone, each a separate JVM process with
 * the same JVM flags and the same zoo.cfg keys, driven one after the other by the same load from
 * the official ZooKeeper client. Not part of the test run.
 *
 * <p>Run (builds api and provider first, skips all tests, then forks this main):
 *
 * <pre>
 * mvn -B -ntp -Pquick -Pbench -pl it -am verify -DskipTests
 * mvn -B -ntp -Pquick -Pbench -pl it -am verify -DskipTests \
 *     -Dbench.args="--zookeeper-only --warmup-s 2 --measure-s 3"
 * </pre>
 *
 * Options ({@link BenchOptions#USAGE}): {@code --zookeeper-only}; {@code --sessions 8 --in-flight
 * 64} the main load; {@code --value-bytes 100}; {@code --groups 100 --children 10} the prepared
 * tree; {@code --warmup-s 10 --measure-s 20} per variant and server. Each server runs two variants:
 * sessions x in-flight, then 1 session x 1 in flight (pure latency). Per server and variant it
 * prints ops/s, p50/p99/p999 latency (HdrHistogram), and the server process's CPU time per
 * operation (utime + stime from {@code /proc/<pid>/stat} across the measured window), then the
 * Paddock/ZooKeeper ratios.
 */
public final class ReadBenchmark {
  private ReadBenchmark() {}

  /** A variant of the load. */
  record Variant(String name, int sessions, int inFlight) {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    ProcessCpu cpu = ProcessCpu.create();
    List<Variant> variants =
        List.of(
            new Variant(
                options.sessions() + "x" + options.inFlightPerSession(),
                options.sessions(),
                options.inFlightPerSession()),
            new Variant("1x1", 1, 1));
    System.out.printf(
        Locale.ROOT,
        "read benchmark: %s, %d cores, server JVM %s, %s, clock tick %d ns%n",
        options,
        Runtime.getRuntime().availableProcessors(),
        BenchServers.JVM_ARGS,
        System.getProperty("java.version"),
        cpu.nanosPerTick());

    Map<ServerKind, Map<String, LoadResult>> results = new LinkedHashMap<>();
    for (ServerKind kind : options.servers()) {
      results.put(kind, runServer(kind, options, cpu, variants));
    }
    System.out.println();
    System.out.print(
        ComparisonTable.format(results, variants.stream().map(Variant::name).toList()));
  }

  private static Map<String, LoadResult> runServer(
      ServerKind kind, BenchOptions options, ProcessCpu cpu, List<Variant> variants)
      throws Exception {
    Map<String, LoadResult> byVariant = new LinkedHashMap<>();
    try (ServerProcess server =
        BenchServers.start(kind, "bench", BenchServers.JVM_ARGS, Map.of())) {
      ReadLoad.prepare(server, options);
      LoadRunner.Workload workload = ReadLoad.workload(options);
      for (Variant variant : variants) {
        BenchServers.announce(kind, variant.name(), options.window());
        LoadResult result =
            LoadRunner.run(
                server, cpu, options.window(), variant.sessions(), variant.inFlight(), workload);
        System.out.println(
            "  " + ComparisonTable.row(variant.name(), BenchServers.label(kind), result));
        byVariant.put(variant.name(), result);
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(kind + " benchmark failed", e);
    }
    return byVariant;
  }
}
