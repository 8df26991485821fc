package io.paddock.quorum.core;

/**
 * Randomness, injected so that a seed replays a run exactly. The core uses it for election jitter
 * and for learner session ids; nothing in it needs cryptographic quality.
 */
public interface RandomSource {
  /** A value in {@code [0, bound)}; {@code bound} is positive. */
  int nextInt(int bound);

  /** Any long value. */
  long nextLong();
}
