package io.paddock.quorum.core;

import java.util.Objects;

/**
 * A role's request to change role, handed to the peer, which checks it against its transition
 * table.
 *
 * @param to the next role
 * @param leaderId the leader to follow or observe (this server when leading); -1 for LOOKING
 * @param vote the vote decided on (null for LOOKING)
 * @param reason why, for logs and failure messages
 */
public record Transition(Role to, long leaderId, Vote vote, String reason) {
  public Transition {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
  }

  /** Give up the current role and elect again. */
  public static Transition looking(String reason) {
    return new Transition(Role.LOOKING, -1, null, reason);
  }

  /** The election chose {@code vote}; {@code role} is what this server becomes. */
  public static Transition decided(Role role, Vote vote) {
    return new Transition(role, vote.leader(), vote, "elected " + vote);
  }
}
