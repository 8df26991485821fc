package io.paddock.server;

/**
 * Request counters and latency figures for the four-letter words and metrics. Written by the
 * processor thread only, which also renders the four-letter words.
 */
final class ServerStats {
  private long packetsReceived;
  private long packetsSent;
  private long latencyMinMs = Long.MAX_VALUE;
  private long latencyMaxMs;
  private long latencyTotalMs;
  private long latencyCount;

  void received() {
    packetsReceived++;
  }

  void sent(long latencyMs) {
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
