package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.it.harness.EventQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/** One-shot, persistent and persistent-recursive watches, their removal, and event ordering. */
public abstract class WatchContract extends ServerContract {

  @Test
  void dataWatchFiresExactlyOnceOnChange() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, bytes("0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    watcher.getData(path, events, null);

    writer.setData(path, bytes("1"), -1);
    writer.setData(path, bytes("2"), -1);

    WatchedEvent event = events.next(EventType.NodeDataChanged, path);
    assertThat(event.getState()).isEqualTo(KeeperState.SyncConnected);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void dataWatchFiresNodeDeletedOnDelete() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    watcher.getData(path, events, null);
    writer.delete(path, -1);
    events.next(EventType.NodeDeleted, path);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void existsWatchOnMissingNodeFiresNodeCreated() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    EventQueue events = new EventQueue();
    assertThat(watcher.exists(path, events)).isNull();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    writer.setData(path, bytes("x"), -1);
    events.next(EventType.NodeCreated, path);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void existsWatchOnExistingNodeFiresOnChangeAndDelete() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    watcher.exists(path, events);
    writer.setData(path, bytes("x"), -1);
    events.next(EventType.NodeDataChanged, path);
    watcher.exists(path, events);
    writer.delete(path, -1);
    events.next(EventType.NodeDeleted, path);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void childWatchFiresOnChildCreateAndDeleteNotOnChildData() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String parent = uniquePath();
    writer.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();

    watcher.getChildren(parent, events);
    writer.create(parent + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    events.next(EventType.NodeChildrenChanged, parent);

    watcher.getChildren(parent, events, null);
    writer.setData(parent + "/a", bytes("x"), -1);
    writer.setData(parent, bytes("x"), -1);
    writer.delete(parent + "/a", -1);
    events.next(EventType.NodeChildrenChanged, parent);
    events.assertNoMoreEvents(watcher);

    watcher.getChildren(parent, events);
    writer.delete(parent, -1);
    events.next(EventType.NodeDeleted, parent);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void sameWatcherOnDataAndChildrenFiresOncePerKind() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    watcher.getData(path, events, null);
    watcher.exists(path, events);
    watcher.getChildren(path, events);
    writer.delete(path, -1);
    // The client delivers one event per watcher object, even if registered on several kinds.
    events.next(EventType.NodeDeleted, path);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void eventArrivesBeforeTheReadThatSeesTheChange() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, bytes("old"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    for (int round = 0; round < 20; round++) {
      EventQueue events = new EventQueue();
      watcher.getData(path, events, null);
      writer.setData(path, bytes("new" + round), -1);
      // Callbacks and events share the client's event thread, in server order.
      CompletableFuture<List<WatchedEvent>> seenBeforeRead = new CompletableFuture<>();
      watcher.getData(
          path,
          false,
          (rc, p, ctx, data, stat) -> seenBeforeRead.complete(events.drainNow()),
          null);
      List<WatchedEvent> seen = seenBeforeRead.get(20, TimeUnit.SECONDS);
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).getType()).isEqualTo(EventType.NodeDataChanged);
    }
  }

  @Test
  void persistentWatchFiresForEveryChangeOfTheNodeAndItsChildren() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    EventQueue events = new EventQueue();
    watcher.addWatch(path, events, AddWatchMode.PERSISTENT);

    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    writer.setData(path, bytes("1"), -1);
    writer.setData(path, bytes("2"), -1);
    writer.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    writer.setData(path + "/c", bytes("ignored"), -1);
    writer.delete(path + "/c", -1);
    writer.delete(path, -1);
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    events.next(EventType.NodeCreated, path);
    events.next(EventType.NodeDataChanged, path);
    events.next(EventType.NodeDataChanged, path);
    events.next(EventType.NodeChildrenChanged, path);
    events.next(EventType.NodeChildrenChanged, path);
    events.next(EventType.NodeDeleted, path);
    events.next(EventType.NodeCreated, path);
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void persistentRecursiveWatchFiresForDescendantsWithoutChildEvents() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    watcher.addWatch(path, events, AddWatchMode.PERSISTENT_RECURSIVE);

    writer.create(path + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    writer.create(path + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    writer.setData(path + "/a/b", bytes("x"), -1);
    writer.setData(path, bytes("y"), -1);
    writer.delete(path + "/a/b", -1);
    writer.create(uniquePath(), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    events.next(EventType.NodeCreated, path + "/a");
    events.next(EventType.NodeCreated, path + "/a/b");
    events.next(EventType.NodeDataChanged, path + "/a/b");
    events.next(EventType.NodeDataChanged, path);
    events.next(EventType.NodeDeleted, path + "/a/b");
    events.assertNoMoreEvents(watcher);
  }

  @Test
  void removeWatchesDeliversRemovalEventAndStopsTheWatch() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue data = new EventQueue();
    EventQueue children = new EventQueue();
    watcher.getData(path, data, null);
    watcher.getChildren(path, children);

    watcher.removeWatches(path, data, WatcherType.Data, false);
    data.next(EventType.DataWatchRemoved, path);
    watcher.removeWatches(path, children, WatcherType.Children, false);
    children.next(EventType.ChildWatchRemoved, path);

    writer.setData(path, bytes("x"), -1);
    writer.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    data.assertNoMoreEvents(watcher);
    children.assertNoMoreEvents(watcher);
  }

  @Test
  void removeWatchesWithoutAWatchFailsWithNoWatcher() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    assertThatThrownBy(() -> zk.removeWatches(path, events, WatcherType.Data, false))
        .isInstanceOfSatisfying(
            KeeperException.NoWatcherException.class, e -> assertThat(e.getPath()).isEqualTo(path));
    assertThatThrownBy(() -> zk.removeAllWatches(path, WatcherType.Any, false))
        .isInstanceOf(KeeperException.NoWatcherException.class);
    zk.getData(path, events, null);
    assertThatThrownBy(() -> zk.removeWatches(path, events, WatcherType.Children, false))
        .isInstanceOf(KeeperException.NoWatcherException.class);
  }

  @Test
  void removeAllWatchesRemovesPersistentWatch() throws Exception {
    ZooKeeper watcher = clients.connect();
    ZooKeeper writer = clients.connect();
    String path = uniquePath();
    EventQueue events = new EventQueue();
    watcher.addWatch(path, events, AddWatchMode.PERSISTENT_RECURSIVE);
    writer.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    events.next(EventType.NodeCreated, path);

    watcher.removeAllWatches(path, WatcherType.Any, false);
    events.next(EventType.PersistentWatchRemoved, path);
    writer.setData(path, bytes("x"), -1);
    events.assertNoMoreEvents(watcher);
  }
}
