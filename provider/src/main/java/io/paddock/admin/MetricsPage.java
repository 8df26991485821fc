package io.paddock.admin;

import java.math.BigDecimal;

/**
 * The {@code /metrics} page: a {@link ServerFigures} snapshot in the Prometheus text format. Every
 * name starts with {@code paddock_}. Only what the server measures is listed: there are no
 * placeholders for figures it does not record yet (proposal and commit latency, learners' lag).
 */
final class MetricsPage {
  private MetricsPage() {}

  static String render(ServerFigures f) {
    PrometheusText p = new PrometheusText();
    p.family("paddock_info", "gauge", "Version and mode of this server; the value is always 1.")
        .sample("paddock_info", "1", "version", f.version(), "mode", f.mode());
    p.family("paddock_uptime_seconds", "gauge", "Seconds since this server started.")
        .sample(
            "paddock_uptime_seconds",
            PrometheusText.seconds(Math.max(0, f.takenAtWallMs() - f.startedAtWallMs())));
    requests(p, f.requests());
    p.family(
            "paddock_packets_received_total",
            "counter",
            "Requests received from clients, pings included. Never reset (srst resets only the"
                + " four-letter-word figures).")
        .sample("paddock_packets_received_total", f.requests().packetsReceived());
    p.family(
            "paddock_packets_sent_total",
            "counter",
            "Replies and watch events sent to clients. Never reset.")
        .sample("paddock_packets_sent_total", f.requests().packetsSent());
    gauge(
        p,
        "paddock_outstanding_requests",
        "Requests received and not yet answered.",
        f.outstanding());
    gauge(p, "paddock_connections", "Open client connections.", f.connections().size());
    gauge(p, "paddock_sessions", "Open sessions.", f.sessionCount());
    gauge(p, "paddock_znodes", "Znodes, the root and reserved nodes included.", f.nodeCount());
    gauge(p, "paddock_ephemerals", "Ephemeral znodes.", f.ephemeralCount());
    gauge(
        p,
        "paddock_approximate_data_size_bytes",
        "Bytes of znode data plus paths, as ZooKeeper's approximate_data_size.",
        f.approximateDataBytes());
    gauge(p, "paddock_watches", "Watch registrations.", f.watchCount());
    gauge(p, "paddock_watched_paths", "Distinct watched paths.", f.watchedPaths());
    gauge(
        p,
        "paddock_watching_sessions",
        "Sessions holding at least one watch.",
        f.watchingSessions());
    gauge(p, "paddock_last_zxid", "The zxid of the last applied transaction.", f.lastZxid());
    storage(p, f.storage());
    quorum(p, f);
    return p.toString();
  }

  private static void requests(PrometheusText p, RequestMetrics.Snapshot r) {
    p.family("paddock_requests_total", "counter", "Replies sent, by operation.");
    for (RequestMetrics.OpStats op : r.ops()) {
      p.sample("paddock_requests_total", Long.toString(op.count()), "op", op.op());
    }
    String h = "paddock_request_latency_seconds";
    p.family(
        h,
        "histogram",
        "Time from receiving a request to queueing its reply, by operation. Measured with a"
            + " millisecond clock: le=\"0.001\" holds everything answered within the same tick.");
    for (RequestMetrics.OpStats op : r.ops()) {
      for (int b = 0; b < RequestMetrics.BUCKET_COUNT; b++) {
        String le = PrometheusText.seconds(RequestMetrics.BUCKET_BOUNDS_MS.get(b));
        p.sample(
            h + "_bucket", Long.toString(op.cumulativeBuckets().get(b)), "op", op.op(), "le", le);
      }
      p.sample(h + "_bucket", Long.toString(op.count()), "op", op.op(), "le", "+Inf");
      p.sample(h + "_sum", PrometheusText.seconds(op.sumMs()), "op", op.op());
      p.sample(h + "_count", Long.toString(op.count()), "op", op.op());
    }
  }

  private static void storage(PrometheusText p, StorageMetrics.Snapshot s) {
    histogram(
        p,
        "paddock_fsync_seconds",
        "Time each sync of the transaction log to the device took (one per group-committed batch;"
            + " none with forceSync=no).",
        s.fsync());
    histogram(
        p,
        "paddock_snapshot_seconds",
        "Time writing each snapshot file took (on the snapshot thread, not blocking writes).",
        s.snapshot());
    if (s.lastSnapshotBytes() >= 0) {
      gauge(
          p,
          "paddock_snapshot_bytes",
          "Size of the newest snapshot file written by this server (compressed).",
          s.lastSnapshotBytes());
    }
  }

  private static void quorum(PrometheusText p, ServerFigures f) {
    QuorumFigures q = f.quorum();
    if (!q.ensemble()) {
      return;
    }
    gauge(
        p,
        "paddock_quorum_is_leader",
        "1 while this member leads its ensemble, else 0.",
        f.mode().equals("leader") ? 1 : 0);
    gauge(p, "paddock_quorum_epoch", "The established epoch; -1 while none is.", q.epoch());
    gauge(
        p,
        "paddock_quorum_committed_zxid",
        "The last transaction this member knows committed.",
        q.committedZxid());
    p.family(
            "paddock_quorum_proposals_total",
            "counter",
            "Transactions appended to this member's replicated log (proposed, on a leader).")
        .sample("paddock_quorum_proposals_total", q.proposals());
    histogram(
        p,
        "paddock_quorum_commit_latency_seconds",
        "From appending a transaction to the replicated log (proposing it, on a leader; receiving"
            + " the proposal, on a follower) to learning it is committed.",
        q.commitLatency());
    if (!f.mode().equals("leader")) {
      return;
    }
    gauge(p, "paddock_quorum_learners", "Learners connected to this leader.", q.learners().size());
    gauge(
        p,
        "paddock_quorum_synced_followers",
        "Followers that finished syncing and receive proposals.",
        q.syncedFollowers());
    String lag = "paddock_quorum_learner_lag_transactions";
    p.family(
        lag,
        "gauge",
        "How many transactions each learner is behind this leader's log (observers report with"
            + " their pings, so theirs trails by up to a tick).");
    for (QuorumFigures.Learner l : q.learners()) {
      p.sample(
          lag,
          Long.toString(l.lagTransactions()),
          "learner",
          Long.toString(l.id()),
          "type",
          l.observer() ? "observer" : "participant");
    }
  }

  private static void histogram(
      PrometheusText p, String name, String help, DurationHistogram.Snapshot h) {
    p.family(name, "histogram", help);
    for (int b = 0; b < h.boundsSeconds().size(); b++) {
      p.sample(
          name + "_bucket",
          Long.toString(h.cumulative().get(b)),
          "le",
          BigDecimal.valueOf(h.boundsSeconds().get(b)).stripTrailingZeros().toPlainString());
    }
    p.sample(name + "_bucket", Long.toString(h.count()), "le", "+Inf");
    p.sample(
        name + "_sum", BigDecimal.valueOf(h.sumSeconds()).stripTrailingZeros().toPlainString());
    p.sample(name + "_count", Long.toString(h.count()));
  }

  private static void gauge(PrometheusText p, String name, String help, long value) {
    p.family(name, "gauge", help).sample(name, value);
  }
}
