package io.paddock.quorum.core;

/**
 * What became of a write handed to {@code Peer.propose}.
 *
 * @param outcome what happened
 * @param zxid the zxid it was stamped with when {@link Outcome#PROPOSED}, else 0
 */
public record ProposeResult(Outcome outcome, long zxid) {
  /** What happened to a write. */
  public enum Outcome {
    /** This server leads: the write is logged and sent to the followers under {@code zxid}. */
    PROPOSED,
    /** This server is a learner: the write went to the leader; watch the committed stream. */
    FORWARDED,
    /** No established leader (electing, syncing): fail the request, the client retries. */
    NOT_READY,
    /** Too many proposals in flight: back-pressure, try again after some commit. */
    BUSY
  }

  static final ProposeResult FORWARDED_RESULT = new ProposeResult(Outcome.FORWARDED, 0);

  /** A write proposed at {@code zxid}. */
  public static ProposeResult proposed(long zxid) {
    return new ProposeResult(Outcome.PROPOSED, zxid);
  }

  /** A write forwarded to the leader. */
  public static ProposeResult forwarded() {
    return FORWARDED_RESULT;
  }

  /** Refused: no leader to take it. */
  public static ProposeResult notReady() {
    return new ProposeResult(Outcome.NOT_READY, 0);
  }

  /** Refused: too much in flight. */
  public static ProposeResult busy() {
    return new ProposeResult(Outcome.BUSY, 0);
  }

  /** True unless refused. */
  public boolean accepted() {
    return outcome == Outcome.PROPOSED || outcome == Outcome.FORWARDED;
  }
}
