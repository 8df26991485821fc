package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.ErrorCode;
import io.paddock.api.PaddockException;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small parts: outbox, pending queue, liveness clocks, event thread. No sockets. */
class ClientPartsTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final AtomicInteger wakeups = new AtomicInteger();

  private Outbox outbox(int frameMax, int queuedMax) {
    return new Outbox(frameMax, queuedMax, 500, clock::get, wakeups::incrementAndGet);
  }

  private static Call<Void> call(String path) {
    return Call.of(OpCode.DELETE, new Request.Delete(path, -1), path, (h, b) -> null, null);
  }

  private static ErrorCode failure(CompletableFuture<?> f) throws InterruptedException {
    assertThat(f).isCompletedExceptionally();
    try {
      f.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return ((PaddockException) e.getCause()).code();
    }
  }

  @Test
  void outboxAssignsIncreasingXidsInQueueOrderAndPatchesTheFrame() {
    Outbox o = outbox(1_000, 10);
    Call<Void> a = call("/a");
    Call<Void> b = call("/b");
    assertThat(o.submit(a)).isNotDone();
    assertThat(o.submit(b)).isNotDone();
    assertThat(a.xid()).isEqualTo(1);
    assertThat(b.xid()).isEqualTo(2);
    assertThat(b.frame()[7]).isEqualTo((byte) 2);
    assertThat(wakeups.get()).as("only a call into an empty queue wakes the I/O thread").isOne();
    assertThat(o.poll()).isSameAs(a);
    assertThat(o.poll()).isSameAs(b);
    assertThat(o.poll()).isNull();
    assertThat(o.isEmpty()).isTrue();
    assertThat(o.submit(call("/c"))).isNotDone();
    assertThat(wakeups.get()).isEqualTo(2);
  }

  @Test
  void outboxFailsOversizedAndOverflowingCallsAtOnce() throws Exception {
    Outbox o = outbox(40, 1);
    CompletableFuture<Void> big = o.submit(call("/" + "x".repeat(100)));
    assertThat(failure(big)).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(o.submit(call("/a"))).isNotDone();
    assertThat(failure(o.submit(call("/b")))).isEqualTo(ErrorCode.THROTTLED_OP);
  }

  @Test
  void outboxHandsOverOverdueCallsAndRefusesAfterTheEnd() throws Exception {
    Outbox o = outbox(1_000, 10);
    Call<Void> a = call("/a");
    assertThat(o.submit(a)).isNotDone();
    clock.addAndGet(300);
    Call<Void> b = call("/b");
    assertThat(o.submit(b)).isNotDone();
    assertThat(o.headWaitNanos(clock.get())).isEqualTo(200);
    assertThat(o.takeOverdue(clock.get())).isEmpty();
    clock.addAndGet(200);
    assertThat(o.takeOverdue(clock.get())).containsExactly(a);
    Call<Void> last = call("/close");
    assertThat(o.submitLastAndRefuse(last, ErrorCode.SESSION_EXPIRED, "closed")).isTrue();
    assertThat(o.submitLastAndRefuse(call("/x"), ErrorCode.SESSION_EXPIRED, "again")).isFalse();
    assertThat(failure(o.submit(call("/late")))).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(o.refuse(ErrorCode.CONNECTION_LOSS, "ignored")).containsExactly(b, last);
    assertThat(o.headWaitNanos(clock.get())).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void pendingRequestsRejectOutOfOrderReplies() throws Exception {
    PendingRequests p = new PendingRequests();
    assertThatThrownBy(() -> p.take(1)).isInstanceOf(ProtocolViolation.class);
    Call<Void> a = call("/a");
    a.assignXid(5);
    Call<Void> b = call("/b");
    b.assignXid(6);
    p.add(a);
    p.add(b);
    assertThatThrownBy(() -> p.take(6))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("expected xid 5");
    assertThat(p.take(5)).isSameAs(a);
    assertThat(p.oldest()).isSameAs(b);
    assertThat(p.drain()).containsExactly(b);
    assertThat(p.size()).isZero();
  }

  @Test
  void livenessPingsAtAThirdAndGivesUpAtTwoThirds() {
    LivenessTimer t = new LivenessTimer(0);
    long ms = 1_000_000L;
    t.negotiated(3_000, 0);
    t.sent(0);
    assertThat(t.pingDue(999 * ms)).isFalse();
    assertThat(t.pingDue(1_000 * ms)).isTrue();
    assertThat(t.readTimedOut(1_999 * ms)).isFalse();
    assertThat(t.readTimedOut(2_000 * ms)).isTrue();
    t.received(1_500 * ms);
    assertThat(t.readTimedOut(2_000 * ms)).isFalse();
    assertThat(t.silentMs(2_000 * ms)).isEqualTo(500);
    assertThat(t.nanosUntilNext(500 * ms, null)).isEqualTo(500 * ms);
    assertThat(t.requestOverdue(0, Long.MAX_VALUE)).isFalse(); // no request timeout set
    LivenessTimer r = new LivenessTimer(100);
    r.negotiated(30_000, 0);
    assertThat(r.requestOverdue(0, 100 * ms)).isTrue();
    assertThat(r.nanosUntilNext(40 * ms, 0L)).isEqualTo(60 * ms);
    // nanoTime may wrap: only differences count
    LivenessTimer w = new LivenessTimer(0);
    w.negotiated(3_000, Long.MAX_VALUE - ms);
    assertThat(w.readTimedOut(Long.MAX_VALUE + 10 * ms)).isFalse();
  }

  @Test
  void eventThreadRunsInOrderSurvivesThrowsAndRunsInlineAfterShutdown() throws Exception {
    EventDispatcher d = new EventDispatcher("test-events");
    d.start();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      d.execute(
          () -> {
            if (n == 50) {
              throw new IllegalStateException("callback bug (expected in this test)");
            }
            seen.add(n);
          });
    }
    d.execute(() -> threads.add(Thread.currentThread().getName()));
    d.shutdown();
    d.shutdown();
    assertThat(d.awaitTermination(10_000)).isTrue();
    assertThat(seen).hasSize(99).isSorted();
    assertThat(threads).containsExactly("test-events");
    CompletableFuture<String> late = new CompletableFuture<>();
    d.execute(() -> late.complete(Thread.currentThread().getName()));
    assertThat(late.get(1, TimeUnit.SECONDS)).isEqualTo(Thread.currentThread().getName());
  }
}
