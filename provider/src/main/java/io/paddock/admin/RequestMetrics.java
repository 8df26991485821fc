package io.paddock.admin;

import io.paddock.wire.OpCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-operation request counts and latency histograms, plus packet totals, for the Prometheus page.
 * Single writer: the processor thread records as it sends each reply, and takes {@link
 * #snapshot()}s for readers on other threads, so nothing here is synchronised.
 *
 * <p>The hot path is cheap: {@link #record} bumps plain {@code long}s in arrays indexed by op code
 * and walks {@value #BUCKET_COUNT} bucket bounds; it never allocates. Counts only grow (a
 * Prometheus counter must): {@code srst} resets the four-letter-word figures, not these.
 *
 * <p>Latency is measured with the server's millisecond monotonic clock, so the smallest bucket
 * ({@code le="0.001"}) holds every request answered within the same millisecond tick.
 */
public final class RequestMetrics {
  /** Upper bounds of the latency buckets, in ms; a last, implicit bucket is +Inf. */
  public static final List<Long> BUCKET_BOUNDS_MS =
      List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1000L, 2000L, 5000L);

  static final int BUCKET_COUNT = 12;

  /** The label of requests whose op code ZooKeeper 3.9 does not define. */
  public static final String UNKNOWN_OP = "unknown";

  private final long[] boundsMs = new long[BUCKET_COUNT]; // unboxed copy for the hot path
  private final int minCode;
  private final OpCode[] opBySlot;
  private final long[] counts;
  private final long[] sumsMs;
  private final long[] buckets; // slot * (BUCKET_COUNT + 1) + bucket; +Inf is the last
  private long packetsReceived;
  private long packetsSent;

  /** Empty metrics, with a slot for every op code plus one for unknown codes. */
  public RequestMetrics() {
    assert BUCKET_BOUNDS_MS.size() == BUCKET_COUNT : BUCKET_BOUNDS_MS.size();
    for (int b = 0; b < BUCKET_COUNT; b++) {
      boundsMs[b] = BUCKET_BOUNDS_MS.get(b);
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (OpCode op : OpCode.values()) {
      min = Math.min(min, op.code());
      max = Math.max(max, op.code());
    }
    this.minCode = min;
    int slots = max - min + 2; // slot 0 is "unknown"
    this.opBySlot = new OpCode[slots];
    for (OpCode op : OpCode.values()) {
      opBySlot[slotOf(op)] = op;
    }
    this.counts = new long[slots];
    this.sumsMs = new long[slots];
    this.buckets = new long[slots * (BUCKET_COUNT + 1)];
  }

  private int slotOf(OpCode op) {
    return op == null ? 0 : op.code() - minCode + 1;
  }

  /** A request was received (any op, pings included). */
  public void received() {
    packetsReceived++;
  }

  /** A packet was sent that answers no request (a watch event). */
  public void sentUnsolicited() {
    packetsSent++;
  }

  /**
   * A reply was sent for {@code op} (null: an op code we do not know) {@code latencyMs} after its
   * request arrived.
   */
  public void record(OpCode op, long latencyMs) {
    int slot = slotOf(op);
    long ms = Math.max(0, latencyMs); // a monotonic clock never goes back; be safe anyway
    counts[slot]++;
    sumsMs[slot] += ms;
    int bucket = 0;
    while (bucket < BUCKET_COUNT && ms > boundsMs[bucket]) {
      bucket++;
    }
    buckets[slot * (BUCKET_COUNT + 1) + bucket]++;
    packetsSent++;
  }

  /** An immutable copy, taken on the writer's thread. Ops never seen are left out. */
  public Snapshot snapshot() {
    List<OpStats> ops = new ArrayList<>();
    for (int slot = 0; slot < counts.length; slot++) {
      if (counts[slot] == 0) {
        continue;
      }
      List<Long> cumulative = new ArrayList<>(BUCKET_COUNT + 1);
      long running = 0;
      for (int b = 0; b <= BUCKET_COUNT; b++) {
        running += buckets[slot * (BUCKET_COUNT + 1) + b];
        cumulative.add(running);
      }
      assert running == counts[slot] : running + " != " + counts[slot];
      ops.add(new OpStats(labelOf(opBySlot[slot]), counts[slot], sumsMs[slot], cumulative));
    }
    return new Snapshot(ops, packetsReceived, packetsSent);
  }

  /** ZooKeeper's style of op name: {@code GET_DATA} becomes {@code getData}. */
  static String labelOf(OpCode op) {
    if (op == null) {
      return UNKNOWN_OP;
    }
    StringBuilder sb = new StringBuilder();
    boolean upper = false;
    for (char c : op.name().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /**
   * One op's figures.
   *
   * @param op the op label, e.g. {@code getData}
   * @param count replies sent
   * @param sumMs total latency
   * @param cumulativeBuckets replies with latency at most each bound of {@link #BUCKET_BOUNDS_MS},
   *     then the total (the +Inf bucket)
   */
  public record OpStats(String op, long count, long sumMs, List<Long> cumulativeBuckets) {
    public OpStats {
      cumulativeBuckets = List.copyOf(cumulativeBuckets);
    }
  }

  /**
   * Everything, at one moment.
   *
   * @param ops the ops seen so far, in op-code order
   * @param packetsReceived requests received since start
   * @param packetsSent replies and watch events sent since start
   */
  public record Snapshot(List<OpStats> ops, long packetsReceived, long packetsSent) {
    public static final Snapshot EMPTY = new Snapshot(List.of(), 0, 0);

    public Snapshot {
      ops = List.copyOf(ops);
    }
  }
}
