package io.paddock.server;

import io.paddock.admin.RequestMetrics;
import io.paddock.wire.OpCode;

/**
 * Request counters and latency figures for the four-letter words and metrics. Written by the
 * processor thread only, which also renders the four-letter words. {@link #reset()} ({@code srst})
 * clears the four-letter-word figures but not the per-op {@link RequestMetrics}, whose counters
 * must only grow.
 */
final class ServerStats {
  private final RequestMetrics metrics = new RequestMetrics();
  private long packetsReceived;
  private long packetsSent;
  private long latencyMinMs = Long.MAX_VALUE;
  private long latencyMaxMs;
  private long latencyTotalMs;
  private long latencyCount;

  void received() {
    packetsReceived++;
    metrics.received();
  }

  void sent(OpCode op, long latencyMs) {
    metrics.record(op, latencyMs);
    packetsSent++;
    latencyCount++;
    latencyTotalMs += latencyMs;
    if (latencyMs < latencyMinMs) {
      latencyMinMs = latencyMs;
    }
    if (latencyMs > latencyMaxMs) {
      latencyMaxMs = latencyMs;
    }
  }

  void sentWithoutLatency() {
    packetsSent++;
    metrics.sentUnsolicited();
  }

  RequestMetrics.Snapshot metrics() {
    return metrics.snapshot();
  }

  long packetsReceived() {
    return packetsReceived;
  }

  long packetsSent() {
    return packetsSent;
  }

  long latencyMinMs() {
    return latencyCount == 0 ? 0 : latencyMinMs;
  }

  long latencyMaxMs() {
    return latencyMaxMs;
  }

  double latencyAvgMs() {
    return latencyCount == 0 ? 0 : (double) latencyTotalMs / latencyCount;
  }

  void reset() {
    packetsReceived = 0;
    packetsSent = 0;
    latencyMinMs = Long.MAX_VALUE;
    latencyMaxMs = 0;
    latencyTotalMs = 0;
    latencyCount = 0;
  }
}
