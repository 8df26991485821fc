package io.paddock.recipes;

import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.WatcherType;
import io.paddock.api.recipes.DistributedSemaphore;
import io.paddock.api.recipes.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A counting semaphore without a herd: acquirers first queue for an internal mutex ({@code
 * <path>/locks}, predecessor watches only); the one holding it adds its lease node under {@code
 * <path>/leases} and, while there are more leases than permits, is the only process watching that
 * directory. It keeps its lease once the count fits and then hands the mutex on.
 *
 * <p>Why this is safe: only the mutex holder adds a lease node, and it keeps the node only if the
 * count including it fits; so at most {@code permits} leases are ever kept.
 */
final class SemaphoreImpl implements DistributedSemaphore {
  /** Upper bound on permits: every holder lists all leases, so keep the list small. */
  static final int PERMITS_MAX = 10_000;

  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final String path;
  private final int permits;
  private final NodeQueue locks;
  private final NodeQueue leases;

  SemaphoreImpl(PaddockClient client, SessionMonitor monitor, String path, int permits) {
    if (permits <= 0 || permits > PERMITS_MAX) {
      throw new IllegalArgumentException("permits must be in 1.." + PERMITS_MAX + ": " + permits);
    }
    this.client = client;
    this.monitor = monitor;
    this.path = Calls.checkPath(path);
    this.permits = permits;
    this.locks = new NodeQueue(client, Calls.child(path, "locks"), CreateMode.CONTAINER);
    this.leases = new NodeQueue(client, Calls.child(path, "leases"), CreateMode.CONTAINER);
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public int permits() {
    return permits;
  }

  @Override
  public Lease acquire() throws PaddockException, InterruptedException {
    return acquire(Deadline.NEVER)
        .orElseThrow(() -> new IllegalStateException("an endless wait ended without a permit"));
  }

  @Override
  public Optional<Lease> tryAcquire(Duration timeout)
      throws PaddockException, InterruptedException {
    return acquire(Deadline.after(timeout));
  }

  private Optional<Lease> acquire(Deadline deadline) throws PaddockException, InterruptedException {
    byte[] data =
        (ProcessHandle.current().pid() + "/" + Thread.currentThread().getName())
            .getBytes(StandardCharsets.UTF_8);
    Optional<NodeQueue.Queued> turn =
        locks.acquire(QueueRules.LOCK, data, QueueRules.EXCLUSIVE, deadline);
    if (turn.isEmpty()) {
      return Optional.empty();
    }
    try {
      NodeQueue.Queued lease = leases.enqueue(QueueRules.LEASE, data, deadline);
      boolean kept = false;
      try {
        kept = awaitRoom(lease, deadline);
        return kept
            ? Optional.of(LeaseImpl.start(client, monitor, lease, l -> {}))
            : Optional.empty();
      } finally {
        if (!kept) {
          leases.withdraw(lease.path());
        }
      }
    } finally {
      locks.withdraw(turn.get().path());
    }
  }

  /** Waits until at most {@code permits} leases exist (ours included). */
  private boolean awaitRoom(NodeQueue.Queued lease, Deadline deadline)
      throws PaddockException, InterruptedException {
    while (true) {
      Signal signal = new Signal();
      List<String> children =
          Calls.retrying(client, deadline, () -> client.getChildren(leases.dir(), signal));
      List<QueueNode> ordered = QueueRules.ordered(children);
      if (QueueRules.indexOf(ordered, lease.name()) < 0) {
        throw new PaddockException.NoNode(lease.path());
      }
      boolean fits = ordered.size() <= permits;
      if (fits || deadline.passed() || !signal.await(deadline, client)) {
        Calls.forgetWatch(client, leases.dir(), signal, WatcherType.CHILDREN);
        return fits;
      }
    }
  }

  @Override
  public String toString() {
    return "DistributedSemaphore[" + path + ", permits=" + permits + "]";
  }
}
