package io.paddock.server;

import io.paddock.admin.QuorumFigures;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the answers to four-letter words from a snapshot of the server's figures, in the layouts
 * ZooKeeper's tools and monitoring scripts parse. Pure: the processor gathers the figures.
 */
final class FourLetterCommands {
  /** Reported version: the protocol we speak, then our own. */
  static final String VERSION = "3.9.5-Paddock-0.1.0, built on unknown";

  /** One connection's figures for {@code cons}/{@code stat}. */
  record ConnectionFigures(
      String remote,
      long connectionId,
      int queued,
      long received,
      long sent,
      long sessionId,
      int timeoutMs,
      long establishedAtMs) {}

  /** Everything the words report. */
  record Figures(
      String mode,
      long lastZxid,
      int nodeCount,
      long approximateDataBytes,
      int ephemeralCount,
      int watchCount,
      int watchedPaths,
      int watchingSessions,
      int outstanding,
      long packetsReceived,
      long packetsSent,
      long latencyMinMs,
      double latencyAvgMs,
      long latencyMaxMs,
      List<ConnectionFigures> connections,
      Map<String, String> config,
      QuorumFigures quorum) {}

  private FourLetterCommands() {}

  /** The answer to {@code word}, or null if we do not know the word. */
  static String answer(String word, Figures f) {
    return switch (word) {
      case "ruok" -> "imok";
      case "srvr" -> srvr(f, false);
      case "stat" -> srvr(f, true);
      case "mntr" -> mntr(f);
      case "conf" -> conf(f);
      case "cons" -> cons(f);
      case "envi" -> envi();
      case "wchs" -> wchs(f);
      case "isro" -> "rw";
      default -> null;
    };
  }

  private static String srvr(Figures f, boolean withClients) {
    StringBuilder sb = new StringBuilder();
    sb.append("Zookeeper version: ").append(VERSION).append('\n');
    if (withClients) {
      sb.append("Clients:\n");
      for (ConnectionFigures c : f.connections()) {
        sb.append(' ').append(c.remote()).append("[1](queued=").append(c.queued());
        sb.append(",recved=").append(c.received()).append(",sent=").append(c.sent()).append(")\n");
      }
      sb.append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "Latency min/avg/max: %d/%.4f/%d%n",
            f.latencyMinMs(),
            f.latencyAvgMs(),
            f.latencyMaxMs()));
    sb.append("Received: ").append(f.packetsReceived()).append('\n');
    sb.append("Sent: ").append(f.packetsSent()).append('\n');
    sb.append("Connections: ").append(f.connections().size()).append('\n');
    sb.append("Outstanding: ").append(f.outstanding()).append('\n');
    sb.append("Zxid: 0x").append(Long.toHexString(f.lastZxid())).append('\n');
    sb.append("Mode: ").append(f.mode()).append('\n');
    sb.append("Node count: ").append(f.nodeCount()).append('\n');
    return sb.toString();
  }

  private static String mntr(Figures f) {
    StringBuilder sb = new StringBuilder();
    line(sb, "zk_version", VERSION);
    line(sb, "zk_server_state", f.mode());
    line(sb, "zk_avg_latency", String.format(Locale.ROOT, "%.4f", f.latencyAvgMs()));
    line(sb, "zk_max_latency", f.latencyMaxMs());
    line(sb, "zk_min_latency", f.latencyMinMs());
    line(sb, "zk_packets_received", f.packetsReceived());
    line(sb, "zk_packets_sent", f.packetsSent());
    line(sb, "zk_num_alive_connections", f.connections().size());
    line(sb, "zk_outstanding_requests", f.outstanding());
    line(sb, "zk_znode_count", f.nodeCount());
    line(sb, "zk_watch_count", f.watchCount());
    line(sb, "zk_ephemerals_count", f.ephemeralCount());
    line(sb, "zk_approximate_data_size", f.approximateDataBytes());
    line(sb, "zk_last_zxid", "0x" + Long.toHexString(f.lastZxid()));
    if (f.mode().equals("leader")) {
      // ZooKeeper's leader-only lines, which its monitoring templates alert on.
      QuorumFigures q = f.quorum();
      line(sb, "zk_learners", q.learners().size());
      line(sb, "zk_synced_followers", q.syncedFollowers());
      line(sb, "zk_synced_observers", q.syncedObservers());
      line(sb, "zk_pending_syncs", q.pendingSyncs());
      line(sb, "zk_max_learner_lag", q.maxLearnerLag());
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, Object value) {
    sb.append(key).append('\t').append(value).append('\n');
  }

  private static String conf(Figures f) {
    StringBuilder sb = new StringBuilder();
    f.config().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  private static String cons(Figures f) {
    StringBuilder sb = new StringBuilder();
    for (ConnectionFigures c : f.connections()) {
      sb.append(' ').append(c.remote()).append("[1](queued=").append(c.queued());
      sb.append(",recved=").append(c.received()).append(",sent=").append(c.sent());
      if (c.sessionId() != 0) {
        sb.append(",sid=0x").append(Long.toHexString(c.sessionId()));
        sb.append(",to=").append(c.timeoutMs());
      }
      sb.append(",est=").append(c.establishedAtMs()).append(")\n");
    }
    return sb.append('\n').toString();
  }

  private static String envi() {
    StringBuilder sb = new StringBuilder("Environment:\n");
    sb.append("zookeeper.version=").append(VERSION).append('\n');
    for (String key :
        List.of(
            "java.version",
            "java.vendor",
            "java.home",
            "java.class.path",
            "java.io.tmpdir",
            "os.name",
            "os.arch",
            "os.version",
            "user.name",
            "user.home",
            "user.dir")) {
      sb.append(key).append('=').append(System.getProperty(key, "<NA>")).append('\n');
    }
    Runtime rt = Runtime.getRuntime();
    sb.append("os.memory.free=").append(rt.freeMemory() >> 20).append("MB\n");
    sb.append("os.memory.max=").append(rt.maxMemory() >> 20).append("MB\n");
    sb.append("os.memory.total=").append(rt.totalMemory() >> 20).append("MB\n");
    return sb.toString();
  }

  private static String wchs(Figures f) {
    return f.watchingSessions()
        + " connections watching "
        + f.watchedPaths()
        + " paths\nTotal watches:"
        + f.watchCount()
        + "\n";
  }
}
