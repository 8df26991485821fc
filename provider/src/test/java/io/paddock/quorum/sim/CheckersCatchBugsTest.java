package io.paddock.quorum.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkers are not vacuous: give the servers disks that acknowledge fsyncs and then lose the
 * last batch in a crash (a broken storage contract), and the simulator must catch lost acknowledged
 * writes or diverging histories on some seeds, with a replay command.
 */
class CheckersCatchBugsTest {
  @Test
  void aDiskThatLiesAboutFsyncIsCaught() {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= 300; seed++) {
      Scenario lying = Scenario.fromSeed(seed).withLyingDisk();
      try {
        new Simulation(lying).run();
      } catch (AssertionError e) {
        failures.add(e.getMessage());
      }
    }
    assertThat(failures).isNotEmpty();
    assertThat(failures).allMatch(m -> m.contains("-Dsim.seed="));
    assertThat(failures)
        .anyMatch(
            m ->
                m.contains("acknowledged write")
                    || m.contains("applied")
                    || m.contains("is not in the committed history"));
  }
}
