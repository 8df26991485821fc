package io.paddock.it.bench;

import io.paddock.it.harness.Ensemble;
import io.paddock.it.harness.RawConnection;
import io.paddock.it.harness.ServerKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Leader failover, Apache ZooKeeper 3.9.5 and Paddock side by side: a 3-member ensemble of separate
 * JVMs on loopback (tickTime 2000, initLimit 10, syncLimit 5 for both), the leader is killed with
 * SIGKILL, and the time until the first write is acknowledged through a surviving member is
 * measured. Repeated {@code --kills} times per server (the killed member is restarted and the
 * ensemble settles between rounds); the median is reported.
 *
 * <p>Measuring without client bias: the official ZooKeeper client sleeps up to a second before it
 * reconnects after losing a server, which would swamp the figure for both servers. So after the
 * kill, one prober per survivor speaks the client protocol itself: it opens a connection to that
 * one member, creates a session and sends a setData, and on refusal, silence (500 ms) or an error
 * tries again 1 ms later on a fresh connection; the first success ends the round. The clock starts
 * when the kill returns (the process is gone).
 *
 * <p>Run: {@code mvn -B -ntp -Pquick -Pbench -pl it -am verify -DskipTests
 * -Dbench.main=FailoverBenchmark -Dbench.args="--kills 7"}
 */
public final class FailoverBenchmark {
  private static final Duration ROUND_DEADLINE = Duration.ofSeconds(60);
  private static final int PROBE_READ_TIMEOUT_MS = 500;
  private static final int SET_DATA_OP = 5;

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int kills = 7;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--kills") && i + 1 < args.length) {
        kills = Integer.parseInt(args[++i]);
      }
    }
    List<String> lines = new ArrayList<>();
    double zk = run(ServerKind.ZOOKEEPER, kills, lines);
    double paddock = run(ServerKind.PADDOCK, kills, lines);
    System.out.println();
    System.out.println("Leader failover: SIGKILL of the leader -> first acknowledged write");
    System.out.println(
        "3 members, tickTime=2000 initLimit=10 syncLimit=5, " + kills + " kills each");
    lines.forEach(System.out::println);
    System.out.printf(
        Locale.ROOT,
        "median: ZooKeeper %.1f ms, Paddock %.1f ms, ratio %.2f (target <= 0.5, and < 200 ms)%n",
        zk,
        paddock,
        paddock / zk);
  }

  private static double run(ServerKind kind, int kills, List<String> out) throws Exception {
    List<Double> samples = new ArrayList<>();
    try (Ensemble e =
        Ensemble.create(kind, "failover-bench", 3, 0, Map.of("forceSync", "yes")).start()) {
      try (ZooKeeper setup = connect(e.connectString())) {
        setup.create("/bench", new byte[100], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      for (int k = 0; k < kills; k++) {
        Ensemble.Member leader = e.awaitLeader();
        List<Ensemble.Member> survivors = new ArrayList<>(e.members());
        survivors.remove(leader);
        leader.kill9();
        long startNs = System.nanoTime();
        long doneNs = firstWrite(survivors);
        double ms = (doneNs - startNs) / 1e6;
        samples.add(ms);
        out.add(
            String.format(
                Locale.ROOT, "  %-9s kill %d (leader %d): %.1f ms", kind, k + 1, leader.id(), ms));
        leader.launch();
        leader.awaitReady();
        for (Ensemble.Member m : e.members()) {
          m.awaitReady();
        }
      }
    }
    samples.sort(Double::compare);
    return samples.get(samples.size() / 2);
  }

  /** Time of the first acknowledged write through any of {@code survivors}. */
  private static long firstWrite(List<Ensemble.Member> survivors) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Long> first = new CompletableFuture<>();
    ExecutorService probes = Executors.newFixedThreadPool(survivors.size());
    try {
      for (Ensemble.Member m : survivors) {
        probes.execute(() -> probe(m.port(), done, first));
      }
      return first.get(ROUND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      done.set(true);
      probes.shutdown();
      probes.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /**
   * Speaks the client protocol directly (handshake for a new session, then one setData), so no
   * client library's reconnect back-off enters the figure; a refused or silent member is retried at
   * once on a fresh connection.
   */
  private static void probe(int port, AtomicBoolean done, CompletableFuture<Long> first) {
    byte[] body = setDataBody("/bench", new byte[100]);
    while (!done.get()) {
      try (RawConnection c = new RawConnection(port, PROBE_READ_TIMEOUT_MS)) {
        c.handshake(30_000);
        c.sendFrame(RawConnection.request(1, SET_DATA_OP, body));
        ByteBuffer reply = ByteBuffer.wrap(c.readFrame());
        reply.getInt(); // xid
        reply.getLong(); // zxid
        if (reply.getInt() == 0) {
          first.complete(System.nanoTime());
          return;
        }
      } catch (IOException | RuntimeException e) {
        // refused, closed or silent: the member does not serve yet
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** A setData request body: path, data (a jute buffer), version -1. */
  private static byte[] setDataBody(String path, byte[] data) {
    byte[] p = RawConnection.ustring(path);
    return ByteBuffer.allocate(p.length + 4 + data.length + 4)
        .put(p)
        .putInt(data.length)
        .put(data)
        .putInt(-1)
        .array();
  }

  private static ZooKeeper connect(String connectString) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            connectString,
            30_000,
            event -> {
              if (event.getState() == KeeperState.SyncConnected) {
                connected.countDown();
              }
            },
            new ZKClientConfig());
    if (!connected.await(60, TimeUnit.SECONDS)) {
      zk.close();
      throw new IllegalStateException("cannot connect to " + connectString);
    }
    return zk;
  }
}
