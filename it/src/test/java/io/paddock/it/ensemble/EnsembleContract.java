package io.paddock.it.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.Ensemble;
import io.paddock.it.harness.ServerKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replicated ensemble of real processes on loopback, written once and run against Apache
 * ZooKeeper 3.9.5 ({@code ...ZooKeeperIT}) and Paddock ({@code ...PaddockIT}) with the official
 * ZooKeeper client and Curator. Each test starts its own ensemble: members are killed and
 * restarted.
 */
public abstract class EnsembleContract {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  /**
   * For a new leader after a partition. ZooKeeper's oracle once took longer than a minute in CI: a
   * member that had led briefly while the ensemble formed could not bind its quorum port again
   * ("Address already in use", cause not confirmed) and cycled LEADING -> LOOKING for the whole
   * minute. Paddock's members elect within seconds; the longer wait costs them nothing.
   */
  private static final Duration ELECTION_DEADLINE = Duration.ofMinutes(3);

  private final List<AutoCloseable> opened = new ArrayList<>();
  private Ensemble ensemble;

  protected abstract ServerKind kind();

  private Ensemble start(String name, int participants, int observers) {
    ensemble = Ensemble.create(kind(), name, participants, observers, Map.of()).start();
    return ensemble;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
    if (ensemble != null) {
      ensemble.close();
    }
  }

