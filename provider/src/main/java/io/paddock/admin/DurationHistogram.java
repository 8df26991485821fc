package io.paddock.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Prometheus-style histogram of durations, safe to record from any thread (the log writer, the
 * snapshot thread) while another renders it. Recording never allocates or locks.
 *
 * <p>A {@link #snapshot()} taken while a recording runs may see a bucket without its sum; the count
 * is derived from the buckets, so {@code _count} always equals the {@code +Inf} bucket.
 */
public final class DurationHistogram {
  /** Upper bounds for a sync of the log: 100 µs (a fast SSD) to 10 s (a stalled disk). */
  public static final List<Double> FSYNC_BOUNDS_SECONDS =
      List.of(
          0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
          2.5, 5.0, 10.0);

  /** Upper bounds for writing a snapshot: 1 ms (a few znodes) to 10 min. */
  public static final List<Double> SNAPSHOT_BOUNDS_SECONDS =
      List.of(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 600.0);

  /** More buckets than this make a page nobody reads. */
  static final int BUCKETS_MAX = 32;

  private static final double NANOS_PER_SECOND = 1e9;

  private final List<Double> boundsSeconds;
  private final long[] boundsNanos;
  private final AtomicLongArray buckets; // the last one is +Inf
  private final AtomicLong sumNanos = new AtomicLong();

  /**
   * @param boundsSeconds ascending upper bounds, at most {@value #BUCKETS_MAX}
   */
  public DurationHistogram(List<Double> boundsSeconds) {
    if (boundsSeconds.isEmpty() || boundsSeconds.size() > BUCKETS_MAX) {
      throw new IllegalArgumentException("1 to " + BUCKETS_MAX + " bounds: " + boundsSeconds);
    }
    this.boundsSeconds = List.copyOf(boundsSeconds);
    this.boundsNanos = new long[boundsSeconds.size()];
    for (int i = 0; i < boundsNanos.length; i++) {
      boundsNanos[i] = Math.round(boundsSeconds.get(i) * NANOS_PER_SECOND);
      if (i > 0 && boundsNanos[i] <= boundsNanos[i - 1]) {
        throw new IllegalArgumentException("bounds must ascend: " + boundsSeconds);
      }
    }
    this.buckets = new AtomicLongArray(boundsNanos.length + 1);
  }

  /** Records one duration; a negative one (a clock bug) counts as 0. */
  public void record(long nanos) {
    long n = Math.max(0, nanos);
    int b = 0;
    while (b < boundsNanos.length && n > boundsNanos[b]) {
      b++;
    }
    buckets.incrementAndGet(b);
    sumNanos.addAndGet(n);
  }

  /** The figures now. */
  public Snapshot snapshot() {
    List<Long> cumulative = new ArrayList<>(buckets.length());
    long running = 0;
    for (int b = 0; b < buckets.length(); b++) {
      running += buckets.get(b);
      cumulative.add(running);
    }
    return new Snapshot(boundsSeconds, cumulative, sumNanos.get() / NANOS_PER_SECOND);
  }

  /**
   * A histogram at one moment.
   *
   * @param boundsSeconds the upper bounds, without +Inf
   * @param cumulative observations at most each bound, then all of them (+Inf)
   * @param sumSeconds the total of all observations
   */
  public record Snapshot(List<Double> boundsSeconds, List<Long> cumulative, double sumSeconds) {
    public Snapshot {
      boundsSeconds = List.copyOf(boundsSeconds);
      cumulative = List.copyOf(cumulative);
      if (cumulative.size() != boundsSeconds.size() + 1) {
        throw new IllegalArgumentException(cumulative.size() + " buckets for " + boundsSeconds);
      }
    }

    /** Observations in total. */
    public long count() {
      return cumulative.get(cumulative.size() - 1);
    }
  }
}
