package io.paddock.quorum.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.quorum.sim.LinearizabilityChecker.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The checkers catch what they must, and the fast one agrees with the exhaustive search. */
class LinearizabilityCheckerTest {
  private static Write ok(long from, long to, int version) {
    return new Write(from, to, version, true, "ok[" + from + "," + to + "]v" + version);
  }

  private static Write unknown(long from) {
    return new Write(from, Long.MAX_VALUE, -1, false, "unknown@" + from);
  }

  @Test
  void sequentialWritesAreLinearizable() {
    List<Write> h = List.of(ok(0, 1, 1), ok(2, 3, 2), ok(4, 5, 3));
    assertThat(LinearizabilityChecker.check(h, 0).linearizable()).isTrue();
    assertThat(LinearizabilityChecker.checkByVersions(h, 0).linearizable()).isTrue();
  }

  @Test
  void aWriteOrderedBeforeOneThatFinishedEarlierIsNot() {
    List<Write> h = List.of(ok(0, 1, 2), ok(2, 3, 1));
    assertThat(LinearizabilityChecker.check(h, 0).linearizable()).isFalse();
    assertThat(LinearizabilityChecker.checkByVersions(h, 0).linearizable()).isFalse();
  }

  @Test
  void aVersionGapNeedsAnUnknownWriteThatCouldHaveBeenThere() {
    List<Write> gap = List.of(ok(0, 1, 1), ok(2, 3, 3));
    assertThat(LinearizabilityChecker.checkByVersions(gap, 0).linearizable()).isFalse();
    List<Write> filled = List.of(ok(0, 1, 1), unknown(1), ok(2, 3, 3));
    assertThat(LinearizabilityChecker.checkByVersions(filled, 0).linearizable()).isTrue();
    List<Write> tooLate = List.of(ok(0, 1, 1), ok(2, 3, 3), unknown(4));
    assertThat(LinearizabilityChecker.check(tooLate, 0).linearizable()).isFalse();
    assertThat(LinearizabilityChecker.checkByVersions(tooLate, 0).linearizable()).isFalse();
  }

  @Test
  void twoWritesCannotReturnTheSameVersion() {
    List<Write> h = List.of(ok(0, 5, 1), ok(1, 6, 1));
    assertThat(LinearizabilityChecker.check(h, 0).linearizable()).isFalse();
    assertThat(LinearizabilityChecker.checkByVersions(h, 0).linearizable()).isFalse();
  }

  @Test
  void bothCheckersAgreeOnRandomSmallHistories() {
    SplittableRandom r = new SplittableRandom(42);
    int linearizable = 0;
    for (int round = 0; round < 3_000; round++) {
      List<Write> h = new ArrayList<>();
      int n = 1 + r.nextInt(7);
      for (int i = 0; i < n; i++) {
        long from = r.nextInt(20);
        if (r.nextInt(3) == 0) {
          h.add(unknown(from));
        } else {
          h.add(ok(from, from + r.nextInt(6), 1 + r.nextInt(n)));
        }
      }
      boolean slow = LinearizabilityChecker.check(h, 0).linearizable();
      boolean fast = LinearizabilityChecker.checkByVersions(h, 0).linearizable();
      assertThat(fast).as("history %s", h).isEqualTo(slow);
      if (slow) {
        linearizable++;
      }
    }
    assertThat(linearizable).isBetween(100, 2_900); // both verdicts were exercised
  }
}
