package io.paddock.it.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured window of a load gave.
 *
 * @param ops requests completed inside the window (errors included)
 * @param errors of those, requests answered with an error code
 * @param windowNanos length of the window
 * @param latencyNanos issue-to-callback latency of every request completed inside the window
 * @param cpuNanos CPU time (user + system) the server process used during the window
 */
record LoadResult(long ops, long errors, long windowNanos, Histogram latencyNanos, long cpuNanos) {
  double opsPerSecond() {
    return ops * 1e9 / windowNanos;
  }

  double cpuMicrosPerOp() {
    return ops == 0 ? Double.NaN : cpuNanos / 1e3 / ops;
  }

  double p50Micros() {
    return latencyNanos.getValueAtPercentile(50) / 1e3;
  }

  double p99Micros() {
    return latencyNanos.getValueAtPercentile(99) / 1e3;
  }

  double p999Micros() {
    return latencyNanos.getValueAtPercentile(99.9) / 1e3;
  }
}
