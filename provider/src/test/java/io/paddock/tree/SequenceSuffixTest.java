package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceSuffixTest {

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        9,
        10,
        123_456,
        999_999_999,
        Integer.MAX_VALUE,
        -1,
        -5,
        -999_999_999,
        Integer.MIN_VALUE
      })
  void formatsLikeZooKeepersPercent010d(int counter) {
    String suffix = Applier.sequenceSuffix(counter);
    assertThat(suffix).isEqualTo(String.format(Locale.ENGLISH, "%010d", counter));
    assertThat(suffix.length()).isGreaterThanOrEqualTo(10);
  }

  @org.junit.jupiter.api.Test
  void negativeKeepsTheSignWithinTenChars() {
    assertThat(Applier.sequenceSuffix(-5)).isEqualTo("-000000005");
    assertThat(Applier.sequenceSuffix(7)).isEqualTo("0000000007");
  }
}
