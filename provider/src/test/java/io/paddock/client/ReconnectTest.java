package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.AddWatchMode;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockException;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import io.paddock.client.TestClients.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection loss, failover, re-attach, expiry and close against a real ZooKeeper server, with a
 * TCP proxy in between so the test can cut connections at will.
 */
class ReconnectTest {
  @TempDir static Path dir;
  static EmbeddedZk zk;
  static PaddockClientImpl observer;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    zk = EmbeddedZk.start(dir);
    observer = TestClients.connect(zk.connectString(), null);
  }

  @AfterAll
  static void stop() {
    if (observer != null) {
      observer.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    closeables.add(0, c);
    return c;
  }

  private TcpProxy proxy() throws Exception {
    return track(new TcpProxy(zk.port()));
  }

  private PaddockClientImpl client(String hosts, Recorder defaults) {
    return track(TestClients.connect(hosts, defaults));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<EventType> types(Recorder r) {
    return r.events.stream().map(WatchedEvent::type).toList();
  }

  @Test
  void afterTheServerDropsTheConnectionTheSessionAndWatchesComeBack() throws Exception {
    TcpProxy proxy = proxy();
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(proxy.hostPort(), defaults);
    long session = c.sessionId();
    c.create("/rc", b("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    c.create("/rc-eph", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    Recorder data = new Recorder();
    Recorder children = new Recorder();
    Recorder recursive = new Recorder();
    Recorder exist = new Recorder();
    c.getData("/rc", data);
    c.getChildren("/rc", children);
    c.addWatch("/rc", recursive, AddWatchMode.PERSISTENT_RECURSIVE);
    c.exists("/rc-later", exist);

    proxy.cutAll();
    await().atMost(TestClients.WAIT).until(() -> defaults.states().size() >= 3);
    assertThat(defaults.states())
        .containsExactly(
            KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED, KeeperState.SYNC_CONNECTED);
    assertThat(c.sessionId()).isEqualTo(session);
    assertThat(proxy.accepted()).isEqualTo(2);
    assertThat(observer.exists("/rc-eph").ephemeralOwner()).isEqualTo(session);

    observer.setData("/rc", b("1"), -1);
    observer.create("/rc/kid", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    observer.create("/rc-later", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    await()
        .atMost(TestClients.WAIT)
        .until(
            () ->
                data.events.size() == 1
                    && children.events.size() == 1
                    && recursive.events.size() == 2
                    && exist.events.size() == 1);
    assertThat(types(data)).containsExactly(EventType.NODE_DATA_CHANGED);
    assertThat(types(children)).containsExactly(EventType.NODE_CHILDREN_CHANGED);
    assertThat(types(recursive))
        .containsExactly(EventType.NODE_DATA_CHANGED, EventType.NODE_CREATED);
    assertThat(types(exist)).containsExactly(EventType.NODE_CREATED);
  }

  @Test
  void changesMadeWhileDisconnectedFireOnReconnectThanksToTheLastZxid() throws Exception {
    TcpProxy proxy = proxy();
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(proxy.hostPort(), defaults);
    c.create("/offline", b("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Recorder data = new Recorder();
    c.getData("/offline", data);
    proxy.refuse(true);
    proxy.cutAll();
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.DISCONNECTED);
    observer.setData("/offline", b("changed while away"), -1);
    CompletableFuture<byte[]> read =
        c.getDataAsync("/offline", null).thenApply(d -> d.data()).toCompletableFuture();
    proxy.refuse(false);
    assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(b("changed while away"));
    await().atMost(TestClients.WAIT).until(() -> data.events.size() == 1);
    assertThat(types(data)).containsExactly(EventType.NODE_DATA_CHANGED);
  }

  @Test
  void failsOverToAnotherHostOfTheConnectString() throws Exception {
    TcpProxy one = proxy();
    TcpProxy two = proxy();
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(one.hostPort() + "," + two.hostPort(), defaults);
    long session = c.sessionId();
    TcpProxy used = one.accepted() == 1 ? one : two;
    TcpProxy other = used == one ? two : one;
    used.refuse(true);
    used.cutAll();
    await().atMost(TestClients.WAIT).until(() -> other.accepted() == 1);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    assertThat(c.sessionId()).isEqualTo(session);
    assertThat(c.exists("/")).isNotNull();
  }

  @Test
  void credentialsAreReSentAfterReconnect() throws Exception {
    TcpProxy proxy = proxy();
    PaddockClientImpl c = client(proxy.hostPort(), null);
    c.addAuthInfo("digest", b("bob:pw"));
    c.create("/bobs", b("x"), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    proxy.cutAll();
    await().atMost(TestClients.WAIT).until(() -> proxy.accepted() == 2);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    assertThat(c.getData("/bobs").data()).isEqualTo(b("x"));
    assertThat(c.whoAmI()).extracting(i -> i.user()).contains("bob");
  }

  @Test
  void aSilentServerIsDetectedByTheReadTimeout() throws Exception {
    TcpProxy proxy = proxy();
    Recorder defaults = new Recorder();
    ClientConfig config =
        ClientConfig.builder(proxy.hostPort())
            .sessionTimeoutMs(6_000)
            .defaultWatcher(defaults)
            .build();
    PaddockClientImpl c = track(TestClients.connect(config, ClientTuning.defaults(new Random(1))));
    long t0 = System.nanoTime();
    proxy.freeze(true);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.DISCONNECTED);
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    proxy.freeze(false);
    assertThat(silentMs).isBetween(2_000L, 5_000L); // 2/3 of 6 s after the last frame
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    assertThat(c.exists("/")).isNotNull();
  }

  @Test
  void aServerRestartOnTheSameDataDirKeepsTheSession() throws Exception {
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(zk.connectString(), defaults);
    long session = c.sessionId();
    c.create("/restart-eph", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    Recorder data = new Recorder();
    c.getData("/restart-eph", data);
    zk.restart();
    await().atMost(TestClients.WAIT).until(() -> defaults.states().size() >= 3);
    assertThat(defaults.states())
        .containsExactly(
            KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED, KeeperState.SYNC_CONNECTED);
    assertThat(c.sessionId()).isEqualTo(session);
    c.setData("/restart-eph", b("after restart"), -1);
    await().atMost(TestClients.WAIT).until(() -> data.events.size() == 1);
    assertThat(c.exists("/restart-eph").ephemeralOwner()).isEqualTo(session);
  }

  @Test
  void closingTheSessionFromAnotherClientExpiresThisOne() throws Exception {
    TcpProxy proxy = proxy();
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(proxy.hostPort(), defaults);
    c.create("/expire-eph", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    Recorder data = new Recorder();
    c.getData("/expire-eph", data);
    // Keep our client away while the other one takes the session over and closes it; otherwise
    // our reconnect would steal the session back before the close.
    proxy.refuse(true);
    proxy.cutAll();
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.DISCONNECTED);
    CountDownLatch attached = new CountDownLatch(1);
    ZooKeeper raw =
        new ZooKeeper(
            zk.connectString(),
            10_000,
            e -> {
              if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                attached.countDown();
              }
            },
            c.sessionId(),
            c.sessionPassword());
    assertThat(attached.await(20, TimeUnit.SECONDS)).isTrue();
    raw.close();
    proxy.refuse(false);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.EXPIRED);
    assertThat(defaults.states()).endsWith(KeeperState.EXPIRED);
    assertThat(defaults.states()).containsOnlyOnce(KeeperState.EXPIRED);
    Throwable t = catchThrowable(() -> c.getData("/"));
    assertThat(t).isInstanceOf(PaddockException.SessionExpired.class);
    assertThat(observer.exists("/expire-eph")).isNull();
    assertThat(catchThrowable(() -> c.removeWatches("/expire-eph", data, WatcherType.ANY, true)))
        .isInstanceOf(PaddockException.NoWatcher.class);
  }

  @Test
  void closeEndsTheSessionOnceAndLaterCallsFailClearly() throws Exception {
    Recorder defaults = new Recorder();
    PaddockClientImpl c = TestClients.connect(zk.connectString(), defaults);
    c.create("/closing-eph", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    CompletableFuture<?> beforeClose = c.existsAsync("/", null).toCompletableFuture();
    c.close();
    c.close(); // idempotent
    assertThat(beforeClose).isCompleted();
    assertThat(beforeClose.isCompletedExceptionally()).isFalse();
    assertThat(c.state()).isEqualTo(KeeperState.CLOSED);
    assertThat(defaults.states()).containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.CLOSED);
    assertThat(observer.exists("/closing-eph")).isNull();
    PaddockException e = (PaddockException) catchThrowable(() -> c.getData("/"));
    assertThat(e.code()).isEqualTo(ErrorCode.SESSION_EXPIRED);
    assertThat(e.getCause()).hasMessageContaining("was closed");
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.endsWith(Long.toHexString(c.sessionId())) && n.startsWith("paddock"));
  }

  @Test
  void closeKeepsTheInterruptFlag() {
    PaddockClientImpl c = TestClients.connect(zk.connectString(), null);
    Thread.currentThread().interrupt();
    c.close();
    assertThat(Thread.interrupted()).isTrue();
    assertThat(c.state()).isEqualTo(KeeperState.CLOSED);
  }

  @Test
  void localWatchRemovalWorksWhileDisconnected() throws Exception {
    TcpProxy proxy = proxy();
    PaddockClientImpl c = client(proxy.hostPort(), null);
    c.create("/localrm", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Recorder w = new Recorder();
    c.getChildren("/localrm", w);
    proxy.refuse(true);
    proxy.cutAll();
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.DISCONNECTED);
    c.removeWatches("/localrm", w, WatcherType.CHILDREN, true);
    assertThat(w.events)
        .extracting(WatchedEvent::type, WatchedEvent::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                EventType.CHILD_WATCH_REMOVED, KeeperState.DISCONNECTED));
    PaddockException notLocal =
        (PaddockException)
            catchThrowable(() -> c.removeWatches("/localrm", w, WatcherType.ANY, false));
    assertThat(notLocal.code()).isEqualTo(ErrorCode.NO_WATCHER);
    proxy.refuse(false);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    observer.create("/localrm/k", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    c.sync("/");
    assertThat(w.events).hasSize(1);
  }

  @Test
  void requestsInFlightWhenTheConnectionDropsFailWithConnectionLoss() throws Exception {
    TcpProxy proxy = proxy();
    // A long session timeout keeps the read timeout (2/3 of it) from firing before the cut below
    // on a loaded machine: this test is about the cut, not about liveness.
    PaddockClientImpl c =
        track(
            TestClients.connect(
                ClientConfig.builder(proxy.hostPort())
                    .sessionTimeoutMs(30_000)
                    .connectTimeoutMs(5_000)
                    .build(),
                ClientTuning.defaults(new Random(42))));
    proxy.freeze(true); // requests reach the proxy but neither they nor answers get through
    long before = proxy.bytesFromClients();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(c.existsAsync("/", null).toCompletableFuture());
    }
    // The frozen proxy reads one chunk and then holds it, so it cannot tell how many of the 20
    // requests the client has written; wait for the first, then cut. Requests that were on the
    // wire must fail with CONNECTION_LOSS; any the client had not written yet are sent after the
    // reconnect and succeed. Either way none is lost or answered twice.
    await().atMost(TestClients.WAIT).until(() -> proxy.bytesFromClients() > before);
    proxy.cutAll();
    proxy.freeze(false);
    int lost = 0;
    for (CompletableFuture<?> f : inFlight) {
      Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
      if (t != null) {
        assertThat(t.getCause()).isInstanceOf(PaddockException.ConnectionLoss.class);
        assertThat(t.getCause().getCause()).hasMessageContaining("closed the connection");
        lost++;
      }
    }
    assertThat(lost).as("requests on the wire when it was cut").isPositive();
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    assertThat(c.exists("/")).isNotNull();
  }

  @Test
  void anUnknownAuthSchemeEndsTheClientWithAuthFailed() throws Exception {
    Recorder defaults = new Recorder();
    PaddockClientImpl c = client(zk.connectString(), defaults);
    Throwable t = catchThrowable(() -> c.addAuthInfo("no-such-scheme", b("x")));
    assertThat(t).isInstanceOf(PaddockException.AuthFailed.class);
    await().atMost(TestClients.WAIT).until(() -> c.state() == KeeperState.AUTH_FAILED);
    assertThat(defaults.states())
        .containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.AUTH_FAILED);
    assertThat(catchThrowable(() -> c.exists("/"))).isInstanceOf(PaddockException.AuthFailed.class);
  }

  @Test
  void aBurstOfCallsAcrossADroppedConnectionAllCompleteInOrder() throws Exception {
    TcpProxy proxy = proxy();
    PaddockClientImpl c = client(proxy.hostPort(), null);
    c.create("/burst", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    int n = 4_000;
    List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      all.add(
          c.setDataAsync("/burst", b("v" + i), -1)
              .whenComplete((v, e) -> order.add(id))
              .toCompletableFuture());
      if (i == n / 2) {
        proxy.cutAll();
      }
    }
    int lost = 0;
    for (CompletableFuture<?> f : all) {
      Throwable t = catchThrowable(() -> f.get(30, TimeUnit.SECONDS));
      if (t != null) {
        assertThat(t.getCause()).isInstanceOf(PaddockException.ConnectionLoss.class);
        lost++;
      }
    }
    assertThat(order).hasSize(n).isSorted();
    int version = c.getData("/burst").stat().version();
    // CONNECTION_LOSS means "outcome unknown": the server may have applied a call whose reply was
    // lost with the connection. Every call that succeeded was applied.
    assertThat(version).isBetween(n - lost, n);
  }
}
