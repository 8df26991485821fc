package io.paddock.quorum.core;

import java.util.Objects;

/**
 * The parameters of one peer. Every limit is a count or a number of ticks; the embedding decides
 * how long a tick is.
 *
 * @param myId this server's id
 * @param membership the ensemble; {@code myId} must be in it
 * @param initLimitTicks how long discovery and synchronization may take before a learner or a
 *     leader gives up and elects again (ZooKeeper's {@code initLimit})
 * @param syncLimitTicks how long a follower waits without hearing from its leader, and a leader
 *     without hearing from a quorum, before electing again (ZooKeeper's {@code syncLimit})
 * @param finalizeWaitTicksMax once a quorum agrees on a vote, wait 1..this many ticks (random) for
 *     a better vote before deciding
 * @param historyMax committed transactions kept in memory beyond the uncommitted ones, so that a
 *     learner that far behind gets a DIFF instead of a snapshot
 * @param proposalsInFlightMax uncommitted proposals a leader accepts before answering BUSY
 * @param forwardQueueMax writes and syncs from learners a leader queues before breaking the
 *     handshake of the learner that overflows it
 * @param retransmitBatchMax proposals re-sent at once to a learner that reports a gap
 * @param rolloverCounter when a leader stamps a zxid whose 32-bit counter reaches this value, it
 *     starts moving to the next epoch (without an election) so the counter never wraps
 * @param counterStart the counter after which a leader stamps the first zxid of a new epoch: 0 in
 *     production (the first zxid of epoch e is e:1); tests start near the end of the counter to
 *     cross it
 */
public record PeerConfig(
    long myId,
    Membership membership,
    int initLimitTicks,
    int syncLimitTicks,
    int finalizeWaitTicksMax,
    int historyMax,
    int proposalsInFlightMax,
    int forwardQueueMax,
    int retransmitBatchMax,
    long rolloverCounter,
    long counterStart) {

  /** The largest counter a zxid can carry. */
  public static final long COUNTER_MAX = 0xffff_ffffL;

  public PeerConfig {
    Objects.requireNonNull(membership, "membership");
    if (!membership.isMember(myId)) {
      throw new IllegalArgumentException("server " + myId + " is not in " + membership);
    }
    positive("initLimitTicks", initLimitTicks);
    positive("syncLimitTicks", syncLimitTicks);
    positive("finalizeWaitTicksMax", finalizeWaitTicksMax);
    positive("historyMax", historyMax);
    positive("proposalsInFlightMax", proposalsInFlightMax);
    positive("forwardQueueMax", forwardQueueMax);
    positive("retransmitBatchMax", retransmitBatchMax);
    if (rolloverCounter < 1 || rolloverCounter > COUNTER_MAX) {
      throw new IllegalArgumentException(
          "rolloverCounter " + rolloverCounter + " out of range 1.." + COUNTER_MAX);
    }
    if (counterStart < 0 || counterStart >= COUNTER_MAX) {
      throw new IllegalArgumentException(
          "counterStart " + counterStart + " out of range 0.." + (COUNTER_MAX - 1));
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  /** Defaults for everything but the ids and ZooKeeper's two limits. */
  public static PeerConfig of(
      long myId, Membership membership, int initLimitTicks, int syncLimitTicks) {
    return new PeerConfig(
        myId,
        membership,
        initLimitTicks,
        syncLimitTicks,
        2,
        5_000,
        1_000,
        1_000,
        256,
        COUNTER_MAX - (1 << 16),
        0);
  }

  /** A copy with another history size. */
  public PeerConfig withHistoryMax(int value) {
    return new PeerConfig(
        myId,
        membership,
        initLimitTicks,
        syncLimitTicks,
        finalizeWaitTicksMax,
        value,
        proposalsInFlightMax,
        forwardQueueMax,
        retransmitBatchMax,
        rolloverCounter,
        counterStart);
  }

  /** A copy with another in-flight limit. */
  public PeerConfig withProposalsInFlightMax(int value) {
    return new PeerConfig(
        myId,
        membership,
        initLimitTicks,
        syncLimitTicks,
        finalizeWaitTicksMax,
        historyMax,
        value,
        forwardQueueMax,
        retransmitBatchMax,
        rolloverCounter,
        counterStart);
  }

  /** A copy with another rollover point (tests start near the end of the counter). */
  public PeerConfig withRolloverCounter(long value) {
    return new PeerConfig(
        myId,
        membership,
        initLimitTicks,
        syncLimitTicks,
        finalizeWaitTicksMax,
        historyMax,
        proposalsInFlightMax,
        forwardQueueMax,
        retransmitBatchMax,
        value,
        counterStart);
  }

  /** A copy whose leaders stamp the first zxid of an epoch after {@code value}. */
  public PeerConfig withCounterStart(long value) {
    return new PeerConfig(
        myId,
        membership,
        initLimitTicks,
        syncLimitTicks,
        finalizeWaitTicksMax,
        historyMax,
        proposalsInFlightMax,
        forwardQueueMax,
        retransmitBatchMax,
        rolloverCounter,
        value);
  }

  /** True if this server is an observer. */
  public boolean isObserver() {
    return membership.isObserver(myId);
  }
}
