package io.paddock.embedded;

import java.util.Objects;
import java.util.Optional;

/**
 * One state change of an {@link EmbeddedPaddock}.
 *
 * @param source the server that changed state
 * @param state the state it entered
 * @param failure why it failed, for {@link EmbeddedPaddock.State#FAILED} only, else null
 */
public record LifecycleEvent(
    EmbeddedPaddock source, EmbeddedPaddock.State state, Throwable failure) {

  public LifecycleEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(state, "state");
    if ((failure != null) != (state == EmbeddedPaddock.State.FAILED)) {
      throw new IllegalArgumentException(
          "a failure goes with FAILED and only with it: state=" + state + ", failure=" + failure);
    }
  }

  /** {@link #failure()} as an Optional. */
  public Optional<Throwable> failureCause() {
    return Optional.ofNullable(failure);
  }
}
