package io.paddock.admin;

import io.paddock.config.ServerConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON fields of each admin command's answer, built from a {@link ServerFigures} snapshot.
 * Field names are ZooKeeper's where it has the figure; figures Paddock does not measure are left
 * out rather than faked. Session ids are numbers (object keys: decimal strings), as in ZooKeeper.
 */
final class CommandBodies {
  private final ServerConfig config;
  private final int clientPort;

  CommandBodies(ServerConfig config, int clientPort) {
    this.config = config;
    this.clientPort = clientPort;
  }

  Map<String, Object> serverStats(ServerFigures f, boolean withConnections) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("packets_sent", f.packetsSent());
    stats.put("packets_received", f.packetsReceived());
    stats.put("data_dir_size", DirSizes.bytesUnder(config.dataDir()));
    stats.put("log_dir_size", DirSizes.bytesUnder(config.dataLogDir()));
    stats.put("last_processed_zxid", f.lastZxid());
    stats.put("outstanding_requests", f.outstanding());
    stats.put("server_state", f.mode());
    stats.put("avg_latency", round4(f.latencyAvgMs()));
    stats.put("max_latency", f.latencyMaxMs());
    stats.put("min_latency", f.latencyMinMs());
    stats.put("num_alive_client_connections", f.connections().size());
    stats.put("uptime", uptimeMs(f));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", f.version());
    out.put("read_only", false);
    out.put("server_stats", stats);
    out.put("node_count", f.nodeCount());
    if (withConnections) {
      List<Object> cons = new ArrayList<>();
      for (ServerFigures.Connection c : f.connections()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("remote_socket_address", c.remote());
        m.put("outstanding_requests", c.outstanding());
        m.put("packets_received", c.packetsReceived());
        m.put("packets_sent", c.packetsSent());
        cons.add(m);
      }
      out.put("connections", cons);
      out.put("secure_connections", List.of());
    }
    return out;
  }

  Map<String, Object> monitor(ServerFigures f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", f.version());
    out.put("server_state", f.mode());
    out.put("avg_latency", round4(f.latencyAvgMs()));
    out.put("max_latency", f.latencyMaxMs());
    out.put("min_latency", f.latencyMinMs());
    out.put("packets_received", f.packetsReceived());
    out.put("packets_sent", f.packetsSent());
    out.put("num_alive_connections", f.connections().size());
    out.put("outstanding_requests", f.outstanding());
    out.put("znode_count", f.nodeCount());
    out.put("watch_count", f.watchCount());
    out.put("ephemerals_count", f.ephemeralCount());
    out.put("approximate_data_size", f.approximateDataBytes());
    out.put("global_sessions", f.sessionCount());
    out.put("last_zxid", f.lastZxid());
    out.put("uptime", uptimeMs(f));
    QuorumFigures q = f.quorum();
    if (q.ensemble()) {
      out.put("quorum_epoch", q.epoch());
      out.put("quorum_committed_zxid", q.committedZxid());
      out.put("proposal_count", q.proposals());
    }
    if (f.mode().equals("leader")) {
      // ZooKeeper's leader-only figures, which its monitoring templates alert on.
      out.put("learners", q.learners().size());
      out.put("synced_followers", q.syncedFollowers());
      out.put("synced_observers", q.syncedObservers());
      out.put("pending_syncs", q.pendingSyncs());
      out.put("max_learner_lag", q.maxLearnerLag());
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      out.put("open_file_descriptor_count", unix.getOpenFileDescriptorCount());
      out.put("max_file_descriptor_count", unix.getMaxFileDescriptorCount());
    }
    return out;
  }

  Map<String, Object> configuration() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("client_port", clientPort);
    out.put("client_port_address", config.clientPortAddress());
    out.put("data_dir", config.dataDir().toString());
    out.put("data_log_dir", config.dataLogDir().toString());
    out.put("tick_time", config.tickTimeMs());
    out.put("max_client_cnxns", config.maxClientCnxns());
    out.put("min_session_timeout", config.minSessionTimeoutMs());
    out.put("max_session_timeout", config.maxSessionTimeoutMs());
    out.put("server_id", config.serverId());
    // Every key as zoo.cfg spells it (superDigest masked), for what the list above leaves out.
    out.put("settings", new LinkedHashMap<String, Object>(config.describe()));
    return out;
  }

  Map<String, Object> connections(ServerFigures f) {
    List<Object> cons = new ArrayList<>();
    for (ServerFigures.Connection c : f.connections()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("remote_socket_address", c.remote());
      m.put("connection_id", c.connectionId());
      m.put("outstanding_requests", c.outstanding());
      m.put("packets_received", c.packetsReceived());
      m.put("packets_sent", c.packetsSent());
      if (c.sessionId() != 0) {
        m.put("session_id", c.sessionId());
        m.put("session_timeout", c.sessionTimeoutMs());
      }
      m.put("established", Instant.ofEpochMilli(c.establishedAtWallMs()).toString());
      cons.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connections", cons);
    out.put("secure_connections", List.of());
    return out;
  }

  static Map<String, Object> environment(ServerFigures f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("zookeeper.version", f.version());
    for (String key :
        List.of(
            "java.version",
            "java.vendor",
            "java.home",
            "java.class.path",
            "java.library.path",
            "java.io.tmpdir",
            "os.name",
            "os.arch",
            "os.version",
            "user.name",
            "user.home",
            "user.dir")) {
      out.put(key, System.getProperty(key, "<NA>"));
    }
    Runtime rt = Runtime.getRuntime();
    out.put("os.memory.free", (rt.freeMemory() >> 20) + "MB");
    out.put("os.memory.max", (rt.maxMemory() >> 20) + "MB");
    out.put("os.memory.total", (rt.totalMemory() >> 20) + "MB");
    return out;
  }

  Map<String, Object> watchSummary(ServerFigures f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("num_connections", f.watchingSessions());
    out.put("num_paths", f.watchedPaths());
    out.put("num_total_watches", f.watchCount());
    return out;
  }

  Map<String, Object> watches(ServerFigures.Details d) {
    Map<String, Object> bySession = new LinkedHashMap<>();
    d.watchesBySession().forEach((id, paths) -> bySession.put(Long.toString(id), paths));
    return withTruncation("session_id_to_watched_paths", bySession, d);
  }

  Map<String, Object> watchesByPath(ServerFigures.Details d) {
    return withTruncation("path_to_session_ids", new LinkedHashMap<>(d.watchesByPath()), d);
  }

  Map<String, Object> dump(ServerFigures.Details d) {
    Map<String, Object> byExpiry = new LinkedHashMap<>();
    FourLetterText.expiryGroups(d.sessions())
        .forEach((expiresAtMs, ids) -> byExpiry.put(Long.toString(expiresAtMs), ids));
    Map<String, Object> ephemerals = new LinkedHashMap<>();
    d.ephemeralsBySession().forEach((id, paths) -> ephemerals.put(Long.toString(id), paths));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("expiry_time_to_session_ids", byExpiry);
    out.put("session_id_to_ephemeral_paths", ephemerals);
    if (d.truncated()) {
      out.put("truncated", true);
    }
    return out;
  }

  Map<String, Object> dirs() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("datadir_size", DirSizes.bytesUnder(config.dataDir()));
    out.put("logdir_size", DirSizes.bytesUnder(config.dataLogDir()));
    return out;
  }

  private static Map<String, Object> withTruncation(
      String key, Map<String, Object> listing, ServerFigures.Details d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(key, listing);
    if (d.truncated()) {
      out.put("truncated", true);
    }
    return out;
  }

  private static long uptimeMs(ServerFigures f) {
    return Math.max(0, f.takenAtWallMs() - f.startedAtWallMs());
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
