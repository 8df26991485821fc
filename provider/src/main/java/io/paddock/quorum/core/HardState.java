package io.paddock.quorum.core;

/**
 * What a peer must persist (synchronously, before sending the messages of the same {@link Ready})
 * besides its log: the Zab epochs.
 *
 * @param acceptedEpoch the highest epoch this peer promised to follow (NEWEPOCH / LEADERINFO
 *     accepted); a leader of a lower epoch is refused
 * @param acceptedLeader the server id that proposed {@code acceptedEpoch}; one epoch has one
 *     proposer, so the same epoch from another server is refused too (0 when no epoch was accepted)
 * @param currentEpoch the epoch whose initial history this peer holds (it acknowledged NEWLEADER,
 *     or logged the first transaction of an epoch rollover); at most {@code acceptedEpoch}
 */
public record HardState(long acceptedEpoch, long acceptedLeader, long currentEpoch) {
  /** A fresh peer. */
  public static final HardState INITIAL = new HardState(0, 0, 0);

  public HardState {
    if (acceptedEpoch < 0 || currentEpoch < 0 || currentEpoch > acceptedEpoch) {
      throw new IllegalArgumentException(
          "epochs out of order: accepted=" + acceptedEpoch + " current=" + currentEpoch);
    }
  }

  /** This state with {@code epoch} accepted from {@code leader}. */
  public HardState accept(long epoch, long leader) {
    if (epoch < acceptedEpoch) {
      throw new IllegalStateException(
          "accepting epoch " + epoch + " below accepted epoch " + acceptedEpoch);
    }
    return new HardState(epoch, leader, currentEpoch);
  }

  /** This state with {@code epoch} as the current epoch. */
  public HardState withCurrentEpoch(long epoch) {
    if (epoch < currentEpoch) {
      throw new IllegalStateException(
          "current epoch going back from " + currentEpoch + " to " + epoch);
    }
    return new HardState(acceptedEpoch, acceptedLeader, epoch);
  }
}
