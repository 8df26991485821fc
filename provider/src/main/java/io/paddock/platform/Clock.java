package io.paddock.platform;

/** Time, injected so that tests and the simulator can drive it. */
public interface Clock {
  /** Wall-clock milliseconds since the epoch, used for ctime/mtime stamps. */
  long wallMs();

  /** Monotonic milliseconds, used for timeouts and expiry; unrelated to the wall clock. */
  long monotonicMs();

  /** The real clock of this machine. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
