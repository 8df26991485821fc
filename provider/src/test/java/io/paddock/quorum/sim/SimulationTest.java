package io.paddock.quorum.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the simulated ensemble for many seeds. Every seed is a different ensemble shape and fault
 * mix; a failure prints the seed and the command that replays it.
 *
 * <ul>
 *   <li>{@code -Dsim.seed=N} replays one seed;
 *   <li>{@code -Dsim.seeds=N -Dsim.firstSeed=M} runs N seeds from M (default: 1,000 from 1).
 * </ul>
 *
 * Reading system properties is fine here: this is test code choosing which seeds to run.
 */
class SimulationTest {
  static LongStream seeds() {
    String one = System.getProperty("sim.seed");
    if (one != null && !one.isBlank()) {
      return LongStream.of(Long.parseLong(one.trim()));
    }
    long count = Long.getLong("sim.seeds", 1_000L);
    long first = Long.getLong("sim.firstSeed", 1L);
    return LongStream.range(first, first + count);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void safeAndLive(long seed) {
    long start = System.nanoTime();
    Simulation.Stats stats = new Simulation(Scenario.fromSeed(seed)).run();
    if (Boolean.getBoolean("sim.verbose")) {
      System.out.printf("seed %d: %d ms %s%n", seed, (System.nanoTime() - start) / 1_000_000, stats);
    }

    assertThat(stats.leaders()).isPositive();
    assertThat(stats.acknowledged()).isPositive();
  }
}
