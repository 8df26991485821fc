package io.paddock.log;

/**
 * The Zab epochs a server must keep across restarts, as {@link EpochFile} stores them: the value
 * the replication core calls its hard state, in a type this edge package owns (the log may not
 * depend on the consensus core).
 *
 * @param acceptedEpoch the highest epoch this server promised to follow
 * @param acceptedLeader the server id that proposed {@code acceptedEpoch} (0 when none)
 * @param currentEpoch the epoch whose initial history this server holds; at most {@code
 *     acceptedEpoch}
 */
public record Epochs(long acceptedEpoch, long acceptedLeader, long currentEpoch) {
  /** A server that never took part in an election. */
  public static final Epochs INITIAL = new Epochs(0, 0, 0);

  /**
   * @throws IllegalArgumentException if a value is negative or {@code currentEpoch} is above {@code
   *     acceptedEpoch}
   */
  public Epochs {
    if (acceptedEpoch < 0
        || acceptedLeader < 0
        || currentEpoch < 0
        || currentEpoch > acceptedEpoch) {
      throw new IllegalArgumentException(
          "epochs out of order: accepted="
              + acceptedEpoch
              + " leader="
              + acceptedLeader
              + " current="
              + currentEpoch);
    }
  }
}
