package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.it.harness.Clients.StateRecorder;
import io.paddock.it.harness.EventQueue;
import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** Session close, expiry and re-attach; container and TTL node removal by the server. */
public abstract class SessionContract extends ServerContract {
  /** The minimum ZooKeeper allows: 2 ticks of 2000 ms. */
  private static final int SHORT_SESSION_TIMEOUT_MS = 4000;

  private static final Duration REMOVAL_DEADLINE = Duration.ofSeconds(30);

  @Test
  void closingASessionRemovesItsEphemeralsAndFiresOthersWatches() throws Exception {
    ZooKeeper owner = clients.connect();
    ZooKeeper observer = clients.connect();
    String parent = uniquePath();
    owner.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    owner.create(parent + "/e", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    owner.create(parent + "/p", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue nodeEvents = new EventQueue();
    EventQueue childEvents = new EventQueue();
    observer.exists(parent + "/e", nodeEvents);
    observer.getChildren(parent, childEvents);

    owner.close();

    nodeEvents.next(EventType.NodeDeleted, parent + "/e");
    childEvents.next(EventType.NodeChildrenChanged, parent);
    assertThat(observer.exists(parent + "/e", false)).isNull();
    assertThat(observer.getChildren(parent, false)).containsExactly("p");
    nodeEvents.assertNoMoreEvents(observer);
  }

  @Test
  void reattachWithRightPasswordKeepsTheSession() throws Exception {
    ZooKeeper first = clients.connect();
    String path = uniquePath();
    first.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

    StateRecorder states = new StateRecorder();
    ZooKeeper second = clients.attach(first.getSessionId(), first.getSessionPasswd(), states);
    states.await(KeeperState.SyncConnected, Duration.ofSeconds(20));
    assertThat(second.getSessionId()).isEqualTo(first.getSessionId());
    Stat stat = second.exists(path, false);
    assertThat(stat.getEphemeralOwner()).isEqualTo(first.getSessionId());
    assertThat(second.getEphemerals()).containsExactly(path);
  }

  @Test
  void reattachWithWrongPasswordIsExpired() throws Exception {
    ZooKeeper first = clients.connect();
    String path = uniquePath();
    first.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

    byte[] wrong = first.getSessionPasswd().clone();
    wrong[0] ^= 0x55;
    StateRecorder states = new StateRecorder();
    clients.attach(first.getSessionId(), wrong, states);
    states.await(KeeperState.Expired, Duration.ofSeconds(20));
    // The real session survives. ZooKeeper drops the owner's connection on the failed attempt;
    // its client reconnects to the same session, so retry on ConnectionLoss.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsInstanceOf(KeeperException.ConnectionLossException.class)
        .untilAsserted(
            () -> {
              first.setData(path, bytes("still mine"), -1);
              assertThat(first.exists(path, false).getEphemeralOwner())
                  .isEqualTo(first.getSessionId());
            });
  }

  @Test
  void expiredSessionLosesEphemeralsAndItsClientSeesExpired() throws Exception {
    StateRecorder victimStates = new StateRecorder();
    ZooKeeper victim = clients.connect(SHORT_SESSION_TIMEOUT_MS, victimStates);
    ZooKeeper observer = clients.connect();
    String path = uniquePath();
    victim.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    EventQueue events = new EventQueue();
    observer.exists(path, events);

    // Take the session over from a second client and close it: the server ends the session, and
    // the first client, whose connection was taken over, learns it is expired when it reconnects.
    StateRecorder thiefStates = new StateRecorder();
    ZooKeeper thief = clients.attach(victim.getSessionId(), victim.getSessionPasswd(), thiefStates);
    thiefStates.await(KeeperState.SyncConnected, Duration.ofSeconds(20));
    thief.close();

    events.next(EventType.NodeDeleted, path);
    assertThat(observer.exists(path, false)).isNull();
    victimStates.await(KeeperState.Expired, Duration.ofSeconds(30));
  }

  @Test
  void containerIsRemovedAfterItsLastChildGoes() throws Exception {
    ZooKeeper zk = clients.connect();
    String container = uniquePath();
    zk.create(container, null, Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER);
    zk.create(container + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    EventQueue events = new EventQueue();
    zk.exists(container, events);
    zk.delete(container + "/child", -1);

    events.next(EventType.NodeDeleted, container);
    await().atMost(REMOVAL_DEADLINE).until(() -> zk.exists(container, false) == null);
  }

  @Test
  void ttlNodeIsRemovedAfterItsTtl() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(
        path, bytes("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 200L);
    EventQueue events = new EventQueue();
    zk.exists(path, events);
    events.next(EventType.NodeDeleted, path);
    assertThat(zk.exists(path, false)).isNull();
  }

  @Test
  void ttlNodeWithChildrenStays() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 200L);
    zk.create(path + "/keep", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    // A second TTL node without children is our clock: once it is gone, a check has run.
    String probe = uniquePath();
    zk.create(probe, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, new Stat(), 200L);
    await().atMost(REMOVAL_DEADLINE).until(() -> zk.exists(probe, false) == null);
    assertThat(zk.exists(path, false)).isNotNull();
    zk.delete(path + "/keep", -1);
    await().atMost(REMOVAL_DEADLINE).until(() -> zk.exists(path, false) == null);
  }
}
