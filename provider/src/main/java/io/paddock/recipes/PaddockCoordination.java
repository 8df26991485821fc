package io.paddock.recipes;

import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.EventType;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import io.paddock.api.recipes.Barrier;
import io.paddock.api.recipes.Coordination;
import io.paddock.api.recipes.DistributedLock;
import io.paddock.api.recipes.DistributedQueue;
import io.paddock.api.recipes.DistributedReadWriteLock;
import io.paddock.api.recipes.DistributedSemaphore;
import io.paddock.api.recipes.DoubleBarrier;
import io.paddock.api.recipes.GroupMembership;
import io.paddock.api.recipes.LeaderLatch;
import io.paddock.api.recipes.LeaderSelector;
import io.paddock.api.recipes.LeadershipTask;
import io.paddock.api.recipes.SharedCounter;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link Coordination} of one client. */
public final class PaddockCoordination implements Coordination {
  /** How often the connection state is read when no events arrive. */
  public static final long STATE_POLL_MS_DEFAULT = 200;

  private final PaddockClient client;
  private final boolean ownsClient;
  private final SessionMonitor monitor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PaddockCoordination(PaddockClient client, boolean ownsClient, long statePollMs) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.monitor =
        new SessionMonitor(
            client, statePollMs, "paddock-coordination-" + Integer.toHexString(hashCode()));
  }

  /**
   * Recipes on a client owned by the caller; its state is read every {@code statePollMs}.
   *
   * @throws IllegalArgumentException if the client is closed or its session ended
   */
  public static PaddockCoordination on(PaddockClient client, long statePollMs) {
    Objects.requireNonNull(client, "client");
    if (Calls.isTerminal(client.state())) {
      throw new IllegalArgumentException("the client is " + client.state());
    }
    return new PaddockCoordination(client, false, statePollMs);
  }

  /**
   * Starts a client for {@code config} owned by the returned coordination; connection events reach
   * the recipes first, then the config's own default watcher.
   */
  public static PaddockCoordination connect(ClientConfig config, long statePollMs) {
    Relay relay = new Relay(config.defaultWatcher());
    PaddockClient client =
        PaddockClients.connect(
            new ClientConfig(
                config.connectString(),
                config.sessionTimeoutMs(),
                config.connectTimeoutMs(),
                config.requestTimeoutMs(),
                relay,
                config.canBeReadOnly()));
    PaddockCoordination coordination = new PaddockCoordination(client, true, statePollMs);
    relay.target = coordination.monitor;
    return coordination;
  }

  /** Passes connection events to the monitor, then everything to the user's watcher. */
  private static final class Relay implements Watcher {
    private final Watcher next;
    private volatile SessionMonitor target;

    Relay(Watcher next) {
      this.next = next;
    }

    @Override
    public void process(WatchedEvent event) {
      SessionMonitor monitor = target;
      if (monitor != null && event.type() == EventType.NONE) {
        monitor.observe(event.state());
      }
      if (next != null) {
        next.process(event);
      }
    }
  }

  @Override
  public PaddockClient client() {
    return client;
  }

  @Override
  public DistributedLock mutex(String path) {
    return new QueueLock(
        client,
        monitor,
        new NodeQueue(client, path, CreateMode.CONTAINER),
        QueueRules.LOCK,
        QueueRules.EXCLUSIVE,
        () -> null);
  }

  @Override
  public DistributedReadWriteLock readWriteLock(String path) {
    return new ReadWriteLockImpl(client, monitor, path);
  }

  @Override
  public DistributedSemaphore semaphore(String path, int permits) {
    return new SemaphoreImpl(client, monitor, path, permits);
  }

  @Override
  public LeaderLatch leaderLatch(String path, String participantId) {
    return new LeaderLatchImpl(client, monitor, path, participantId);
  }

  @Override
  public LeaderSelector leaderSelector(String path, String participantId, LeadershipTask task) {
    return new LeaderSelectorImpl(client, monitor, path, participantId, task);
  }

  @Override
  public GroupMembership group(String path) {
    return new GroupMembershipImpl(client, monitor, path);
  }

  @Override
  public Barrier barrier(String path) {
    return new BarrierImpl(client, path);
  }

  @Override
  public DoubleBarrier doubleBarrier(String path, String participantId, int size) {
    return new DoubleBarrierImpl(client, path, participantId, size);
  }

  @Override
  public DistributedQueue queue(String path) {
    return new QueueImpl(client, path);
  }

  @Override
  public SharedCounter counter(String path) {
    return new CounterImpl(client, path);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownsClient) {
      client.close();
      monitor.observe(client.state()); // leases learn they are lost before the thread stops
    }
    monitor.close();
  }

  @Override
  public String toString() {
    return "PaddockCoordination[session 0x" + Long.toHexString(client.sessionId()) + "]";
  }
}
