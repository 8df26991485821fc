package io.paddock.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.Stat;
import io.paddock.api.WatcherType;
import io.paddock.watch.WatchTable.Delivery;
import io.paddock.watch.WatchTable.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.DataTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives Apache ZooKeeper's own {@link DataTree} (test-scope oracle) and our {@link WatchTable}
 * through the same seeded random sequence of reads-with-watches, writes, removals and
 * re-registrations, and requires identical notifications and identical {@code has} answers.
 */
class WatchTableOracleTest {

  private static final String[] PATHS = {"/a", "/a/b", "/a/c", "/a/b/d", "/e"};
  private static final int SESSIONS = 3;
  private static final int STEPS = 1500;
  private static final Comparator<String> BY_SESSION =
      Comparator.comparing(e -> e.substring(0, e.indexOf(' ')));

  /** A ZooKeeper watcher standing for one session; records what the oracle delivers. */
  private static final class Recorder implements Watcher {
    final long sessionId;
    final List<String> events;

    Recorder(long sessionId, List<String> events) {
      this.sessionId = sessionId;
      this.events = events;
    }

    @Override
    public void process(org.apache.zookeeper.WatchedEvent e) {
      events.add(
          sessionId + " " + e.getType().getIntValue() + " " + e.getPath() + " " + e.getZxid());
    }
  }

  /**
   * world:anyone with all permissions (ZooDefs.Ids.OPEN_ACL_UNSAFE, spelled out: that class, like
   * DataNode, carries SpotBugs annotations whose absence javac would warn about under -Werror).
   */
  private static final List<ACL> OPEN_ACL = List.of(new ACL(31, new Id("world", "anyone")));

  private final DataTree zk = new DataTree();
  private final WatchTable ours = new WatchTable();
  private final List<String> zkEvents = new ArrayList<>();
  private final List<String> ourEvents = new ArrayList<>();
  private final Recorder[] recorders = new Recorder[SESSIONS];
  private long zxid = 100;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sameNotificationsAsZooKeeper(long seed) throws Exception {
    for (int s = 0; s < SESSIONS; s++) {
      recorders[s] = new Recorder(s + 1, zkEvents);
    }
    Random random = new Random(seed);
    int fired = 0;
    for (int step = 0; step < STEPS; step++) {
      String path = PATHS[random.nextInt(PATHS.length)];
      int s = random.nextInt(SESSIONS);
      step(random, random.nextInt(13), s, path);
      // Across sessions the order is free (ZooKeeper iterates a hash set); per session it is not.
      zkEvents.sort(BY_SESSION);
      ourEvents.sort(BY_SESSION);
      assertThat(ourEvents).as("seed %d step %d", seed, step).isEqualTo(zkEvents);
      fired += zkEvents.size();
      zkEvents.clear();
      ourEvents.clear();
      compareHas(seed, step);
    }
    assertThat(fired).as("the scenario must actually fire watches").isGreaterThan(100);
  }

  private void step(Random random, int op, int s, String path) throws Exception {
    long session = s + 1L;
    Recorder w = recorders[s];
    boolean exists = exists(path);
    switch (op) {
      case 0, 1 -> create(path);
      case 2 -> delete(path);
      case 3 -> setData(path);
      case 4 -> {
        if (exists) {
          zk.getData(path, new org.apache.zookeeper.data.Stat(), w);
          ours.add(session, path, Kind.DATA);
        }
      }
      case 5 -> {
        try {
          zk.statNode(path, w);
        } catch (KeeperException.NoNodeException e) {
          // the oracle registered an exist watch before throwing
        }
        ours.add(session, path, exists ? Kind.DATA : Kind.EXIST);
      }
      case 6 -> {
        if (exists) {
          zk.getChildren(path, new org.apache.zookeeper.data.Stat(), w);
          ours.add(session, path, Kind.CHILD);
        }
      }
      case 7 -> {
        boolean recursive = random.nextBoolean();
        zk.addWatch(path, w, recursive ? 1 : 0);
        ours.add(session, path, recursive ? Kind.PERSISTENT_RECURSIVE : Kind.PERSISTENT);
      }
      case 8, 9 -> {
        WatcherType type = WatcherType.fromCode(1 + random.nextInt(5)); // wire codes 1..5
        boolean removed = zk.removeWatch(path, Watcher.WatcherType.fromInt(type.code()), w);
        assertThat(ours.remove(session, path, type))
            .as("remove %s %s", path, type)
            .isEqualTo(removed ? ErrorCode.OK : ErrorCode.NO_WATCHER);
      }
      case 10 -> reregister(random, s);
      case 11 -> {
        if (random.nextInt(10) == 0) {
          zk.removeCnxn(w);
          ours.removeSession(session);
        }
      }
      default -> setData(path);
    }
  }

