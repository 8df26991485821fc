package io.paddock.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.AddWatchMode;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.Id;
import io.paddock.api.KeeperState;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.api.PaddockException;
import io.paddock.api.Perms;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/** Every operation of {@link PaddockClient}, sync and async, against a real server process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PaddockClientContract {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private ServerProcess server;
  private final List<PaddockClient> open = new ArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private String testName = "t";

  protected abstract ServerKind kind();

  @BeforeAll
  void startServer() {
    server = kind().create(getClass().getSimpleName(), ServerKind.TEST_JVM_ARGS);
    server.start();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getTestMethod().map(m -> m.getName()).orElse("t");
  }

  @AfterEach
  void closeClients() {
    open.forEach(PaddockClient::close);
    open.clear();
  }

  private PaddockClient connect(String suffix, List<WatchedEvent> states) {
    PaddockClient client =
        PaddockClients.connect(
            ClientConfig.builder(server.connectString() + suffix)
                .sessionTimeoutMs(10_000)
                .defaultWatcher(states == null ? null : states::add)
                .build());
    open.add(client);
    await().atMost(WAIT).until(() -> client.state() == KeeperState.SYNC_CONNECTED);
    return client;
  }

  private PaddockClient connect() {
    return connect("", null);
  }

  private String uniquePath() {
    return "/client-" + testName + "-" + counter.incrementAndGet();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createReadUpdateDeleteSynchronously() throws Exception {
    PaddockClient client = connect();
    String path = uniquePath();
    assertThat(client.create(path, bytes("v1"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isEqualTo(path);
    NodeData read = client.getData(path);
    assertThat(read.data()).isEqualTo(bytes("v1"));
    assertThat(read.stat().version()).isZero();
    assertThat(read.stat().dataLength()).isEqualTo(2);
    Stat updated = client.setData(path, bytes("v22"), 0);
    assertThat(updated.version()).isEqualTo(1);
    assertThat(updated.mzxid()).isGreaterThan(read.stat().mzxid());
    assertThatThrownBy(() -> client.setData(path, bytes("x"), 0))
        .isInstanceOf(PaddockException.BadVersion.class)
        .satisfies(e -> assertThat(((PaddockException) e).code()).isEqualTo(ErrorCode.BAD_VERSION));
    assertThat(client.exists(path)).isEqualTo(updated);
    client.delete(path, 1);
    assertThat(client.exists(path)).isNull();
    assertThatThrownBy(() -> client.getData(path)).isInstanceOf(PaddockException.NoNode.class);
    assertThatThrownBy(() -> client.delete(path, -1)).isInstanceOf(PaddockException.NoNode.class);
  }

  @Test
  void everyCreateModeAndItsResult() throws Exception {
    PaddockClient client = connect();
    String parent = uniquePath();
    client.create(parent, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Created seq =
        client.create(
            parent + "/s-", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, 0);
    assertThat(seq.path()).isEqualTo(parent + "/s-0000000000");
    assertThat(seq.stat().czxid()).isPositive();
    Created eph =
        client.create(parent + "/e", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, 0);
    assertThat(eph.stat().ephemeralOwner()).isEqualTo(client.sessionId());
    String ephSeq =
        client.create(
            parent + "/es-", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    assertThat(ephSeq).isEqualTo(parent + "/es-0000000002");
    Created container =
        client.create(parent + "/c", new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, 0);
    assertThat(container.stat().ephemeralOwner()).isZero();
    Created ttl =
        client.create(
            parent + "/t",
            new byte[0],
            Acl.OPEN_ACL_UNSAFE,
            CreateMode.PERSISTENT_WITH_TTL,
            60_000);
    assertThat(ttl.stat().ephemeralOwner()).isZero();
    assertThatThrownBy(
            () ->
                client.create(
                    parent + "/e/child", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOf(PaddockException.NoChildrenForEphemerals.class);
    assertThatThrownBy(
            () -> client.create(parent, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOf(PaddockException.NodeExists.class);
    assertThat(client.getChildren(parent))
        .containsExactlyInAnyOrder("s-0000000000", "e", "es-0000000002", "c", "t");
    assertThat(client.getAllChildrenNumber(parent)).isEqualTo(5);
    assertThat(client.getEphemerals(parent)).containsExactlyInAnyOrder(parent + "/e", ephSeq);
  }

  @Test
  void asyncCallsArePipelinedAndCompleteInOrder() throws Exception {
    PaddockClient client = connect();
    String path = uniquePath();
    client.create(path, bytes("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<Integer> completed = new CopyOnWriteArrayList<>();
    List<CompletableFuture<Stat>> futures = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      int n = i;
      futures.add(
          client
              .setDataAsync(path, bytes(Integer.toString(i)), -1)
              .whenComplete((stat, error) -> completed.add(n))
              .toCompletableFuture());
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get();
    assertThat(completed).hasSize(500).isSorted();
    assertThat(futures.get(499).get().version()).isEqualTo(500);
    assertThat(client.getData(path).data()).isEqualTo(bytes("500"));
  }

  @Test
  void oneShotWatchesFireExactlyOnce() throws Exception {
    PaddockClient client = connect();
    PaddockClient other = connect();
    String path = uniquePath();
    List<WatchedEvent> events = new CopyOnWriteArrayList<>();
    assertThat(client.exists(path, events::add)).isNull();
    other.create(path, bytes("a"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    await().atMost(WAIT).until(() -> events.size() == 1);
    assertThat(events.get(0).type()).isEqualTo(EventType.NODE_CREATED);
    assertThat(events.get(0).path()).isEqualTo(path);

    client.getData(path, events::add);
    client.getChildren(path, events::add);
    other.setData(path, bytes("b"), -1);
    other.setData(path, bytes("c"), -1);
    other.create(path + "/k", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.sync(path);
    client.sync(path);
    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(events.subList(1, 3))
        .extracting(WatchedEvent::type)
        .containsExactly(EventType.NODE_DATA_CHANGED, EventType.NODE_CHILDREN_CHANGED);
  }

  @Test
  void persistentRecursiveWatchSeesDescendantsAndCanBeRemoved() throws Exception {
    PaddockClient client = connect();
    PaddockClient other = connect();
    String root = uniquePath();
    other.create(root, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<WatchedEvent> events = new CopyOnWriteArrayList<>();
    client.addWatch(root, events::add, AddWatchMode.PERSISTENT_RECURSIVE);
    other.create(root + "/a", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.create(root + "/a/b", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.setData(root + "/a/b", bytes("x"), -1);
    await().atMost(WAIT).until(() -> events.size() == 3);
    assertThat(events)
        .extracting(WatchedEvent::type, WatchedEvent::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_CREATED, root + "/a"),
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_CREATED, root + "/a/b"),
            org.assertj.core.groups.Tuple.tuple(EventType.NODE_DATA_CHANGED, root + "/a/b"));
    client.removeWatches(root, null, WatcherType.ANY, false);
    await().atMost(WAIT).until(() -> events.size() == 4);
    assertThat(events.get(3).type()).isEqualTo(EventType.PERSISTENT_WATCH_REMOVED);
    other.delete(root + "/a/b", -1);
    other.sync(root);
    client.sync(root);
    assertThat(events).hasSize(4);
    assertThatThrownBy(() -> client.removeWatches(root, null, WatcherType.DATA, false))
        .isInstanceOf(PaddockException.NoWatcher.class);
  }

  @Test
  void multiIsAllOrNothingWithPerOpResults() throws Exception {
    PaddockClient client = connect();
    String path = uniquePath();
    client.create(path, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<OpResult> ok =
        client.multi(
            List.of(
                new Op.Create(path + "/a", bytes("a"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                new Op.SetData(path, bytes("p"), 0),
                new Op.Check(path, 1)));
    assertThat(ok).hasSize(3);
    assertThat(((OpResult.CreateResult) ok.get(0)).path()).isEqualTo(path + "/a");
    assertThat(((OpResult.SetDataResult) ok.get(1)).stat().version()).isEqualTo(1);
    assertThat(ok.get(2)).isInstanceOf(OpResult.CheckResult.class);

    assertThatThrownBy(
            () ->
                client.multi(
                    List.of(
                        new Op.Create(
                            path + "/b", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                        new Op.Check(path, 7),
                        new Op.Delete(path + "/a", -1))))
        .isInstanceOfSatisfying(
            PaddockException.BadVersion.class,
            e ->
                assertThat(e.results())
                    .containsExactly(
                        new OpResult.ErrorResult(ErrorCode.OK),
                        new OpResult.ErrorResult(ErrorCode.BAD_VERSION),
                        new OpResult.ErrorResult(ErrorCode.RUNTIME_INCONSISTENCY)));
    assertThat(client.exists(path + "/b")).isNull();
    assertThat(client.exists(path + "/a")).isNotNull();

    List<OpResult> reads =
        client.multiRead(List.of(new Op.GetData(path + "/a"), new Op.GetChildren(path)));
    assertThat(((OpResult.GetDataResult) reads.get(0)).data()).isEqualTo(bytes("a"));
    assertThat(((OpResult.GetChildrenResult) reads.get(1)).children()).containsExactly("a");
  }

  @Test
  void digestAclsAndWhoAmI() throws Exception {
    PaddockClient owner = connect();
    owner.addAuthInfo("digest", bytes("carol:secret"));
    String path = uniquePath();
    owner.create(path, bytes("s"), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    assertThat(owner.getAcl(path).acl())
        .singleElement()
        .satisfies(
            acl -> {
              assertThat(acl.perms()).isEqualTo(Perms.ALL);
              assertThat(acl.id().scheme()).isEqualTo("digest");
              assertThat(acl.id().id()).startsWith("carol:");
            });
    assertThat(owner.whoAmI())
        .extracting(info -> info.authScheme() + ":" + info.user())
        .contains("digest:carol");
    PaddockClient stranger = connect();
    assertThatThrownBy(() -> stranger.getData(path)).isInstanceOf(PaddockException.NoAuth.class);
    assertThatThrownBy(
            () -> stranger.setAcl(path, List.of(new Acl(Perms.ALL, new Id("world", "anyone"))), -1))
        .isInstanceOf(PaddockException.NoAuth.class);
    assertThatThrownBy(() -> owner.create(uniquePath(), null, List.of(), CreateMode.PERSISTENT))
        .isInstanceOf(PaddockException.InvalidAcl.class);
  }

  @Test
  void chrootIsInvisibleToTheCaller() throws Exception {
    PaddockClient root = connect();
    String base = uniquePath();
    root.create(base, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    PaddockClient chrooted = connect(base, null);
    List<WatchedEvent> events = new CopyOnWriteArrayList<>();
    chrooted.exists("/x", events::add);
    assertThat(chrooted.create("/x", bytes("1"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isEqualTo("/x");
    assertThat(root.getData(base + "/x").data()).isEqualTo(bytes("1"));
    await().atMost(WAIT).until(() -> events.size() == 1);
    assertThat(events.get(0).path()).isEqualTo("/x");
  }

  @Test
  void closingEndsTheSessionAndItsEphemerals() throws Exception {
    PaddockClient watcher = connect();
    List<WatchedEvent> states = new CopyOnWriteArrayList<>();
    PaddockClient member = connect("", states);
    String path = uniquePath();
    member.create(path, null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    List<WatchedEvent> events = new CopyOnWriteArrayList<>();
    assertThat(watcher.exists(path, events::add)).isNotNull();
    member.close();
    await().atMost(WAIT).until(() -> events.size() == 1);
    assertThat(events.get(0).type()).isEqualTo(EventType.NODE_DELETED);
    assertThat(member.state()).isEqualTo(KeeperState.CLOSED);
    assertThatThrownBy(() -> member.exists(path)).isInstanceOf(Exception.class);
  }
}
