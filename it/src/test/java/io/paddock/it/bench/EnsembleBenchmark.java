package io.paddock.it.bench;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.Ensemble;
import io.paddock.it.harness.ServerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Ensemble throughput: three-member Apache ZooKeeper 3.9.5 and Paddock ensembles, each member a
 * separate JVM on loopback with the same flags and zoo.cfg keys ({@code forceSync=yes}, tickTime
 * 2000, initLimit 10, syncLimit 5), one ensemble after the other in one run. Sessions are spread
 * round-robin over the members, so most writes are forwarded to the leader, as with real clients.
 * Not part of the test run.
 *
 * <pre>
 * mvn -B -ntp -Pquick -Pbench -pl it -am verify -DskipTests -Dbench.main=EnsembleBenchmark \
 *     -Dbench.args="--warmup-s 3 --measure-s 5"
 * </pre>
 *
 * Variants: setData on a pool of existing nodes and creates, at sessions x in-flight (default 8 x
 * 64, 100-byte values), setData at 1 x 1, and reads (getData/exists/getChildren) at sessions x
 * in-flight. It prints ops/s, latency percentiles, the CPU time of all three members per op, the
 * Paddock/ZooKeeper ratios and the targets of the ensemble issue.
 */
public final class EnsembleBenchmark {
  static final String READS = "reads";

  private EnsembleBenchmark() {}

  public static void main(String[] args) throws Exception {
    WriteOptions options = WriteOptions.parse(args);
    ProcessCpu cpu = ProcessCpu.create();
    Map<String, String> config = config(options);
    System.out.printf(
        Locale.ROOT,
        "ensemble benchmark: 3 members each, %s, %d cores, member JVM %s, zoo.cfg %s, %s%n",
        options,
        Runtime.getRuntime().availableProcessors(),
        BenchServers.JVM_ARGS,
        config,
        System.getProperty("java.version"));
    Map<ServerKind, Map<String, LoadResult>> results = new LinkedHashMap<>();
    for (ServerKind kind : options.servers()) {
      results.put(kind, runEnsemble(kind, options, config, cpu));
    }
    System.out.println();
    System.out.print(ComparisonTable.format(results, variantNames(options)));
    System.out.println();
    System.out.print(targets(options, results));
  }

  private static Map<String, String> config(WriteOptions options) {
    Map<String, String> config =
        new LinkedHashMap<>(BenchServers.durableConfig(options.snapCount()));
    config.put("tickTime", "2000");
    return config;
  }

  private static List<String> variantNames(WriteOptions options) {
    String load = " " + options.sessions() + "x" + options.inFlightPerSession();
    return List.of(
        WriteBenchmark.SET_DATA + load,
        WriteBenchmark.CREATE + load,
        WriteBenchmark.SET_DATA_1X1,
        READS + load);
  }

  private static Map<String, LoadResult> runEnsemble(
      ServerKind kind, WriteOptions options, Map<String, String> config, ProcessCpu cpu)
      throws Exception {
    Map<String, LoadResult> byVariant = new LinkedHashMap<>();
    List<String> names = variantNames(options);
    BenchOptions reads = readOptions(options);
    try (Ensemble e =
        Ensemble.create(kind, "ensemble-bench", 3, 0, config, BenchServers.JVM_ARGS).start()) {
      Ensemble.Member leader = e.awaitLeader();
      System.out.printf(
          Locale.ROOT,
          "%s ensemble up: leader %d; logs under %s%n",
          kind,
          leader.id(),
          leader.logFile());
      WriteLoad.prepare(leader, options);
      ReadLoad.prepare(leader, reads);
      awaitEverywhere(e.members());
      List<Ensemble.Member> members = e.members();
      int sessions = options.sessions();
      int inFlight = options.inFlightPerSession();
      measure(
          kind,
          names.get(0),
          members,
          cpu,
          options,
          sessions,
          inFlight,
          WriteLoad.setData(options),
          byVariant);
      measure(
          kind,
          names.get(1),
          members,
          cpu,
          options,
          sessions,
          inFlight,
          WriteLoad.creates(options),
          byVariant);
      measure(
          kind, names.get(2), members, cpu, options, 1, 1, WriteLoad.setData(options), byVariant);
      measure(
          kind,
          names.get(3),
          members,
          cpu,
          options,
          sessions,
          inFlight,
          ReadLoad.workload(reads),
          byVariant);
    } catch (RuntimeException ex) {
      throw new IllegalStateException(kind + " ensemble benchmark failed", ex);
    }
    return byVariant;
  }

