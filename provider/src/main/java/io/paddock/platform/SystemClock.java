package io.paddock.platform;

/** {@link Clock} backed by {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long wallMs() {
    return System.currentTimeMillis();
  }

  @Override
  public long monotonicMs() {
    return System.nanoTime() / 1_000_000L;
  }
}
