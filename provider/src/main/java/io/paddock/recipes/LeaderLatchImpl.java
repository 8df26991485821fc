package io.paddock.recipes;

import io.paddock.api.CreateMode;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.recipes.LeaderLatch;
import io.paddock.api.recipes.LeaderListener;
import io.paddock.api.recipes.Lease;
import io.paddock.api.recipes.LeaseState;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Latch-style election on a {@link NodeQueue} with the {@link QueueRules#EXCLUSIVE} rule, driven
 * asynchronously: each evaluation lists the queue, and a participant that does not lead reads its
 * predecessor with a watch whose firing starts the next evaluation. Nothing blocks a thread.
 */
final class LeaderLatchImpl implements LeaderLatch {
  private static final System.Logger LOG = System.getLogger(LeaderLatchImpl.class.getName());

  /** Pause before evaluating again after a connection loss. */
  static final long RETRY_MS = 200;

  private enum Phase {
    NEW,
    STARTED,
    CLOSED
  }

  private final PaddockClient client;
  private final SessionMonitor monitor;
  private final NodeQueue queue;
  private final String participantId;
  private final List<LeaderListener> listeners = new CopyOnWriteArrayList<>();
  private Phase phase = Phase.NEW; // guarded by this
  private NodeQueue.Queued node; // guarded by this
  private LeaseImpl lease; // guarded by this

  LeaderLatchImpl(PaddockClient client, SessionMonitor monitor, String path, String participantId) {
    this.client = client;
    this.monitor = monitor;
    this.queue = new NodeQueue(client, path, CreateMode.CONTAINER);
    if (participantId == null || participantId.length() > 1024) {
      throw new IllegalArgumentException("participantId must be 0..1024 chars: " + participantId);
    }
    this.participantId = participantId;
  }

  @Override
  public String path() {
    return queue.dir();
  }

  @Override
  public String participantId() {
    return participantId;
  }

  @Override
  public void start() throws PaddockException, InterruptedException {
    synchronized (this) {
      if (phase != Phase.NEW) {
        throw new IllegalStateException("latch " + path() + " already " + phase);
      }
      phase = Phase.STARTED;
    }
    NodeQueue.Queued queued =
        queue.enqueue(
            QueueRules.LATCH, participantId.getBytes(StandardCharsets.UTF_8), Deadline.NEVER);
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        queue.withdraw(queued.path());
        return;
      }
      node = queued;
    }
    evaluate();
  }

  /** Lists the queue and either takes leadership or watches the predecessor. */
  private void evaluate() {
    NodeQueue.Queued mine;
    synchronized (this) {
      if (phase != Phase.STARTED || lease != null) {
        return;
      }
      mine = node;
    }
    client
        .getChildrenAsync(queue.dir(), null)
        .whenComplete(
            (children, err) -> {
              if (err != null) {
                retryOrGiveUp(err);
                return;
              }
              List<QueueNode> ordered = QueueRules.ordered(children.names());
              int at = QueueRules.indexOf(ordered, mine.name());
              if (at < 0) {
                LOG.log(Level.WARNING, "election node {0} disappeared; leaving", mine.path());
                close();
                return;
              }
              QueueRules.Standing standing = QueueRules.EXCLUSIVE.decide(ordered, at);
              if (standing.holds()) {
                lead(mine);
              } else {
                watch(Calls.child(queue.dir(), standing.watch()));
              }
            });
  }

  private void watch(String predecessor) {
    client
        .getDataAsync(predecessor, event -> evaluate())
        .whenComplete(
            (data, err) -> {
              if (err != null) {
                Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
                if (cause instanceof PaddockException.NoNode) {
                  evaluate(); // gone before we could watch it
                } else {
                  retryOrGiveUp(err);
                }
              }
            });
  }

  private void retryOrGiveUp(Throwable err) {
    Throwable cause = err instanceof CompletionException c ? c.getCause() : err;
    if (cause instanceof PaddockException pe
        && Calls.isRetryable(pe)
        && !Calls.isTerminal(client.state())) {
      monitor.schedule(this::evaluate, RETRY_MS);
    } else {
      LOG.log(Level.WARNING, "election at {0} stopped: {1}", path(), cause);
    }
  }

  private void lead(NodeQueue.Queued mine) {
    LeaseImpl leadership;
    synchronized (this) {
      if (phase != Phase.STARTED || lease != null) {
        return;
      }
      leadership = LeaseImpl.start(client, monitor, mine, l -> close());
      leadership.addListener((l, state) -> leaseChanged(l, state));
      lease = leadership;
      notifyAll();
    }
    monitor.execute(() -> listeners.forEach(listener -> listener.isLeader(leadership)));
  }

  /** Called on the monitor thread, after the state changed. */
  private void leaseChanged(Lease l, LeaseState state) {
    synchronized (this) {
      notifyAll();
    }
    if (state == LeaseState.HELD) {
      listeners.forEach(listener -> listener.isLeader(l));
    } else {
      listeners.forEach(LeaderListener::notLeader);
    }
  }

  @Override
  public synchronized boolean hasLeadership() {
    return lease != null && lease.isHeld();
  }

  @Override
  public synchronized Optional<Lease> leadership() {
    return hasLeadership() ? Optional.of(lease) : Optional.empty();
  }

  @Override
  public boolean await(Duration timeout) throws InterruptedException {
    Deadline deadline = Deadline.after(timeout);
    synchronized (this) {
      while (!hasLeadership()) {
        long left = deadline.remainingNanos();
        if (left <= 0 || phase == Phase.CLOSED) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, Signal.SLICE_NANOS));
      }
      return true;
    }
  }

  @Override
  public void addListener(LeaderListener listener) {
    listeners.add(listener);
  }

  @Override
  public Optional<String> leaderId() throws PaddockException, InterruptedException {
    List<String> ids = participants();
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
  }

  @Override
  public List<String> participants() throws PaddockException, InterruptedException {
    List<String> children;
    try {
      children = Calls.retrying(client, Deadline.NEVER, () -> client.getChildren(queue.dir()));
    } catch (PaddockException.NoNode e) {
      return List.of();
    }
    List<Op> reads = new ArrayList<>();
    for (QueueNode n : QueueRules.ordered(children)) {
      reads.add(new Op.GetData(Calls.child(queue.dir(), n.name())));
    }
    if (reads.isEmpty()) {
      return List.of();
    }
    List<OpResult> results = Calls.retrying(client, Deadline.NEVER, () -> client.multiRead(reads));
    List<String> ids = new ArrayList<>(results.size());
    for (OpResult r : results) {
      if (r instanceof OpResult.GetDataResult d) {
        byte[] bytes = d.data();
        ids.add(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return ids;
  }

  @Override
  public void close() {
    LeaseImpl leadership;
    NodeQueue.Queued queued;
    synchronized (this) {
      if (phase == Phase.CLOSED) {
        return;
      }
      phase = Phase.CLOSED;
      leadership = lease;
      queued = node;
      notifyAll();
    }
    if (leadership != null) {
      leadership.close();
    } else if (queued != null) {
      queue.withdraw(queued.path());
    }
  }

  @Override
  public String toString() {
    return "LeaderLatch[" + path() + ", " + participantId + "]";
  }
}
