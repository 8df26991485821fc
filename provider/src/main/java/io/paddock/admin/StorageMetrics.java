package io.paddock.admin;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the storage threads measure for {@code /metrics}: how long each sync of the transaction log
 * takes (where the log writer forces the file), and how long writing a snapshot takes and how big
 * it is (where the snapshot thread writes it). Recorded from those threads, read from any.
 */
public final class StorageMetrics {
  private final DurationHistogram fsync =
      new DurationHistogram(DurationHistogram.FSYNC_BOUNDS_SECONDS);
  private final DurationHistogram snapshot =
      new DurationHistogram(DurationHistogram.SNAPSHOT_BOUNDS_SECONDS);
  private final AtomicLong lastSnapshotBytes = new AtomicLong(-1);

  /** A sync of the log to the device took {@code nanos}. */
  public void fsync(long nanos) {
    fsync.record(nanos);
  }

  /** A snapshot of {@code fileBytes} bytes was written in {@code nanos}. */
  public void snapshot(long nanos, long fileBytes) {
    snapshot.record(nanos);
    lastSnapshotBytes.set(fileBytes);
  }

  /** The figures now. */
  public Snapshot snapshot() {
    return new Snapshot(fsync.snapshot(), snapshot.snapshot(), lastSnapshotBytes.get());
  }

  /**
   * Storage figures at one moment.
   *
   * @param fsync log sync durations
   * @param snapshot snapshot write durations
   * @param lastSnapshotBytes the size of the newest snapshot file; -1 before the first
   */
  public record Snapshot(
      DurationHistogram.Snapshot fsync,
      DurationHistogram.Snapshot snapshot,
      long lastSnapshotBytes) {
    /** Nothing measured: a server without durable storage, or a test. */
    public static final Snapshot EMPTY = new StorageMetrics().snapshot();
  }
}
