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
 * Options ({@link BenchOptions#USAGE}): {@code --zookeeper-only} while Paddock's server is missing;
 * {@code --sessions 8 --in-flight 64} the main load; {@code --value-bytes 100}; {@code --groups 100
 * --children 10} the prepared tree; {@code --warmup-s 10 --measure-s 20} per variant and server.
 * Each server runs two variants: sessions x in-flight, then 1 session x 1 in flight (pure latency).
 * Per server and variant it prints ops/s, p50/p99 latency (HdrHistogram), and the server process's
 * CPU time per operation (utime + stime from {@code /proc/<pid>/stat} across the measured window),
 * then the Paddock/ZooKeeper ratios.
 */
public final class ReadBenchmark {
  /** Same for both servers: a fixed heap so neither pays for growing it inside the window. */
  static final List<String> BENCH_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

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
        BENCH_JVM_ARGS,
        System.getProperty("java.version"),
        cpu.nanosPerTick());

    Map<ServerKind, Map<Variant, ReadLoad.Result>> results = new LinkedHashMap<>();
    for (ServerKind kind : options.servers()) {
      results.put(kind, runServer(kind, options, cpu, variants));
    }
    System.out.println();
    System.out.print(table(results, variants));
  }

  private static Map<Variant, ReadLoad.Result> runServer(
      ServerKind kind, BenchOptions options, ProcessCpu cpu, List<Variant> variants)
      throws Exception {
    Map<Variant, ReadLoad.Result> byVariant = new LinkedHashMap<>();
    try (ServerProcess server = kind.create("bench", BENCH_JVM_ARGS)) {
      server.start();
      System.out.printf(
          Locale.ROOT, "%s started as pid %d; log %s%n", kind, server.pid(), server.logFile());
      ReadLoad.prepare(server, options);
      for (Variant variant : variants) {
        System.out.printf(
            Locale.ROOT,
            "%s %s: %d s warm-up + %d s measured...%n",
            kind,
            variant.name(),
            options.warmupSeconds(),
            options.measureSeconds());
        ReadLoad.Result result =
            ReadLoad.run(server, cpu, options, variant.sessions(), variant.inFlight());
        System.out.println(
            "  " + row(variant.name(), kind.name().toLowerCase(Locale.ROOT), result));
        byVariant.put(variant, result);
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(kind + " benchmark failed", e);
    }
    return byVariant;
  }

  static String table(
      Map<ServerKind, Map<Variant, ReadLoad.Result>> results, List<Variant> variants) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-8s %-12s %12s %10s %10s %16s %8s%n",
            "variant",
            "server",
            "ops/s",
            "p50 us",
            "p99 us",
            "server CPU us/op",
            "errors"));
    for (Variant variant : variants) {
      for (Map.Entry<ServerKind, Map<Variant, ReadLoad.Result>> entry : results.entrySet()) {
        ReadLoad.Result result = entry.getValue().get(variant);
        out.append(row(variant.name(), entry.getKey().name().toLowerCase(Locale.ROOT), result));
        out.append('\n');
      }
      ReadLoad.Result zookeeper = results.getOrDefault(ServerKind.ZOOKEEPER, Map.of()).get(variant);
      ReadLoad.Result paddock = results.getOrDefault(ServerKind.PADDOCK, Map.of()).get(variant);
      if (zookeeper != null && paddock != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s %-12s %12.2f %10.2f %10.2f %16.2f%n",
                variant.name(),
                "paddock/zk",
                paddock.opsPerSecond() / zookeeper.opsPerSecond(),
                paddock.p50Micros() / zookeeper.p50Micros(),
                paddock.p99Micros() / zookeeper.p99Micros(),
                paddock.cpuMicrosPerOp() / zookeeper.cpuMicrosPerOp()));
      }
    }
    return out.toString();
  }

  private static String row(String variant, String server, ReadLoad.Result result) {
    return String.format(
        Locale.ROOT,
        "%-8s %-12s %12.0f %10.1f %10.1f %16.2f %8d",
        variant,
        server,
        result.opsPerSecond(),
        result.p50Micros(),
        result.p99Micros(),
        result.cpuMicrosPerOp(),
        result.errors());
  }
}
