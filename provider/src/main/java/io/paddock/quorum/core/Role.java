package io.paddock.quorum.core;

/** The four states of a Zab peer, as ZooKeeper names them. */
public enum Role {
  /** Electing a leader. */
  LOOKING,
  /** A participant following an elected leader. */
  FOLLOWING,
  /** The elected leader. */
  LEADING,
  /** A non-voting member learning committed transactions from the leader. */
  OBSERVING
}
