package io.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SessionOrderTest {
  private final SessionOrder<String> order = new SessionOrder<>();

  @Test
  void readsRunAtOnceWhenNothingIsPending() {
    assertThat(order.offerRead(1, "r1")).isTrue();
    assertThat(order.queuedTotal()).isZero();
  }

  @Test
  void readsWaitForEarlierWritesOfTheirSessionOnly() {
    order.writeSubmitted(1);
    assertThat(order.offerRead(1, "r1")).isFalse();
    assertThat(order.offerRead(1, "r2")).isFalse();
    assertThat(order.offerRead(2, "other")).isTrue();
    order.writeSubmitted(1);
    assertThat(order.offerRead(1, "r3")).isFalse();

    assertThat(order.committed(1)).containsExactly("r1", "r2");
    assertThat(order.hasPendingWrite(1)).isTrue();
    assertThat(order.committed(1)).containsExactly("r3");
    assertThat(order.hasPendingWrite(1)).isFalse();
    assertThat(order.queuedTotal()).isZero();
  }

  @Test
  void aCommitWithoutAPendingWriteIsABrokenInvariant() {
    assertThatThrownBy(() -> order.committed(7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0x7");
  }

  @Test
  void droppingASessionReturnsItsQueuedReads() {
    order.writeSubmitted(3);
    order.offerRead(3, "a");
    order.writeSubmitted(3);
    order.offerRead(3, "b");
    assertThat(order.drop(3)).containsExactly("a", "b");
    assertThat(order.queuedTotal()).isZero();
    assertThat(order.offerRead(3, "c")).isTrue();
  }
}