  private ZooKeeper connect(String connectString, int sessionTimeoutMs) throws Exception {
    Clients.StateRecorder states = new Clients.StateRecorder();
    ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, states, new ZKClientConfig());
    opened.add(zk);
    states.await(KeeperState.SyncConnected, DEADLINE);
    return zk;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** After a sync through {@code zk}'s server, the data at {@code path} there. */
  private static String syncedRead(ZooKeeper zk, String path) throws Exception {
    java.util.concurrent.CompletableFuture<Integer> synced =
        new java.util.concurrent.CompletableFuture<>();
    zk.sync(path, (rc, p, ctx) -> synced.complete(rc), null);
    assertThat(synced.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    return text(zk.getData(path, false, null));
  }

  @Test
  void oneLeaderWritesReplicateAndEveryMemberServesReads() throws Exception {
    Ensemble e = start("replicate", 3, 0);
    Ensemble.Member leader = e.awaitLeader();
    long followers = e.members().stream().filter(m -> "follower".equals(m.mode())).count();
    assertThat(followers).as(e.describe()).isEqualTo(2);

    ZooKeeper first = connect(e.member(1).connectString(), 30_000);
    first.create("/r", bytes("v1"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    for (int i = 0; i < 50; i++) {
      first.create("/r/c-", bytes("x" + i), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    }
    for (Ensemble.Member m : e.members()) {
      ZooKeeper zk = connect(m.connectString(), 30_000);
      assertThat(syncedRead(zk, "/r")).as("member " + m.id()).isEqualTo("v1");
      assertThat(zk.getChildren("/r", false)).as("member " + m.id()).hasSize(50);
    }
    // A write through a follower goes to the leader and comes back to every member.
    Ensemble.Member follower =
        e.members().stream().filter(m -> m != leader).findFirst().orElseThrow();
    ZooKeeper viaFollower = connect(follower.connectString(), 30_000);
    Stat stat = viaFollower.setData("/r", bytes("v2"), 0);
    assertThat(stat.getVersion()).isEqualTo(1);
    ZooKeeper viaLeader = connect(leader.connectString(), 30_000);
    assertThat(syncedRead(viaLeader, "/r")).isEqualTo("v2");
  }

  @Test
  void leaderKilledWhileClientsWriteNothingAcknowledgedIsLostAndItRejoins() throws Exception {
    Ensemble e = start("failover", 3, 0);
    Ensemble.Member oldLeader = e.awaitLeader();
    ZooKeeper setup = connect(e.connectString(), 30_000);
    int writers = 3;
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String path = "/w" + i;
      setup.create(path, bytes("0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      paths.add(path);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    Map<String, AtomicLong> acked = new ConcurrentHashMap<>();
    List<Thread> threads = new ArrayList<>();
    for (String path : paths) {
      ZooKeeper zk = connect(e.connectString(), 30_000);
      AtomicLong last = new AtomicLong();
      acked.put(path, last);
      Thread t =
          new Thread(
              () -> {
                while (running.get()) {
                  long next = last.get() + 1;
                  try {
                    zk.setData(path, bytes(Long.toString(next)), (int) next - 1);
                    last.set(next);
                  } catch (KeeperException.ConnectionLossException
                      | KeeperException.BadVersionException ex) {
                    // Unknown outcome (or the retry of a write that did land): read which.
                    reconcile(zk, path, next, last, running, errors);
                  } catch (KeeperException | InterruptedException ex) {
                    errors.add(path + ": " + ex);
                    return;
                  }
                }
              },
              "writer-" + path);
      t.start();
      threads.add(t);
    }
    await().atMost(DEADLINE).until(() -> acked.values().stream().allMatch(a -> a.get() >= 20));
    oldLeader.kill9();
    Ensemble.Member newLeader = e.awaitLeader();
    assertThat(newLeader.id()).isNotEqualTo(oldLeader.id());
    long[] atKill = acked.values().stream().mapToLong(AtomicLong::get).toArray();
    await()
        .atMost(DEADLINE)
        .alias("writes resume after the leader died")
        .until(
            () -> {
              long[] now = acked.values().stream().mapToLong(AtomicLong::get).toArray();
              for (int i = 0; i < now.length; i++) {
                if (now[i] < atKill[i] + 20) {
                  return false;
                }
              }
              return true;
            });
    running.set(false);
    for (Thread t : threads) {
      t.join(30_000);
    }
    assertThat(errors).isEmpty();
    oldLeader.launch();
    oldLeader.awaitReady();
    assertThat(oldLeader.mode()).isEqualTo("follower");
    for (Ensemble.Member m : e.members()) {
      ZooKeeper zk = connect(m.connectString(), 30_000);
      for (String path : paths) {
        Stat s = new Stat();
        syncedRead(zk, path);
        String data = text(zk.getData(path, false, s));
        long last = acked.get(path).get();
        assertThat(Long.parseLong(data)).as("member " + m.id() + " " + path).isEqualTo(last);
        assertThat(s.getVersion()).isEqualTo((int) last);
      }
    }
  }

  /**
   * After a write to version {@code next} had an unknown outcome: the node holds either {@code
   * next} (it landed) or {@code next - 1} (it did not); anything else is a lost or invented write.
   */
  private static void reconcile(
      ZooKeeper zk,
      String path,
      long next,
      AtomicLong last,
      AtomicBoolean running,
      List<String> errors) {
    while (running.get()) {
      try {
        String now = text(zk.getData(path, false, null));
        if (now.equals(Long.toString(next))) {
          last.set(next);
        } else if (!now.equals(Long.toString(next - 1))) {
          errors.add(path + " holds " + now + " after writing " + next);
        }
        return;
      } catch (KeeperException.ConnectionLossException e) {
        // still failing over
      } catch (KeeperException | InterruptedException e) {
        errors.add(path + ": " + e);
        return;
      }
    }
  }

  @Test
  void aMemberWithoutQuorumStopsServingAndResumesWhenAPeerReturns() throws Exception {
    Ensemble e = start("quorum", 3, 0);
    Ensemble.Member leader = e.awaitLeader();
    ZooKeeper zk = connect(e.member(1).connectString(), 30_000);
    zk.create("/q", bytes("before"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<Ensemble.Member> others = e.members().stream().filter(m -> m.id() != 1).toList();
    for (Ensemble.Member m : others) {
      m.kill9();
    }
    // Alone, member 1 cannot commit: it stops serving, and a write through it never succeeds.
    await()
        .atMost(DEADLINE)
        .until(() -> e.member(1).fourLetterWord("srvr").contains("not currently serving"));
    assertThatThrownBy(() -> zk.setData("/q", bytes("alone"), -1))
        .isInstanceOf(KeeperException.class);
    Ensemble.Member back = others.get(0);
    back.launch();
    back.awaitReady();
    e.member(1).awaitReady();
    ZooKeeper again = connect(e.member(1).connectString(), 30_000);
    assertThat(syncedRead(again, "/q")).isEqualTo("before");
    again.setData("/q", bytes("after"), -1);
    ZooKeeper other = connect(back.connectString(), 30_000);
    assertThat(syncedRead(other, "/q")).isEqualTo("after");
    assertThat(leader).isNotNull();
  }

  @Test
  void observerServesReadsAndForwardsWrites() throws Exception {
    Ensemble e = start("observer", 3, 1);
    e.awaitLeader();
    Ensemble.Member observer = e.member(4);
    assertThat(observer.mode()).isEqualTo("observer");
    ZooKeeper viaObserver = connect(observer.connectString(), 30_000);
    viaObserver.create("/o", bytes("from-observer"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    ZooKeeper viaOne = connect(e.member(1).connectString(), 30_000);
    assertThat(syncedRead(viaOne, "/o")).isEqualTo("from-observer");
    viaOne.setData("/o", bytes("from-participant"), -1);
    assertThat(syncedRead(viaObserver, "/o")).isEqualTo("from-participant");
  }

  @Test
  void sessionsMoveBetweenMembersAndExpireWhenTheirClientIsGone() throws Exception {
    Ensemble e = start("sessions", 3, 0);
    Ensemble.Member leader = e.awaitLeader();
    List<Ensemble.Member> followers = e.members().stream().filter(m -> m != leader).toList();
    // A session that fails over: its ephemeral node survives the loss of its server.
    ZooKeeper mover = connect(e.connectString(List.of(followers.get(0), followers.get(1))), 30_000);
    mover.create("/eph-mover", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    // A session whose only server dies: the leader must expire it on every member.
    Ensemble.Member doomed = followers.get(0);
    ZooKeeper orphan = connect(doomed.connectString(), 4_000);
    orphan.create("/eph-orphan", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    long moverSession = mover.getSessionId();
    doomed.kill9();
    ZooKeeper watcher = connect(leader.connectString(), 30_000);
    await()
        .atMost(DEADLINE)
        .alias("the orphan session expires and its ephemeral goes")
        .until(() -> watcher.exists("/eph-orphan", false) == null);
    Stat moved = mover.exists("/eph-mover", false);
    assertThat(moved).isNotNull();
    assertThat(moved.getEphemeralOwner()).isEqualTo(moverSession);
    assertThat(mover.getSessionId()).isEqualTo(moverSession);
    mover.close();
    await().atMost(DEADLINE).until(() -> watcher.exists("/eph-mover", false) == null);
  }

  @Test
  void curatorLockSurvivesTheLossOfItsServer() throws Exception {
    Ensemble e = start("curator", 3, 0);
    e.awaitLeader();
    CuratorFramework curator =
        CuratorFrameworkFactory.newClient(
            e.connectString(), 30_000, 10_000, new ExponentialBackoffRetry(100, 20));
    opened.add(curator);
    curator.start();
    assertThat(curator.blockUntilConnected(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    InterProcessMutex lock = new InterProcessMutex(curator, "/locks/a");
    assertThat(lock.acquire(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    curator.create().creatingParentsIfNeeded().forPath("/counter", bytes("0"));
    // Kill whichever member the client is connected to; Curator fails over and keeps the lock.
    // ZooKeeper's toString names the server it is connected to: "remoteserver:/127.0.0.1:port".
    String connected = curator.getZookeeperClient().getZooKeeper().toString();
    for (Ensemble.Member m : e.members()) {
      if (connected.contains("remoteserver:/127.0.0.1:" + m.port() + " ")) {
        m.kill9();
      }
    }
    curator.setData().forPath("/counter", bytes("1"));
    assertThat(lock.isAcquiredInThisProcess()).isTrue();
    assertThat(text(curator.getData().forPath("/counter"))).isEqualTo("1");
    lock.release();
    assertThat(curator.getChildren().forPath("/locks/a")).isEmpty();
  }

  @Test
  void aLeaderCutOffFromTheOthersCannotCommitWhileTheMajorityCan() throws Exception {
    ensemble = Ensemble.createProxied(kind(), "partition", 3, Map.of()).start();
    Ensemble e = ensemble;
    Ensemble.Member old = e.awaitLeader();
    List<Ensemble.Member> others = e.members().stream().filter(m -> m != old).toList();
    ZooKeeper viaOld = connect(old.connectString(), 30_000);
    viaOld.create("/p", bytes("before"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    e.isolate(old.id());
    java.util.concurrent.CompletableFuture<Integer> minorityWrite =
        new java.util.concurrent.CompletableFuture<>();
    viaOld.setData(
        "/p", bytes("minority"), -1, (rc, path, ctx, stat) -> minorityWrite.complete(rc), null);
    Ensemble.Member next =
        await()
            .atMost(ELECTION_DEADLINE)
            .until(
                () ->
                    others.stream().filter(m -> "leader".equals(m.mode())).findFirst().orElse(null),
                m -> m != null);
    ZooKeeper viaMajority = connect(e.connectString(others), 30_000);
    viaMajority.setData("/p", bytes("majority"), -1);
    // The old leader cannot commit: its write fails (it steps down after syncLimit and drops its
    // clients), and it stops serving.
    assertThat(minorityWrite.get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
        .isNotZero();
    await().atMost(DEADLINE).until(() -> !"leader".equals(old.mode()));

    e.heal();
    old.awaitReady();
    await().atMost(DEADLINE).until(() -> "follower".equals(old.mode()));
    ZooKeeper back = connect(old.connectString(), 30_000);
    assertThat(syncedRead(back, "/p")).isEqualTo("majority");
    assertThat(next.id()).isNotEqualTo(old.id());
  }
}
