package io.paddock.client;

import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The client's single event thread: runs watchers and completion callbacks one at a time, in the
 * order they were handed over (which is the order the server produced them). A task that throws is
 * logged and the thread goes on. After {@link #shutdown} the queue is drained and tasks handed over
 * later run on the caller's thread, so late failures still complete their futures.
 */
final class EventDispatcher {
  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());
  private static final Runnable STOP = new Stop();

  /** The marker that ends the loop; never run. */
  private static final class Stop implements Runnable {
    @Override
    public void run() {}
  }

  private final Object lock = new Object();
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean shutdown;

  EventDispatcher(String threadName) {
    this.thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Runs {@code task} on the event thread (or here, once shut down). */
  void execute(Runnable task) {
    synchronized (lock) {
      if (!shutdown) {
        queue.add(task);
        return;
      }
    }
    runSafely(task);
  }

  /** Lets the queued tasks run, then stops the thread. Idempotent. */
  void shutdown() {
    synchronized (lock) {
      if (!shutdown) {
        shutdown = true;
        queue.add(STOP);
      }
    }
  }

  /** Waits up to {@code timeoutMs} for the thread to finish (not if called from the thread). */
  boolean awaitTermination(long timeoutMs) throws InterruptedException {
    if (isEventThread()) {
      return false;
    }
    thread.join(timeoutMs);
    return !thread.isAlive();
  }

  boolean isEventThread() {
    return Thread.currentThread() == thread;
  }

  void rename(String name) {
    thread.setName(name);
  }

  String threadName() {
    return thread.getName();
  }

  private void loop() {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        // Only STOP ends the loop: queued completions must still run. A stray interrupt (a watcher
        // interrupting its own thread) is cleared here.
        continue;
      }
      if (task == STOP) {
        return;
      }
      runSafely(task);
    }
  }

  private static void runSafely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "a watcher or callback threw; the event thread goes on", e);
    }
  }
}