  private void create(String path) throws Exception {
    String parent = WatchTable.parentOf(path);
    if (exists(path) || !exists(parent)) {
      return;
    }
    zxid++;
    zk.createNode(path, new byte[0], OPEN_ACL, 0, -1, zxid, zxid);
    deliver(ours.trigger(path, EventType.NODE_CREATED, zxid));
    deliver(ours.trigger(parent, EventType.NODE_CHILDREN_CHANGED, zxid));
  }

  private void delete(String path) throws Exception {
    if (statOf(path) == null || statOf(path).numChildren() > 0) {
      return;
    }
    zxid++;
    zk.deleteNode(path, zxid);
    deliver(ours.trigger(path, EventType.NODE_DELETED, zxid));
    deliver(ours.trigger(WatchTable.parentOf(path), EventType.NODE_CHILDREN_CHANGED, zxid));
  }

  private void setData(String path) throws Exception {
    if (!exists(path)) {
      return;
    }
    zxid++;
    zk.setData(path, new byte[] {1}, -1, zxid, zxid);
    deliver(ours.trigger(path, EventType.NODE_DATA_CHANGED, zxid));
  }

  private void reregister(Random random, int s) {
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<String> l = new ArrayList<>();
      for (String p : PATHS) {
        if (random.nextInt(4) == 0) {
          l.add(p);
        }
      }
      lists.add(l);
    }
    long relativeZxid = zxid - random.nextInt(20);
    zk.setWatches(
        relativeZxid,
        lists.get(0),
        lists.get(1),
        lists.get(2),
        lists.get(3),
        lists.get(4),
        recorders[s]);
    WatchTable.Reregistered r =
        ours.reregister(
            s + 1L,
            relativeZxid,
            lists.get(0),
            lists.get(1),
            lists.get(2),
            lists.get(3),
            lists.get(4),
            this::statOf);
    assertThat(r.droppedOverLimit()).isZero();
    deliver(r.deliveries());
  }

  private boolean exists(String path) {
    return statOf(path) != null;
  }

  private Stat statOf(String path) {
    try {
      org.apache.zookeeper.data.Stat st = zk.statNode(path, null);
      return new Stat(
          st.getCzxid(),
          st.getMzxid(),
          st.getCtime(),
          st.getMtime(),
          st.getVersion(),
          st.getCversion(),
          st.getAversion(),
          st.getEphemeralOwner(),
          st.getDataLength(),
          st.getNumChildren(),
          st.getPzxid());
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
  }

  private void deliver(List<Delivery> deliveries) {
    for (Delivery d : deliveries) {
      ourEvents.add(
          d.sessionId()
              + " "
              + d.event().type().code()
              + " "
              + d.event().path()
              + " "
              + d.event().zxid());
    }
  }

  private void compareHas(long seed, int step) {
    for (int s = 0; s < SESSIONS; s++) {
      for (String p : PATHS) {
        for (WatcherType t : WatcherType.values()) {
          boolean expected =
              zk.containsWatcher(p, Watcher.WatcherType.fromInt(t.code()), recorders[s]);
          assertThat(ours.has(s + 1L, p, t))
              .as("seed %d step %d has(%d, %s, %s)", seed, step, s + 1, p, t)
              .isEqualTo(expected);
        }
      }
    }
  }
}
