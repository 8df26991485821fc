package io.paddock.recipes;

import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot watcher a thread can wait on. While it waits it also looks at the client's state every
 * {@link #SLICE_NANOS} without any network call, so a session that ends while nobody will ever fire
 * the watch does not leave the thread waiting forever.
 */
final class Signal implements Watcher {
  /** How often a waiting thread checks whether the session has ended. */
  static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final CountDownLatch fired = new CountDownLatch(1);

  @Override
  public void process(WatchedEvent event) {
    fired.countDown();
  }

  /** Fires the signal without an event (used when the session ends). */
  void fire() {
    fired.countDown();
  }

  /**
   * Waits until the watch fires or {@code deadline} passes.
   *
   * @return whether it fired
   * @throws PaddockException.SessionExpired if the client's session ended meanwhile
   * @throws InterruptedException if interrupted
   */
  boolean await(Deadline deadline, PaddockClient client)
      throws PaddockException, InterruptedException {
    while (true) {
      long slice = Math.min(deadline.remainingNanos(), SLICE_NANOS);
      if (slice <= 0) {
        return fired.getCount() == 0;
      }
      if (fired.await(slice, TimeUnit.NANOSECONDS)) {
        return true;
      }
      Calls.checkUsable(client);
    }
  }
}
