package io.paddock.quorum.core;

import java.util.Objects;

/**
 * A message with its sender and addressee (server ids). The transport fills {@code from} from the
 * authenticated connection it arrived on, never from the payload.
 */
public record Envelope(long from, long to, Message message) {
  public Envelope {
    Objects.requireNonNull(message, "message");
  }
}
