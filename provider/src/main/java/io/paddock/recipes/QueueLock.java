package io.paddock.recipes;

import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * A {@link DistributedLock} on a {@link NodeQueue}: the mutex ({@link QueueRules#EXCLUSIVE}) and
 * both sides of the read-write lock. Re-entrancy is local bookkeeping: the thread that holds a
 * lease gets it again with one more hold, without another node.
 */
final class QueueLock implements DistributedLock {
  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final NodeQueue queue;
  private final String kind;
  private final QueueRules.Rule rule;
  private final Supplier<String> conflict;
  private final ConcurrentHashMap<Thread, LeaseImpl> holders = new ConcurrentHashMap<>();

  /**
   * @param conflict says why the calling thread may not acquire (it holds the other side of a
   *     read-write lock and would wait for itself), or null if it may
   */
  QueueLock(
      PaddockClient client,
      SessionMonitor monitor,
      NodeQueue queue,
      String kind,
      QueueRules.Rule rule,
      Supplier<String> conflict) {
    this.client = client;
    this.monitor = monitor;
    this.queue = queue;
    this.kind = kind;
    this.rule = rule;
    this.conflict = conflict;
  }

  @Override
  public String path() {
    return queue.dir();
  }

  @Override
  public Lease acquire() throws PaddockException, InterruptedException {
    return acquire(Deadline.NEVER)
        .orElseThrow(() -> new IllegalStateException("an endless wait ended without the lock"));
  }

  @Override
  public Optional<Lease> tryAcquire(Duration timeout)
      throws PaddockException, InterruptedException {
    return acquire(Deadline.after(timeout));
  }

  private Optional<Lease> acquire(Deadline deadline) throws PaddockException, InterruptedException {
    Thread me = Thread.currentThread();
    LeaseImpl held = holders.get(me);
    if (held != null && held.retain()) {
      return Optional.of(held);
    }
    String why = conflict.get();
    if (why != null) {
      throw new IllegalStateException(why);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before queueing for " + path());
    }
    Optional<NodeQueue.Queued> node = queue.acquire(kind, holderData(me), rule, deadline);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    LeaseImpl lease = LeaseImpl.start(client, monitor, node.get(), l -> holders.remove(me, l));
    holders.put(me, lease);
    return Optional.of(lease);
  }

  /** Who queued the node, for people inspecting the tree: {@code pid/thread}. */
  private static byte[] holderData(Thread thread) {
    String text = ProcessHandle.current().pid() + "/" + thread.getName();
    if (text.length() > 200) {
      text = text.substring(0, 200);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean isHeldByCurrentThread() {
    LeaseImpl lease = holders.get(Thread.currentThread());
    return lease != null && lease.isHeld();
  }

  /** Whether the calling thread has an unreleased lease (held, uncertain or lost). */
  boolean hasLeaseOfCurrentThread() {
    return holders.containsKey(Thread.currentThread());
  }

  /** The calling thread's unreleased lease. */
  Optional<LeaseImpl> leaseOfCurrentThread() {
    return Optional.ofNullable(holders.get(Thread.currentThread()));
  }

  @Override
  public Lock asLock() {
    return new LockAdapter(this);
  }

  @Override
  public String toString() {
    return "DistributedLock[" + path() + ", " + kind + "]";
  }
}
