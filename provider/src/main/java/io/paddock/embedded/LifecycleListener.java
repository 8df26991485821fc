package io.paddock.embedded;

/**
 * Hears the state changes of an {@link EmbeddedPaddock}. Called synchronously on the thread that
 * caused the change ({@link EmbeddedPaddock.Builder#start()}, {@link EmbeddedPaddock#close()}), in
 * the order of the changes; keep it short and do not call {@code close()} from it. An exception
 * thrown here is logged and otherwise ignored: a faulty listener never stops a server.
 */
@FunctionalInterface
public interface LifecycleListener {
  /** One state change. */
  void onEvent(LifecycleEvent event);
}
