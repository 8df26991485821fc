package io.paddock.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.ErrorCode;
import io.paddock.session.SessionTable.Session;
import io.paddock.session.SessionTable.State;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTableTest {

  private static final long TICK_MS = 2000;
  private static final SessionPasswords PASSWORDS =
      new SessionPasswords("0123456789abcdef-test".getBytes(StandardCharsets.UTF_8));

  private final SessionTable table = new SessionTable(TICK_MS, 100, PASSWORDS);

  @Test
  void deadlineIsRoundedUpToTheNextTick() {
    table.create(1, 5000, 1000); // 6000 is a tick boundary: rounds to the next one, 8000
    table.create(2, 5000, 1500); // 6500 → 8000: same bucket
    table.create(3, 4000, 0); // 4000 → 6000
    assertThat(table.lookup(1).orElseThrow().deadlineMs()).isEqualTo(8000);
    assertThat(table.lookup(2).orElseThrow().deadlineMs()).isEqualTo(8000);
    assertThat(table.nextExpiryMs()).hasValue(6000);

    assertThat(table.expire(5999)).isEmpty();
    assertThat(table.expire(6000)).containsExactly(3L);
    assertThat(table.expire(7999)).isEmpty();
    assertThat(table.expire(8000)).containsExactly(1L, 2L);
    assertThat(table.expire(100_000)).isEmpty();
    assertThat(table.nextExpiryMs()).isEmpty();
  }

  @Test
  void sessionLivesAtLeastItsTimeoutAfterTheLastTouch() {
    table.create(1, 3000, 0);
    assertThat(table.touch(1, 2500)).isEqualTo(ErrorCode.OK);
    assertThat(table.lookup(1).orElseThrow().deadlineMs()).isEqualTo(6000);
    assertThat(table.expire(5500)).as("2500 + 3000 has passed, the bucket has not").isEmpty();
    assertThat(table.expire(6000)).containsExactly(1L);
  }

  @Test
  void touchNeverMovesADeadlineBack() {
    table.create(1, 10_000, 10_000); // → 22000
    assertThat(table.touch(1, 0)).isEqualTo(ErrorCode.OK);
    assertThat(table.lookup(1).orElseThrow().deadlineMs()).isEqualTo(22_000);
  }

  @Test
  void expiredSessionRefusesRequestsUntilRemoved() {
    table.create(1, 4000, 0);
    assertThat(table.expire(6000)).containsExactly(1L);

    assertThat(table.lookup(1).orElseThrow().state()).isEqualTo(State.EXPIRED);
    assertThat(table.acceptsRequests(1)).isFalse();
    assertThat(table.touch(1, 6000)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(table.close(1)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(table.expire(1_000_000)).as("expires once").isEmpty();

    assertThat(table.remove(1)).isTrue();
    assertThat(table.lookup(1)).isEmpty();
    assertThat(table.remove(1)).isFalse();
  }

  @Test
  void closingSessionRefusesRequestsAndNeverExpires() {
    table.create(1, 4000, 0);
    assertThat(table.close(1)).isEqualTo(ErrorCode.OK);
    assertThat(table.close(1)).as("idempotent").isEqualTo(ErrorCode.OK);

    assertThat(table.acceptsRequests(1)).isFalse();
    assertThat(table.touch(1, 1)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(table.expire(1_000_000)).isEmpty();
    assertThat(table.lookup(1).orElseThrow().state()).isEqualTo(State.CLOSING);
    assertThat(table.count()).isEqualTo(1);
    assertThat(table.remove(1)).isTrue();
    assertThat(table.count()).isZero();
  }

  @Test
  void unknownSessions() {
    assertThat(table.touch(42, 0)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(table.close(42)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(table.acceptsRequests(42)).isFalse();
    assertThat(table.checkPassword(42, PASSWORDS.passwordFor(42))).isFalse();
  }

  @Test
  void removingAnOpenSessionTakesItOutOfItsBucket() {
    table.create(1, 4000, 0);
    table.create(2, 4000, 0);
    assertThat(table.remove(1)).isTrue();
    assertThat(table.expire(6000)).containsExactly(2L);
  }

  @Test
  void passwordCheck() {
    table.create(7, 4000, 0);
    assertThat(table.checkPassword(7, PASSWORDS.passwordFor(7))).isTrue();
    assertThat(table.checkPassword(7, PASSWORDS.passwordFor(8))).isFalse();
    assertThat(table.checkPassword(7, new byte[3])).isFalse();
    assertThat(table.checkPassword(7, null)).isFalse();
  }

  @Test
  void limitsAndInvariants() {
    SessionTable small = new SessionTable(TICK_MS, 1, PASSWORDS);
    assertThat(small.create(1, 4000, 0)).isEqualTo(ErrorCode.OK);
    assertThat(small.create(2, 4000, 0)).isEqualTo(ErrorCode.THROTTLED_OP);
    assertThatThrownBy(() -> small.create(1, 4000, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0x1 already exists");
    assertThatThrownBy(() -> small.create(3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionTable(0, 1, PASSWORDS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allIsSortedById() {
    table.create(9, 4000, 0);
    table.create(3, 6000, 0);
    table.close(9);
    assertThat(table.all())
        .containsExactly(
            new Session(3, 6000, State.OPEN, 8000), new Session(9, 4000, State.CLOSING, 6000));
  }

  /** Bucketed expiry must agree with the obvious O(n) model: expire when last touch + timeout. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void agreesWithANaiveModel(long seed) {
    Random random = new Random(seed);
    SessionTable t = new SessionTable(100, 1000, PASSWORDS);
    long[] lastTouch = new long[50];
    int[] timeout = new int[50];
    boolean[] alive = new boolean[50];
    long now = 0;
    int expiredTotal = 0;
    for (int step = 0; step < 5000; step++) {
      now += random.nextInt(30);
      int id = random.nextInt(50);
      if (!alive[id] && t.lookup(id).isEmpty()) {
        timeout[id] = 100 + random.nextInt(1000);
        t.create(id, timeout[id], now);
        alive[id] = true;
        lastTouch[id] = now;
      } else if (alive[id] && random.nextBoolean()) {
        t.touch(id, now);
        lastTouch[id] = now;
      }
      List<Long> expired = t.expire(now);
      List<Long> mustExpireBy = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        boolean overdue = alive[i] && lastTouch[i] + timeout[i] + 100 <= now;
        if (overdue) {
          mustExpireBy.add((long) i);
        }
      }
      assertThat(expired).as("step %d", step).containsAll(mustExpireBy);
      for (long id2 : expired) {
        int i = (int) id2;
        assertThat(now).as("never early").isGreaterThan(lastTouch[i] + timeout[i]);
        alive[i] = false;
        t.remove(id2);
        expiredTotal++;
      }
    }
    assertThat(expiredTotal).as("the scenario must expire sessions").isGreaterThan(50);
  }
}
