package io.paddock.api;

import java.util.Objects;

/**
 * A watch notification or a connection-state change.
 *
 * @param type what happened ({@link EventType#NONE} for connection-state changes)
 * @param state the connection state when the event was delivered
 * @param path the path the event is about, relative to the client's chroot; null for state changes
 * @param zxid the zxid of the change that triggered it, or -1 where unknown
 */
public record WatchedEvent(EventType type, KeeperState state, String path, long zxid) {
  public WatchedEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
  }
}
