package io.paddock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
  private static Thread threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  void handsOverEveryItemInOrderThenTheEnd() throws IOException {
    List<Integer> got = new ArrayList<>();
    try (Prefetcher<Integer> p =
        new Prefetcher<>(
            out -> {
              for (int i = 0; i < 1000; i++) {
                out.put(i);
              }
            },
            3,
            "test-prefetch")) {
      Integer item;
      while ((item = p.next()) != null) {
        got.add(item);
      }
      assertThat(p.next()).isNull(); // the end stays the end
    }
    assertThat(got).hasSize(1000).isSorted().startsWith(0).endsWith(999);
  }

  @Test
  void failuresArriveAfterTheItemsBeforeThemWithTheirOwnType() throws IOException {
    for (Throwable failure :
        List.of(
            new IOException("disk said no"),
            new IllegalArgumentException("not a znode path"),
            new OutOfMemoryError("simulated"))) {
      try (Prefetcher<Integer> p =
          new Prefetcher<>(
              out -> {
                out.put(1);
                out.put(2);
                if (failure instanceof IOException e) {
                  throw e;
                }
                if (failure instanceof RuntimeException e) {
                  throw e;
                }
                throw (Error) failure;
              },
              1,
              "test-prefetch")) {
        assertThat(p.next()).isEqualTo(1);
        assertThat(p.next()).isEqualTo(2);
        assertThatThrownBy(p::next).isSameAs(failure);
        assertThat(p.next()).isNull();
      }
    }
  }

  @Test
  void theProducerWaitsWhenTheQueueIsFullAndCloseEndsIt() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Prefetcher<Integer> p =
        new Prefetcher<>(
            out -> {
              while (true) {
                out.put(made.incrementAndGet());
              }
            },
            2,
            "test-prefetch-bounded");
    Thread producer = threadNamed("test-prefetch-bounded");
    assertThat(producer).isNotNull();
    // two queued, the third waiting to be put
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> producer.getState() == Thread.State.WAITING && made.get() == 3);
    assertThat(p.next()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> made.get() == 4);
    p.close();
    assertThat(producer.isAlive()).isFalse();
  }
}
