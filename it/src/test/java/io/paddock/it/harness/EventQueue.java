package io.paddock.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * A watcher that queues every event it gets, for precise assertions on type, path and order.
 *
 * <p>{@link #drainUntilBarrier} proves "no further event" without sleeping: the ZooKeeper client
 * delivers watch events and async callbacks on one event thread in the order the server sent them,
 * and the server sends a notification before the reply of any later request on the same connection.
 * So once a {@code sync} callback on the watching client has run, every event the server sent
 * earlier has been delivered.
 */
public final class EventQueue implements Watcher {
  /** How long to wait for an event that must come. */
  public static final Duration EVENT_DEADLINE = Duration.ofSeconds(20);

  private static final Object BARRIER = new Object();
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

  @Override
  public void process(WatchedEvent event) {
    queue.add(event);
  }

  /** The next event; fails if none arrives within {@link #EVENT_DEADLINE}. */
  public WatchedEvent next() {
    Object item = poll(EVENT_DEADLINE);
    assertThat(item).as("expected a watch event within %s", EVENT_DEADLINE).isNotNull();
    assertThat(item).as("a watch event, not the barrier").isInstanceOf(WatchedEvent.class);
    return (WatchedEvent) item;
  }

  /** The next event, asserted to be {@code type} on {@code path}. */
  public WatchedEvent next(Watcher.Event.EventType type, String path) {
    WatchedEvent event = next();
    assertThat(event.getType()).as("event type of %s", event).isEqualTo(type);
    assertThat(event.getPath()).as("event path of %s", event).isEqualTo(path);
    return event;
  }

  /** Events already delivered, without waiting. */
  public List<WatchedEvent> drainNow() {
    List<Object> items = new ArrayList<>();
    queue.drainTo(items);
    List<WatchedEvent> events = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof WatchedEvent event) {
        events.add(event);
      }
    }
    return events;
  }

  /**
   * Sends a {@code sync} on {@code client} (the client this watcher is registered on) and returns
   * all events delivered before its callback ran.
   */
  public List<WatchedEvent> drainUntilBarrier(ZooKeeper client) {
    client.sync("/", (rc, path, ctx) -> queue.add(BARRIER), null);
    List<WatchedEvent> events = new ArrayList<>();
    while (true) {
      Object item = poll(EVENT_DEADLINE);
      assertThat(item).as("sync barrier within %s", EVENT_DEADLINE).isNotNull();
      if (item == BARRIER) {
        return events;
      }
      events.add((WatchedEvent) item);
    }
  }

  /** Asserts no event arrived before a barrier on {@code client}. */
  public void assertNoMoreEvents(ZooKeeper client) {
    assertThat(drainUntilBarrier(client)).as("unexpected events").isEmpty();
  }

  private Object poll(Duration timeout) {
    try {
      return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for an event", e);
    }
  }
}
