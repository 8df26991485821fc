package io.paddock.quorum.core;

import java.util.Objects;

/**
 * What the peer is doing, reported in a {@link Ready} whenever it changes.
 *
 * @param role the current role
 * @param leaderId the leader followed or observed (this server's id when leading), -1 when LOOKING
 * @param epoch the epoch led or followed; -1 until known (a leader knows it once a quorum accepted
 *     it, and at most one server ever leads a given epoch)
 * @param serving true when this server may take client requests: a leader a quorum synced with, a
 *     learner the leader declared up to date
 * @param learnerSession the learner's current handshake id (0 otherwise); when it changes, writes
 *     forwarded under the previous one may or may not commit, and their clients must be told the
 *     connection was lost
 */
public record PeerStatus(
    Role role, long leaderId, long epoch, boolean serving, long learnerSession) {
  public PeerStatus {
    Objects.requireNonNull(role, "role");
  }

  /** The status of a LOOKING peer. */
  public static PeerStatus looking() {
    return new PeerStatus(Role.LOOKING, -1, -1, false, 0);
  }
}
