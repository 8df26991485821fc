package io.paddock.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.wire.OpCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
  @Test
  void bucketsAreCumulativeAndBoundsInclusive() {
    RequestMetrics m = new RequestMetrics();
    m.record(OpCode.GET_DATA, 0);
    m.record(OpCode.GET_DATA, 1); // le=1 ms is inclusive
    m.record(OpCode.GET_DATA, 2);
    m.record(OpCode.GET_DATA, 7);
    m.record(OpCode.GET_DATA, 60_000); // past every bound: +Inf only
    RequestMetrics.OpStats s = m.snapshot().ops().get(0);
    assertThat(s.op()).isEqualTo("getData");
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.sumMs()).isEqualTo(60_010);
    // bounds 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, then +Inf
    assertThat(s.cumulativeBuckets())
        .containsExactly(2L, 3L, 3L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 4L, 5L);
  }

  @Test
  void opsAreSeparateAndOnlySeenOpsAreListed() {
    RequestMetrics m = new RequestMetrics();
    m.record(OpCode.CREATE, 3);
    m.record(OpCode.PING, 0);
    m.record(OpCode.CLOSE_SESSION, 1);
    m.record(null, 0);
    m.received();
    m.sentUnsolicited();
    RequestMetrics.Snapshot s = m.snapshot();
    assertThat(s.ops())
        .extracting(RequestMetrics.OpStats::op)
        .containsExactlyInAnyOrder("create", "ping", "closeSession", RequestMetrics.UNKNOWN_OP);
    assertThat(s.ops()).allSatisfy(op -> assertThat(op.count()).isEqualTo(1));
    assertThat(s.packetsReceived()).isEqualTo(1);
    assertThat(s.packetsSent()).isEqualTo(5); // four replies and one watch event
  }

  @Test
  void snapshotsAreImmutableCopies() {
    RequestMetrics m = new RequestMetrics();
    m.record(OpCode.EXISTS, 1);
    RequestMetrics.Snapshot before = m.snapshot();
    m.record(OpCode.EXISTS, 1);
    assertThat(before.ops().get(0).count()).isEqualTo(1);
    assertThat(m.snapshot().ops().get(0).count()).isEqualTo(2);
    assertThatThrownBy(() -> before.ops().get(0).cumulativeBuckets().set(0, 9L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void labelsFollowZooKeeperOpNames() {
    assertThat(RequestMetrics.labelOf(OpCode.GET_CHILDREN2)).isEqualTo("getChildren2");
    assertThat(RequestMetrics.labelOf(OpCode.SET_WATCHES2)).isEqualTo("setWatches2");
    assertThat(RequestMetrics.labelOf(OpCode.MULTI_READ)).isEqualTo("multiRead");
  }

  @Test
  void metricsPageParsesAndCarriesEveryFamily() {
    RequestMetrics m = new RequestMetrics();
    m.record(OpCode.SET_DATA, 3);
    m.record(OpCode.SET_DATA, 1500);
    StorageMetrics storage = new StorageMetrics();
    storage.fsync(500_000); // 0.5 ms
    storage.fsync(2_000_000); // 2 ms
    storage.fsync(20_000_000_000L); // 20 s: beyond the last bound
    storage.snapshot(750_000_000L, 4096);
    ServerFigures f =
        new ServerFigures(
            "v\"1\\\n",
            "standalone",
            1,
            0x42,
            1_000,
            61_000,
            5,
            77,
            1,
            3,
            2,
            1,
            1,
            0,
            9,
            9,
            0,
            0.5,
            3,
            List.of(),
            m.snapshot(),
            storage.snapshot(),
            QuorumFigures.standalone(),
            ServerFigures.Details.NONE);
    PromParser p = PromParser.parse(MetricsPage.render(f));
    assertThat(p.types)
        .containsEntry("paddock_fsync_seconds", "histogram")
        .containsEntry("paddock_snapshot_seconds", "histogram")
        .containsEntry("paddock_snapshot_bytes", "gauge");
    assertThat(p.value("paddock_fsync_seconds_bucket{le=\"0.001\"}")).isEqualTo(1);
    assertThat(p.value("paddock_fsync_seconds_bucket{le=\"0.0025\"}")).isEqualTo(2);
    assertThat(p.value("paddock_fsync_seconds_bucket{le=\"+Inf\"}")).isEqualTo(3);
    assertThat(p.value("paddock_fsync_seconds_count")).isEqualTo(3);
    assertThat(p.value("paddock_fsync_seconds_sum")).isEqualTo(20.0025);
    assertThat(p.value("paddock_snapshot_seconds_bucket{le=\"0.5\"}")).isZero();
    assertThat(p.value("paddock_snapshot_seconds_bucket{le=\"1\"}")).isEqualTo(1);
    assertThat(p.value("paddock_snapshot_bytes")).isEqualTo(4096);
    assertThat(p.types)
        .containsEntry("paddock_requests_total", "counter")
        .containsEntry("paddock_request_latency_seconds", "histogram")
        .containsEntry("paddock_znodes", "gauge");
    assertThat(p.types.keySet()).allSatisfy(name -> assertThat(name).startsWith("paddock_"));
    assertThat(p.value("paddock_requests_total{op=\"setData\"}")).isEqualTo(2);
    assertThat(p.value("paddock_request_latency_seconds_bucket{op=\"setData\",le=\"0.005\"}"))
        .isEqualTo(1);
    assertThat(p.value("paddock_request_latency_seconds_bucket{op=\"setData\",le=\"2\"}"))
        .isEqualTo(2);
    assertThat(p.value("paddock_request_latency_seconds_bucket{op=\"setData\",le=\"+Inf\"}"))
        .isEqualTo(2);
    assertThat(p.value("paddock_request_latency_seconds_sum{op=\"setData\"}")).isEqualTo(1.503);
    assertThat(p.value("paddock_uptime_seconds")).isEqualTo(60);
    assertThat(p.value("paddock_last_zxid")).isEqualTo(0x42);
    assertThat(p.value("paddock_approximate_data_size_bytes")).isEqualTo(77);
    // the version label holds a quote, a backslash and a newline: escaped, so the page parses
    assertThat(p.samples.keySet())
        .contains("paddock_info{version=\"v\\\"1\\\\\\n\",mode=\"standalone\"}");
  }

  @Test
  void prometheusWriterRejectsBadNames() {
    PrometheusText p = new PrometheusText();
    assertThatThrownBy(() -> p.family("paddock-bad", "gauge", "x"))
        .hasMessageContaining("paddock-bad");
    assertThatThrownBy(() -> p.sample("ok", "1", "bad-label", "v"))
        .hasMessageContaining("bad-label");
    assertThat(PrometheusText.seconds(1)).isEqualTo("0.001");
    assertThat(PrometheusText.seconds(5000)).isEqualTo("5");
    assertThat(PrometheusText.seconds(0)).isEqualTo("0");
  }
}
