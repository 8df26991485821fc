package io.paddock.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

/**
 * The {@code java.util.logging} manager of a server run by {@link ServerMain}: the standard one,
 * except that its shutdown clean-up waits for the server to have stopped.
 *
 * <p>Why. The JVM runs its shutdown hooks at the same time, and {@link LogManager} has one of its
 * own that resets logging, which removes every handler. The server's graceful stop (its final
 * snapshot, "stopped", or an error while stopping) runs in another hook, so those lines were lost
 * from the server's log whenever the reset won the race, which it usually did. The wait is bounded,
 * so a stop that hangs cannot keep the JVM from exiting on logging's account.
 */
public final class ServerLogManager extends LogManager {
  /** Longer than the server scripts wait for a stop before they kill the process. */
  private static final long STOP_WAIT_SECONDS = 90;

  private static final CountDownLatch STOPPED = new CountDownLatch(1);
  private static volatile boolean started; // no server, nothing to wait for (a failed start)

  /** Called by the JVM through {@code java.util.logging.manager}. */
  public ServerLogManager() {}

  /** A server runs: the shutdown clean-up waits for {@link #serverStopped}. */
  static void serverStarted() {
    started = true;
  }

  /** The server has stopped: logging may be reset now. */
  static void serverStopped() {
    STOPPED.countDown();
  }

  @Override
  public void reset() {
    if (started && isShutdownHook()) {
      try {
        STOPPED.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    super.reset();
  }

  /** Whether this is LogManager's own shutdown hook (its class is private, so by name). */
  private static boolean isShutdownHook() {
    String hook = LogManager.class.getName() + "$Cleaner";
    return Thread.currentThread().getClass().getName().equals(hook);
  }
}
