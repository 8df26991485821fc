package io.paddock.quorum.core;

import io.paddock.txn.Zxid;

/**
 * A candidate for leader as fast leader election compares them: by the candidate's current epoch,
 * then its last logged zxid, then its server id, so the most up-to-date peer wins and ties break
 * the same way everywhere.
 *
 * @param leader the proposed leader's server id
 * @param zxid the proposed leader's last logged zxid
 * @param epoch the proposed leader's current epoch (the epoch of the last NEWLEADER it accepted)
 */
public record Vote(long leader, long zxid, long epoch) implements Comparable<Vote> {
  @Override
  public int compareTo(Vote other) {
    int byEpoch = Long.compare(epoch, other.epoch);
    if (byEpoch != 0) {
      return byEpoch;
    }
    int byZxid = Long.compare(zxid, other.zxid);
    return byZxid != 0 ? byZxid : Long.compare(leader, other.leader);
  }

  /** True if this vote beats {@code other}. */
  public boolean isBetterThan(Vote other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return "Vote{leader=" + leader + ", zxid=" + Zxid.toHex(zxid) + ", epoch=" + epoch + "}";
  }
}
