package io.paddock.client;

import static io.paddock.api.PaddockClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.AddWatchMode;
import io.paddock.api.CreateMode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import io.paddock.client.TestClients.Recorder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch semantics against a real ZooKeeper server: one-shot, persistent, recursive, removal. */
class WatchesTest {
  @TempDir static Path dir;
  static EmbeddedZk zk;
  static PaddockClientImpl client;

  @BeforeAll
  static void start() throws Exception {
    zk = EmbeddedZk.start(dir);
    client = TestClients.connect(zk.connectString(), null);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  private static void create(String path) throws Exception {
    client.create(path, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  /** Waits until the event thread has run everything queued before this call. */
  private static void drainEvents() throws Exception {
    await(client.syncAsync("/"));
  }

  private static List<EventType> types(Recorder r) {
    return r.events.stream().map(WatchedEvent::type).toList();
  }

  @Test
  void dataWatchFiresOnceWithPathAndZxid() throws Exception {
    create("/w1");
    Recorder r = new Recorder();
    client.getData("/w1", r);
    client.setData("/w1", new byte[] {1}, -1);
    client.setData("/w1", new byte[] {2}, -1);
    drainEvents();
    assertThat(r.events).hasSize(1);
    WatchedEvent e = r.events.get(0);
    assertThat(e.type()).isEqualTo(EventType.NODE_DATA_CHANGED);
    assertThat(e.path()).isEqualTo("/w1");
    assertThat(e.state()).isEqualTo(KeeperState.SYNC_CONNECTED);
    assertThat(e.zxid()).isPositive();
  }

  @Test
  void existsOnMissingNodeIsAnExistWatchFiredByCreate() throws Exception {
    Recorder r = new Recorder();
    assertThat(client.exists("/w2", r)).isNull();
    create("/w2");
    drainEvents();
    assertThat(types(r)).containsExactly(EventType.NODE_CREATED);
    // exists on an existing node leaves a data watch: deletion fires it.
    Recorder r2 = new Recorder();
    assertThat(client.exists("/w2", r2)).isNotNull();
    client.delete("/w2", -1);
    drainEvents();
    assertThat(types(r2)).containsExactly(EventType.NODE_DELETED);
  }

  @Test
  void childWatchAndDeletionAndOneEventPerWatcher() throws Exception {
    create("/w3");
    Recorder r = new Recorder();
    client.getChildren("/w3", r);
    create("/w3/a");
    drainEvents();
    assertThat(types(r)).containsExactly(EventType.NODE_CHILDREN_CHANGED);
    assertThat(r.events.get(0).path()).isEqualTo("/w3");
    // The same watcher as data and child watch gets ONE deletion event.
    Recorder both = new Recorder();
    client.getData("/w3/a", both);
    client.getChildren("/w3/a", both);
    client.delete("/w3/a", -1);
    drainEvents();
    assertThat(types(both)).containsExactly(EventType.NODE_DELETED);
  }

  @Test
  void persistentWatchStaysAndSeesChildEvents() throws Exception {
    create("/p");
    Recorder r = new Recorder();
    client.addWatch("/p", r, AddWatchMode.PERSISTENT);
    client.setData("/p", new byte[] {1}, -1);
    client.setData("/p", new byte[] {2}, -1);
    create("/p/kid");
    create("/p/kid/grandkid"); // not a child of /p: no event for a non-recursive watch
    drainEvents();
    assertThat(types(r))
        .containsExactly(
            EventType.NODE_DATA_CHANGED,
            EventType.NODE_DATA_CHANGED,
            EventType.NODE_CHILDREN_CHANGED);
  }

  @Test
  void recursiveWatchMatchesDescendantsButNotChildEvents() throws Exception {
    create("/r");
    Recorder r = new Recorder();
    await(client.addWatchAsync("/r", r, AddWatchMode.PERSISTENT_RECURSIVE));
    create("/r/a");
    create("/r/a/b");
    client.setData("/r/a/b", new byte[] {1}, -1);
    client.delete("/r/a/b", -1);
    create("/rx"); // a sibling with a common prefix is not a descendant
    drainEvents();
    assertThat(r.events)
        .extracting(WatchedEvent::type, WatchedEvent::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_CREATED, "/r/a"),
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_CREATED, "/r/a/b"),
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_DATA_CHANGED, "/r/a/b"),
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_DELETED, "/r/a/b"));
  }

  @Test
  void removeWatchesOnTheServerEmitsRemovalEvents() throws Exception {
    create("/rm");
    Recorder data = new Recorder();
    Recorder child = new Recorder();
    Recorder pers = new Recorder();
    client.getData("/rm", data);
    client.getChildren("/rm", child);
    client.addWatch("/rm", pers, AddWatchMode.PERSISTENT);
    client.removeWatches("/rm", data, WatcherType.DATA, false);
    assertThat(types(data)).containsExactly(EventType.DATA_WATCH_REMOVED);
    await(client.removeWatchesAsync("/rm", null, WatcherType.CHILDREN, false));
    assertThat(types(child)).containsExactly(EventType.CHILD_WATCH_REMOVED);
    client.removeWatches("/rm", pers, WatcherType.PERSISTENT, false);
    assertThat(types(pers)).containsExactly(EventType.PERSISTENT_WATCH_REMOVED);
    // Nothing fires any more.
    client.setData("/rm", new byte[] {1}, -1);
    create("/rm/k");
    drainEvents();
    assertThat(data.events).hasSize(1);
    assertThat(child.events).hasSize(1);
    assertThat(pers.events).hasSize(1);
    assertThatThrownBy(() -> client.removeWatches("/rm", data, WatcherType.ANY, false))
        .isInstanceOf(PaddockException.NoWatcher.class);
  }

  @Test
  void removingOneOfTwoWatchersKeepsTheOther() throws Exception {
    create("/two");
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    client.getData("/two", a);
    client.getData("/two", b);
    client.removeWatches("/two", a, WatcherType.DATA, false);
    client.setData("/two", new byte[] {1}, -1);
    drainEvents();
    assertThat(types(a)).containsExactly(EventType.DATA_WATCH_REMOVED);
    assertThat(types(b)).containsExactly(EventType.NODE_DATA_CHANGED);
  }

  @Test
  void localRemovalWorksAndEmitsEvents() throws Exception {
    create("/loc");
    Recorder r = new Recorder();
    client.getData("/loc", r);
    client.addWatch("/loc", r, AddWatchMode.PERSISTENT_RECURSIVE);
    client.removeWatches("/loc", r, WatcherType.ANY, true);
    assertThat(types(r))
        .containsExactlyInAnyOrder(
            EventType.DATA_WATCH_REMOVED, EventType.PERSISTENT_WATCH_REMOVED);
    client.setData("/loc", new byte[] {1}, -1);
    drainEvents();
    assertThat(r.events).hasSize(2);
  }

  @Test
  void aThrowingWatcherDoesNotKillTheEventThread() throws Exception {
    create("/boom");
    client.getData(
        "/boom",
        e -> {
          throw new IllegalStateException("watcher bug (expected in this test)");
        });
    CountDownLatch later = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<String> thread =
        new java.util.concurrent.atomic.AtomicReference<>();
    client.setData("/boom", new byte[] {1}, -1);
    client.getData(
        "/boom",
        e -> {
          thread.set(Thread.currentThread().getName());
          later.countDown();
        });
    client.setData("/boom", new byte[] {2}, -1);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).startsWith("paddock-client-event-0x");
  }

  @Test
  void eventsArriveBeforeTheReplyOfALaterRead() throws Exception {
    create("/order");
    Recorder r = new Recorder();
    client.getData("/order", r);
    client.setData("/order", new byte[] {9}, -1);
    // The read after the change completes after its event has been delivered.
    int seen =
        client
            .getDataAsync("/order", null)
            .thenApply(d -> r.events.size())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(seen).isEqualTo(1);
    await().atMost(TestClients.WAIT).until(() -> r.events.size() == 1);
  }
}
