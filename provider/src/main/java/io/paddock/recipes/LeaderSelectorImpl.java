package io.paddock.recipes;

import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.recipes.LeaderSelector;
import io.paddock.api.recipes.LeadershipTask;
import io.paddock.api.recipes.LeaseState;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Selector-style election: one thread queues (like a mutex), runs the task while it leads, releases
 * and queues again. The thread is interrupted when the lease becomes uncertain or is lost, because
 * a leader that cannot be sure it still leads must stop acting as one.
 */
final class LeaderSelectorImpl implements LeaderSelector {
  private static final System.Logger LOG = System.getLogger(LeaderSelectorImpl.class.getName());

  /** How long close() waits for the thread. */
  static final long CLOSE_WAIT_MS = 10_000;

  /** Pause before queueing again after a failure. */
  static final long FAILURE_PAUSE_MS = 500;

  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final NodeQueue queue;
  private final String participantId;
  private final LeadershipTask task;
  private final AtomicInteger count = new AtomicInteger();
  private volatile boolean leading;
  private volatile boolean closed;
  private Thread worker; // guarded by this

  LeaderSelectorImpl(
      PaddockClient client,
      SessionMonitor monitor,
      String path,
      String participantId,
      LeadershipTask task) {
    this.client = client;
    this.monitor = monitor;
    this.queue = new NodeQueue(client, path, CreateMode.CONTAINER);
    this.participantId = participantId;
    this.task = task;
  }

  @Override
  public String path() {
    return queue.dir();
  }

  @Override
  public synchronized void start() {
    if (worker != null || closed) {
      throw new IllegalStateException("selector " + path() + " already started or closed");
    }
    worker = new Thread(this::run, "paddock-leader-selector-" + participantId);
    worker.setDaemon(true);
    worker.start();
  }

  private void run() {
    byte[] id = participantId.getBytes(StandardCharsets.UTF_8);
    while (!closed && !Calls.isTerminal(client.state())) {
      try {
        Optional<NodeQueue.Queued> node =
            queue.acquire(QueueRules.LATCH, id, QueueRules.EXCLUSIVE, Deadline.NEVER);
        if (node.isPresent()) {
          lead(node.get());
        }
      } catch (InterruptedException e) {
        // closed, or the lease went away while leading: the loop condition decides
      } catch (PaddockException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "leader selector at {0}: {1}; queueing again", path(), e.code());
          pause();
        }
      }
      Thread.interrupted(); // an interrupt for the last term must not end the next one
    }
  }

  private void lead(NodeQueue.Queued node) throws InterruptedException {
    Thread self = Thread.currentThread();
    LeaseImpl lease = LeaseImpl.start(client, monitor, node, l -> {});
    lease.addListener(
        (l, state) -> {
          if (state == LeaseState.UNCERTAIN || state == LeaseState.LOST) {
            self.interrupt();
          }
        });
    leading = true;
    count.incrementAndGet();
    try {
      if (!closed && lease.isHeld()) {
        task.lead(lease);
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.log(Level.WARNING, "leadership task at " + path() + " failed", e);
    } finally {
      leading = false;
      lease.close();
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(FAILURE_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean hasLeadership() {
    return leading;
  }

  @Override
  public int leadershipCount() {
    return count.get();
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = worker;
    }
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    t.interrupt();
    try {
      t.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      LOG.log(Level.WARNING, "leader selector thread {0} did not stop in time", t.getName());
    }
  }

  @Override
  public String toString() {
    return "LeaderSelector[" + path() + ", " + participantId + "]";
  }
}
