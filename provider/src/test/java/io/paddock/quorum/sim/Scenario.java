package io.paddock.quorum.sim;

import io.paddock.quorum.core.PeerConfig;
import java.util.SplittableRandom;

/**
 * What one seed simulates: ensemble shape, fault mix and intensities, and the protocol limits (kept
 * small so that snapshots, back-pressure and epoch rollovers happen in short runs). Everything is
 * derived from the seed, so a seed alone replays a run.
 */
record Scenario(
    long seed,
    int participants,
    int observers,
    int clients,
    int keys,
    double dropRate,
    double duplicateRate,
    double reorderRate,
    boolean crashes,
    boolean pauses,
    boolean partitions,
    boolean linkCuts,
    double tornTailRate,
    int faultIntervalUnits,
    int faultPhaseTicks,
    int historyMax,
    int proposalsInFlightMax,
    boolean rollover,
    boolean lyingDisk) {

  /** Simulated time units per tick. Network delays are a few units. */
  static final int TICK_UNITS = 10;

  static final int INIT_LIMIT_TICKS = 10;
  static final int SYNC_LIMIT_TICKS = 5;

  static Scenario fromSeed(long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int participants = r.nextInt(3) == 0 ? 5 : 3;
    int observers = r.nextInt(4) == 0 ? 1 : 0;
    boolean calm = r.nextInt(10) == 0;
    return new Scenario(
        seed,
        participants,
        observers,
        2 + r.nextInt(3),
        1 + r.nextInt(3),
        calm ? 0 : r.nextDouble() * 0.08,
        calm ? 0 : r.nextDouble() * 0.04,
        calm ? 0 : r.nextDouble() * 0.2,
        !calm && r.nextInt(4) != 0,
        !calm && r.nextInt(3) != 0,
        !calm && r.nextInt(3) != 0,
        !calm && r.nextInt(2) != 0,
        r.nextDouble() * 0.5,
        20 + r.nextInt(60),
        120 + r.nextInt(80),
        4 + r.nextInt(40),
        2 + r.nextInt(30),
        r.nextInt(5) == 0,
        false);
  }

  /** The same scenario with a disk that acknowledges fsyncs it then loses (to prove the checks). */
  Scenario withLyingDisk() {
    return new Scenario(
        seed,
        participants,
        observers,
        clients,
        keys,
        dropRate,
        duplicateRate,
        reorderRate,
        true,
        pauses,
        partitions,
        linkCuts,
        tornTailRate,
        faultIntervalUnits,
        faultPhaseTicks,
        historyMax,
        proposalsInFlightMax,
        rollover,
        true);
  }

  PeerConfig peerConfig(long id, io.paddock.quorum.core.Membership membership) {
    PeerConfig c =
        PeerConfig.of(id, membership, INIT_LIMIT_TICKS, SYNC_LIMIT_TICKS)
            .withHistoryMax(historyMax)
            .withProposalsInFlightMax(proposalsInFlightMax);
    if (rollover) {
      // Epochs hold ~40 zxids: leaders roll over many times, under faults.
      c =
          c.withCounterStart(PeerConfig.COUNTER_MAX - 40)
              .withRolloverCounter(PeerConfig.COUNTER_MAX - 10);
    }
    return c;
  }
}
