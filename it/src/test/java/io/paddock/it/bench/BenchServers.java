package io.paddock.it.bench;

import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How every benchmark starts its servers: the same JVM flags and the same extra zoo.cfg keys for
 * both kinds, each a separate process.
 */
final class BenchServers {
  /** Same for both servers: a fixed heap so neither pays for growing it inside the window. */
  static final List<String> JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  private BenchServers() {}

  /**
   * zoo.cfg keys of the durability benchmarks: fsync before acknowledging (both servers' default,
   * written out so the run says so) and the transactions between snapshots (100,000 is both
   * servers' default; ZooKeeper snapshots after a random count between half of it and all of it,
   * Paddock after exactly that many).
   */
  static Map<String, String> durableConfig(int snapCount) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("forceSync", "yes");
    config.put("snapCount", Integer.toString(snapCount));
    return config;
  }

  /** Creates and starts {@code kind}; prints its PID and log so a failed run can be inspected. */
  static ServerProcess start(
      ServerKind kind, String name, List<String> jvmArgs, Map<String, String> config) {
    ServerProcess server = kind.create(name, jvmArgs, config);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    System.out.printf(
        Locale.ROOT, "%s started as pid %d; log %s%n", kind, server.pid(), server.logFile());
    return server;
  }

  /** Says which window starts, so a stuck run shows where it stopped. */
  static void announce(ServerKind kind, String variant, LoadRunner.Window window) {
    System.out.printf(
        Locale.ROOT,
        "%s %s: %d s warm-up + %d s measured...%n",
        kind,
        variant,
        window.warmupSeconds(),
        window.measureSeconds());
  }

  /** Lower-case name for tables. */
  static String label(ServerKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
