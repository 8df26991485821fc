package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Footprint benchmark: Apache ZooKeeper 3.9.5 and Paddock standalone, each a separate JVM with the
 * same flags and zoo.cfg keys ({@code forceSync=yes}, {@code snapCount}), loaded one after the
 * other with the same znodes through the official ZooKeeper client. Not part of the test run.
 *
 * <pre>
 * mvn -B -ntp -Pquick -Pbench -pl it -am verify -DskipTests -Dbench.main=FootprintBenchmark \
 *     -Dbench.args="--nodes 1000000"
 * </pre>
 *
 * Per server:
 *
 * <ol>
 *   <li>heap used after a full GC ({@link HeapProbe}) on the empty server, then after creating
 *       {@code --nodes} znodes of {@code --value-bytes} with pipelined async creates; heap per
 *       znode is the difference over the znode count;
 *   <li>snapshot size: setData writes until the server writes a snapshot of its own accord (at
 *       {@code snapCount}); that file holds every created znode ({@link
 *       FootprintLoad#writeUntilSnapshot}). Each server's default format: ZooKeeper's is not
 *       compressed, Paddock's is;
 *   <li>restart to serving: graceful stop (SIGTERM, wait for the exit), start on the same data
 *       directory, time from launching the JVM until a new client's getData of the last created
 *       znode succeeds; {@code --restarts} times, the median counts.
 * </ol>
 */
public final class FootprintBenchmark {
  /**
   * Same for both servers. 2 GiB rather than the 1 GiB of the load benchmarks: a million znodes
   * plus a snapshot being written must fit in ZooKeeper's heap too.
   */
  static final List<String> JVM_ARGS = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");

  private FootprintBenchmark() {}

  /** What one server gave. */
  record Result(
      long emptyHeapBytes,
      long loadedHeapBytes,
      double createsPerSecond,
      SnapshotProbe.Snapshot snapshot,
      List<Long> restartMillis) {
    double heapBytesPerZnode(int nodes) {
      return (loadedHeapBytes - emptyHeapBytes) / (double) nodes;
    }

    double snapshotBytesPerZnode(int nodes) {
      return snapshot.bytes() / (double) nodes;
    }

    long medianRestartMillis() {
      List<Long> sorted = restartMillis.stream().sorted().toList();
      return sorted.get(sorted.size() / 2);
    }
  }

  public static void main(String[] args) throws Exception {
    FootprintOptions options = FootprintOptions.parse(args);
    System.out.printf(
        Locale.ROOT,
        "footprint benchmark: %s, %d cores, server JVM %s, zoo.cfg %s, %s%n",
        options,
        Runtime.getRuntime().availableProcessors(),
        JVM_ARGS,
        BenchServers.durableConfig(options.snapCount()),
        System.getProperty("java.version"));
    Map<ServerKind, Result> results = new LinkedHashMap<>();
    for (ServerKind kind : options.servers()) {
      results.put(kind, runServer(kind, options));
    }
    System.out.println();
    System.out.print(table(options, results));
    Result zk = results.get(ServerKind.ZOOKEEPER);
    Result paddock = results.get(ServerKind.PADDOCK);
    if (zk != null && paddock != null) {
      int n = options.nodes();
      System.out.println();
      System.out.print(
          Target.table(
              "target (paddock/zk)",
              List.of(
                  Target.atMost(
                      "heap per znode",
                      paddock.heapBytesPerZnode(n) / zk.heapBytesPerZnode(n),
                      0.6),
                  Target.atMost(
                      "snapshot size",
                      paddock.snapshot().bytes() / (double) zk.snapshot().bytes(),
                      0.5),
                  Target.atMost(
                      "restart to serving (median)",
                      paddock.medianRestartMillis() / (double) zk.medianRestartMillis(),
                      0.5))));
    }
  }

  private static Result runServer(ServerKind kind, FootprintOptions options) throws Exception {
    try (ServerProcess server =
        BenchServers.start(
            kind, "footprint", JVM_ARGS, BenchServers.durableConfig(options.snapCount()))) {
      long emptyHeap = HeapProbe.usedAfterFullGcBytes(server.pid());
      System.out.printf(Locale.ROOT, "  empty: heap used after full GC %s%n", mib(emptyHeap));

      long start = System.nanoTime();
      FootprintLoad.create(server, options);
      double createsPerSecond = options.nodes() * 1e9 / (System.nanoTime() - start);
      System.out.printf(
          Locale.ROOT,
          "  created %,d znodes of %d bytes at %,.0f creates/s%n",
          options.nodes(),
          options.valueBytes(),
          createsPerSecond);
      long loadedHeap = HeapProbe.usedAfterFullGcBytes(server.pid());
      System.out.print(
          "  largest classes on the loaded heap:\n" + HeapProbe.topClasses(server.pid(), 6));
      System.out.printf(Locale.ROOT, "  loaded: heap used after full GC %s%n", mib(loadedHeap));

      SnapshotProbe.Snapshot snapshot = FootprintLoad.writeUntilSnapshot(kind, server, options);
      System.out.printf(
          Locale.ROOT,
          "  snapshot %s (zxid 0x%x): %,d bytes%n",
          snapshot.path(),
          snapshot.zxid(),
          snapshot.bytes());

      String lastNode = FootprintLoad.node(options.nodes() - 1, options.childrenPerGroup());
      List<Long> restartMillis = new ArrayList<>();
      for (int r = 0; r < options.restarts(); r++) {
        restartMillis.add(restart(server, lastNode, options.valueBytes()));
      }
      System.out.printf(
          Locale.ROOT,
          "  restarts to serving (ms): %s; snapshots now on disk: %s%n",
          restartMillis,
          SnapshotProbe.list(kind, server.dataDir()).stream()
              .map(s -> s.path().getFileName() + " " + s.bytes())
              .toList());
      return new Result(emptyHeap, loadedHeap, createsPerSecond, snapshot, restartMillis);
    } catch (RuntimeException e) {
      throw new IllegalStateException(kind + " footprint benchmark failed", e);
    }
  }

  /**
   * Stops the server gracefully, starts it on the same data and returns the milliseconds from
   * launching the JVM until a client read of {@code lastNode} succeeded with its data.
   */
  private static long restart(ServerProcess server, String lastNode, int valueBytes)
      throws Exception {
    server.stop();
    long start = System.nanoTime();
    server.start();
    long servingNanos = System.nanoTime() - start;
    try (Clients clients = new Clients(server)) {
      ZooKeeper zk = clients.connect();
      byte[] data = zk.getData(lastNode, false, new Stat());
      long readNanos = System.nanoTime() - start;
      if (data == null || data.length != valueBytes) {
        throw new IllegalStateException(lastNode + " came back with the wrong data after restart");
      }
      System.out.printf(
          Locale.ROOT,
          "  restart: answers srvr after %d ms, first read after %d ms%n",
          servingNanos / 1_000_000,
          readNanos / 1_000_000);
      return readNanos / 1_000_000;
    }
  }

  private static String table(FootprintOptions options, Map<ServerKind, Result> results) {
    int n = options.nodes();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-10s %10s %12s %12s %10s %14s %12s %12s%n",
            "server",
            "znodes",
            "heap MiB",
            "heap B/znode",
            "snap MiB",
            "snap B/znode",
            "restart ms",
            "creates/s"));
    results.forEach(
        (kind, r) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-10s %10d %12.1f %12.1f %10.1f %14.1f %12d %12.0f%n",
                    BenchServers.label(kind),
                    n,
                    (r.loadedHeapBytes() - r.emptyHeapBytes()) / 1048576.0,
                    r.heapBytesPerZnode(n),
                    r.snapshot().bytes() / 1048576.0,
                    r.snapshotBytesPerZnode(n),
                    r.medianRestartMillis(),
                    r.createsPerSecond())));
    out.append(
        "(heap: used after full GC, loaded minus empty server; snap: the first snapshot the server"
            + " wrote by itself after the load; restart: launch to first successful read, median of "
            + options.restarts()
            + ")\n");
    return out.toString();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
