package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import java.util.List;
import java.util.Objects;

/**
 * What a peer starts from, read from stable storage: the epochs, the zxid of the snapshot the
 * embedding loaded its state from, and every logged transaction after it (durable ones only). The
 * embedding applies nothing from the log at start: the core hands logged transactions back as
 * committed once a leader confirms them, so a divergent uncommitted tail is never applied.
 */
public record StableState(HardState hardState, long snapshotZxid, List<Txn> log) {
  public StableState {
    Objects.requireNonNull(hardState, "hardState");
    log = List.copyOf(log);
  }

  /** An empty server. */
  public static StableState empty() {
    return new StableState(HardState.INITIAL, 0, List.of());
  }
}