  /** The read data set with the write options' sessions, window and seed. */
  private static BenchOptions readOptions(WriteOptions o) {
    return new BenchOptions(
        o.servers(),
        o.sessions(),
        o.inFlightPerSession(),
        o.valueBytes(),
        100,
        10,
        o.warmupSeconds(),
        o.measureSeconds(),
        o.seed());
  }

  /** Waits until every member has applied the prepared data (a sync on each), so reads hit. */
  private static void awaitEverywhere(List<Ensemble.Member> members) throws Exception {
    for (Ensemble.Member m : members) {
      try (Clients clients = new Clients(m)) {
        ZooKeeper zk = clients.connect();
        CompletableFuture<Integer> synced = new CompletableFuture<>();
        zk.sync("/", (rc, path, ctx) -> synced.complete(rc), null);
        int rc = synced.get(60, TimeUnit.SECONDS);
        if (rc != 0) {
          throw new IllegalStateException("sync on member " + m.id() + " failed: rc " + rc);
        }
      }
    }
  }

  private static void measure(
      ServerKind kind,
      String variant,
      List<Ensemble.Member> members,
      ProcessCpu cpu,
      WriteOptions options,
      int sessions,
      int inFlight,
      LoadRunner.Workload workload,
      Map<String, LoadResult> byVariant)
      throws Exception {
    BenchServers.announce(kind, variant, options.window());
    // 1 x 1 goes to a follower when there is one: the path most clients of an ensemble take.
    List<Ensemble.Member> targets = sessions == 1 ? List.of(follower(members)) : members;
    LoadResult result =
        LoadRunner.run(targets, cpu, options.window(), sessions, inFlight, workload);
    System.out.println("  " + ComparisonTable.row(variant, BenchServers.label(kind), result));
    byVariant.put(variant, result);
  }

  private static Ensemble.Member follower(List<Ensemble.Member> members) {
    for (Ensemble.Member m : members) {
      if (m.mode().equals("follower")) {
        return m;
      }
    }
    return members.get(0);
  }

  /** The ensemble issue's throughput targets; empty unless both servers ran. */
  static String targets(WriteOptions options, Map<ServerKind, Map<String, LoadResult>> results) {
    Map<String, LoadResult> zk = results.get(ServerKind.ZOOKEEPER);
    Map<String, LoadResult> paddock = results.get(ServerKind.PADDOCK);
    if (zk == null || paddock == null) {
      return "";
    }
    List<String> names = variantNames(options);
    List<Target> targets = new ArrayList<>();
    for (String variant : List.of(names.get(0), names.get(1), names.get(3))) {
      LoadResult z = zk.get(variant);
      LoadResult p = paddock.get(variant);
      targets.add(
          Target.atLeast(variant + " throughput", p.opsPerSecond() / z.opsPerSecond(), 1.5));
      targets.add(
          Target.atMost(
              variant + " CPU per op (all members)", p.cpuMicrosPerOp() / z.cpuMicrosPerOp(), 0.6));
    }
    LoadResult z1 = zk.get(WriteBenchmark.SET_DATA_1X1);
    LoadResult p1 = paddock.get(WriteBenchmark.SET_DATA_1X1);
    targets.add(
        Target.atLeast(
            WriteBenchmark.SET_DATA_1X1 + " throughput",
            p1.opsPerSecond() / z1.opsPerSecond(),
            1.0));
    return Target.table(
        "target (paddock/zk; throughput, or CPU where the machine saturates)", targets);
  }
}
