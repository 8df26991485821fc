package io.paddock.api;

/**
 * Receives watch notifications and connection-state changes. Called on the client's single event
 * thread, in the order the server produced the events; a slow watcher delays every later event.
 */
@FunctionalInterface
public interface Watcher {
  /** Handles one event. Must not block for long. */
  void process(WatchedEvent event);
}
