package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table the load benchmarks print: per variant one row per server (ops/s, p50/p99/p999 latency,
 * server CPU per op, errors) and, when both ran, a {@code paddock/zk} row of ratios.
 */
final class ComparisonTable {
  private ComparisonTable() {}

  static String format(Map<ServerKind, Map<String, LoadResult>> results, List<String> variants) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-14s %-12s %12s %10s %10s %10s %16s %8s%n",
            "variant",
            "server",
            "ops/s",
            "p50 us",
            "p99 us",
            "p999 us",
            "server CPU us/op",
            "errors"));
    for (String variant : variants) {
      for (Map.Entry<ServerKind, Map<String, LoadResult>> entry : results.entrySet()) {
        LoadResult result = entry.getValue().get(variant);
        if (result != null) {
          out.append(row(variant, BenchServers.label(entry.getKey()), result)).append('\n');
        }
      }
      LoadResult zookeeper = get(results, ServerKind.ZOOKEEPER, variant);
      LoadResult paddock = get(results, ServerKind.PADDOCK, variant);
      if (zookeeper != null && paddock != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-14s %-12s %12.2f %10.2f %10.2f %10.2f %16.2f%n",
                variant,
                "paddock/zk",
                paddock.opsPerSecond() / zookeeper.opsPerSecond(),
                paddock.p50Micros() / zookeeper.p50Micros(),
                paddock.p99Micros() / zookeeper.p99Micros(),
                paddock.p999Micros() / zookeeper.p999Micros(),
                paddock.cpuMicrosPerOp() / zookeeper.cpuMicrosPerOp()));
      }
    }
    return out.toString();
  }

  /** One server's figures, as printed both while running and in the table. */
  static String row(String variant, String server, LoadResult result) {
    return String.format(
        Locale.ROOT,
        "%-14s %-12s %12.0f %10.1f %10.1f %10.1f %16.2f %8d",
        variant,
        server,
        result.opsPerSecond(),
        result.p50Micros(),
        result.p99Micros(),
        result.p999Micros(),
        result.cpuMicrosPerOp(),
        result.errors());
  }

  static LoadResult get(
      Map<ServerKind, Map<String, LoadResult>> results, ServerKind kind, String variant) {
    return results.getOrDefault(kind, Map.of()).get(variant);
  }
}
