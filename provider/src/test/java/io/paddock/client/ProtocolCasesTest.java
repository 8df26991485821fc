package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.api.ClientConfig;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import io.paddock.client.FakeServer.Conn;
import io.paddock.client.TestClients.Recorder;
import io.paddock.wire.ConnectRequest;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.Response;
import io.paddock.wire.ServerCodec.DecodedRequest;
import io.paddock.wire.WatcherEvent;
import io.paddock.wire.Xid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol cases driven by a scripted server: deterministic, no real ZooKeeper. */
class ProtocolCasesTest {
  private static final long SESSION = 0x1234_5678L;
  private static final Stat STAT = new Stat(1, 2, 3, 4, 5, 6, 7, 0, 1, 0, 9);

  private final List<AutoCloseable> closeables = new ArrayList<>();

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

  private PaddockClientImpl start(String hosts, Recorder defaults, int requestTimeoutMs) {
    return start(hosts, defaults, requestTimeoutMs, ClientTuning.defaults(new Random(7)));
  }

  private PaddockClientImpl start(
      String hosts, Recorder defaults, int requestTimeoutMs, ClientTuning tuning) {
    ClientConfig config =
        ClientConfig.builder(hosts)
            .sessionTimeoutMs(30_000)
            .connectTimeoutMs(5_000)
            .requestTimeoutMs(requestTimeoutMs)
            .defaultWatcher(defaults)
            .build();
    return track(PaddockClientImpl.start(config, tuning));
  }

  private static ErrorCode codeOf(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got a result");
    } catch (ExecutionException e) {
      return ((PaddockException) e.getCause()).code();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no completion within 20 s", e);
    }
  }

  @Test
  void inFlightRequestsFailWithConnectionLossInOrderAndReconnectCarriesSessionAndZxid()
      throws Exception {
    FakeServer server = track(new FakeServer());
    Recorder defaults = new Recorder();
    PaddockClientImpl client = start(server.hostPort(), defaults, 0);
    Conn c1 = server.accept();
    ConnectRequest first = c1.handshake(SESSION, 30_000);
    assertThat(first.sessionId()).isZero();
    assertThat(first.lastZxidSeen()).isZero();
    CompletableFuture<Stat> answered = client.existsAsync("/a", null).toCompletableFuture();
    DecodedRequest r1 = c1.readRequestAnsweringPings();
    c1.reply(r1.header().xid(), 0x55, 0, new Response.Exists(STAT));
    assertThat(answered.get(10, TimeUnit.SECONDS)).isEqualTo(STAT);

    List<Integer> completionOrder = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int id = i;
      inFlight.add(
          client
              .getDataAsync("/p" + i, null)
              .whenComplete((v, e) -> completionOrder.add(id))
              .toCompletableFuture());
    }
    for (int i = 0; i < 5; i++) {
      assertThat(c1.readRequestAnsweringPings().op()).isEqualTo(OpCode.GET_DATA);
    }
    c1.close();
    for (CompletableFuture<?> f : inFlight) {
      assertThat(codeOf(f)).isEqualTo(ErrorCode.CONNECTION_LOSS);
    }
    assertThat(completionOrder).containsExactly(0, 1, 2, 3, 4);

    Conn c2 = server.accept();
    ConnectRequest again = c2.handshake(SESSION, 30_000);
    assertThat(again.sessionId()).isEqualTo(SESSION);
    assertThat(again.passwd()).isEqualTo(FakeServer.PASSWORD);
    assertThat(again.lastZxidSeen()).isEqualTo(0x55);
    await().atMost(TestClients.WAIT).until(() -> defaults.states().size() == 3);
    assertThat(defaults.states())
        .containsExactly(
            KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED, KeeperState.SYNC_CONNECTED);
    assertThat(client.sessionId()).isEqualTo(SESSION);
  }

  @Test
  void requestsIssuedWhileDisconnectedWaitForTheReconnect() throws Exception {
    FakeServer server = track(new FakeServer());
    PaddockClientImpl client = start(server.hostPort(), new Recorder(), 0);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.SYNC_CONNECTED);
    c1.close();
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.DISCONNECTED);
    CompletableFuture<Stat> waiting =
        client.setDataAsync("/w", new byte[1], -1).toCompletableFuture();
    Conn c2 = server.accept();
    c2.handshake(SESSION, 30_000);
    DecodedRequest r = c2.readRequestAnsweringPings();
    assertThat(r.op()).isEqualTo(OpCode.SET_DATA);
    c2.reply(r.header().xid(), 9, 0, new Response.SetData(STAT));
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(STAT);
  }

  @Test
  void requestsWhileDisconnectedFailWithConnectionLossAfterTheWaitBudget() throws Exception {
    FakeServer server = track(new FakeServer());
    String deadHost;
    try (FakeServer gone = new FakeServer()) {
      deadHost = gone.hostPort(); // closed: connections are refused
    }
    PaddockClientImpl client = start(deadHost, new Recorder(), 300);
    long t0 = System.nanoTime();
    CompletableFuture<?> f = client.getDataAsync("/x", null).toCompletableFuture();
    assertThat(codeOf(f)).isEqualTo(ErrorCode.CONNECTION_LOSS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(250);
    PaddockException e =
        (PaddockException)
            org.assertj.core.api.Assertions.catchThrowable(() -> client.getData("/y"));
    assertThat(e.getCause()).hasMessageContaining("not connected");
    assertThat(server).isNotNull();
  }

  @Test
  void outOfOrderReplyIsAProtocolErrorThatForcesAReconnect() throws Exception {
    FakeServer server = track(new FakeServer());
    PaddockClientImpl client = start(server.hostPort(), new Recorder(), 0);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    CompletableFuture<?> a = client.getDataAsync("/a", null).toCompletableFuture();
    CompletableFuture<?> b = client.getDataAsync("/b", null).toCompletableFuture();
    DecodedRequest ra = c1.readRequestAnsweringPings();
    DecodedRequest rb = c1.readRequestAnsweringPings();
    c1.reply(rb.header().xid(), 1, 0, new Response.GetData(new byte[0], STAT)); // b before a
    assertThat(codeOf(a)).isEqualTo(ErrorCode.CONNECTION_LOSS);
    assertThat(codeOf(b)).isEqualTo(ErrorCode.CONNECTION_LOSS);
    assertThat(ra.header().xid()).isLessThan(rb.header().xid());
    Conn c2 = server.accept();
    assertThat(c2.readConnect().sessionId()).isEqualTo(SESSION);
  }

  @Test
  void reattachAnsweredWithTimeoutZeroExpiresTheSession() throws Exception {
    FakeServer server = track(new FakeServer());
    Recorder defaults = new Recorder();
    PaddockClientImpl client = start(server.hostPort(), defaults, 0);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.SYNC_CONNECTED);
    c1.close();
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.DISCONNECTED);
    CompletableFuture<?> queued = client.getDataAsync("/q", null).toCompletableFuture();
    Conn c2 = server.accept();
    c2.readConnect();
    c2.writeConnect(0, 0);
    assertThat(codeOf(queued)).isEqualTo(ErrorCode.SESSION_EXPIRED);
    await().atMost(TestClients.WAIT).until(() -> defaults.states().contains(KeeperState.EXPIRED));
    assertThat(defaults.states())
        .containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.DISCONNECTED, KeeperState.EXPIRED);
    assertThat(client.state()).isEqualTo(KeeperState.EXPIRED);
    assertThat(codeOf(client.existsAsync("/", null).toCompletableFuture()))
        .isEqualTo(ErrorCode.SESSION_EXPIRED);
  }

  @Test
  void aServerThatClosesAtTheHandshakeMakesTheClientTryTheNextHost() throws Exception {
    FakeServer one = track(new FakeServer());
    FakeServer two = track(new FakeServer());
    Recorder defaults = new Recorder();
    PaddockClientImpl client = start(one.hostPort() + "," + two.hostPort(), defaults, 0);
    // Whichever host the shuffled list tries first refuses (as a server behind our zxid does).
    List<FakeServer> both = List.of(one, two);
    FakeServer first = null;
    Conn refused = null;
    for (FakeServer s : both) {
      try {
        refused = s.accept();
        first = s;
        break;
      } catch (java.net.SocketTimeoutException e) {
        // not this one
      }
    }
    assertThat(refused).isNotNull();
    refused.readConnect();
    refused.close();
    FakeServer other = first == one ? two : one;
    Conn ok = other.accept();
    ok.handshake(SESSION, 30_000);
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.SYNC_CONNECTED);
    assertThat(defaults.states()).containsExactly(KeeperState.SYNC_CONNECTED);
  }

  @Test
  void watchesAndCredentialsAreReSentAfterReconnectInFramesUnderTheBudget() throws Exception {
    FakeServer server = track(new FakeServer());
    int budget = 300;
    ClientTuning tuning = ClientTuning.defaults(new Random(3)).withSetWatchesBytesMax(budget);
    PaddockClientImpl client = start(server.hostPort() + "/chroot", new Recorder(), 0, tuning);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    client.addAuthInfoAsync("digest", "u:p".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    DecodedRequest auth = c1.readRequestAnsweringPings();
    assertThat(auth.header().xid()).isEqualTo(Xid.AUTH);
    c1.reply(Xid.AUTH, 0, 0, Response.EMPTY);
    Set<String> expected = new HashSet<>();
    Recorder w = new Recorder();
    int n = 40;
    for (int i = 0; i < n; i++) {
      String path = "/watched/node-with-a-longish-name-" + i;
      CompletableFuture<?> f = client.getDataAsync(path, w).toCompletableFuture();
      DecodedRequest r = c1.readRequestAnsweringPings();
      assertThat(((Request.GetData) r.body()).path()).isEqualTo("/chroot" + path);
      assertThat(((Request.GetData) r.body()).watch()).isTrue();
      c1.reply(r.header().xid(), 100 + i, 0, new Response.GetData(new byte[0], STAT));
      f.get(10, TimeUnit.SECONDS);
      expected.add("/chroot" + path);
    }
    c1.close();
    Conn c2 = server.accept();
    assertThat(c2.handshake(SESSION, 30_000).lastZxidSeen()).isEqualTo(100 + n - 1);
    DecodedRequest reAuth = c2.readRequestAnsweringPings();
    assertThat(reAuth.op()).isEqualTo(OpCode.AUTH);
    assertThat(((Request.Auth) reAuth.body()).scheme()).isEqualTo("digest");
    Set<String> reRegistered = new HashSet<>();
    int frames = 0;
    while (reRegistered.size() < n) {
      DecodedRequest sw = c2.readRequestAnsweringPings();
      assertThat(sw.header().xid()).isEqualTo(Xid.SET_WATCHES);
      assertThat(sw.op()).isEqualTo(OpCode.SET_WATCHES);
      Request.SetWatches body = (Request.SetWatches) sw.body();
      assertThat(body.relativeZxid()).isEqualTo(100 + n - 1);
      int payload = SetWatchesBatcher.FIXED_BYTES;
      for (String p : body.dataWatches()) {
        payload += 4 + p.length();
      }
      assertThat(payload).isLessThanOrEqualTo(budget);
      reRegistered.addAll(body.dataWatches());
      frames++;
    }
    assertThat(reRegistered).isEqualTo(expected);
    assertThat(frames).isGreaterThan(1);
    // An event for a re-registered watch reaches the watcher with the chroot stripped.
    c2.notify(
        500,
        new WatcherEvent(
            EventType.NODE_DELETED.code(),
            KeeperState.SYNC_CONNECTED.code(),
            "/chroot/watched/node-with-a-longish-name-7"));
    await().atMost(TestClients.WAIT).until(() -> w.events.size() == 1);
    assertThat(w.events.get(0).path()).isEqualTo("/watched/node-with-a-longish-name-7");
    assertThat(w.events.get(0).zxid()).isEqualTo(500);
  }

  @Test
  void pingsKeepAnIdleConnectionAliveAndSilenceMeansDead() throws Exception {
    FakeServer server = track(new FakeServer());
    Recorder defaults = new Recorder();
    PaddockClientImpl client = start(server.hostPort(), defaults, 0);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 900); // ping after 300 ms idle, dead after 600 ms of silence
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      DecodedRequest ping = c1.readRequest();
      assertThat(ping.op()).isEqualTo(OpCode.PING);
      assertThat(ping.header().xid()).isEqualTo(Xid.PING);
      c1.reply(Xid.PING, 0, 0, Response.EMPTY);
    }
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(600);
    assertThat(client.state()).isEqualTo(KeeperState.SYNC_CONNECTED);
    // Now stop answering: the client gives up on this connection and reconnects.
    assertThat(c1.closedByClientWithin(5_000)).isTrue();
    Conn c2 = server.accept();
    assertThat(c2.readConnect().sessionId()).isEqualTo(SESSION);
    assertThat(defaults.states()).contains(KeeperState.DISCONNECTED);
  }

  @Test
  void anUnansweredRequestTimesOutAndTheConnectionIsReplaced() throws Exception {
    FakeServer server = track(new FakeServer());
    PaddockClientImpl client = start(server.hostPort(), new Recorder(), 400);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    CompletableFuture<?> slow = client.getDataAsync("/slow", null).toCompletableFuture();
    CompletableFuture<?> behind = client.getDataAsync("/behind", null).toCompletableFuture();
    c1.readRequestAnsweringPings();
    assertThat(codeOf(slow)).isEqualTo(ErrorCode.REQUEST_TIMEOUT);
    assertThat(codeOf(behind)).isEqualTo(ErrorCode.CONNECTION_LOSS);
    Conn c2 = server.accept();
    assertThat(c2.readConnect().sessionId()).isEqualTo(SESSION);
  }

  @Test
  void authRejectedEndsTheClient() throws Exception {
    FakeServer server = track(new FakeServer());
    Recorder defaults = new Recorder();
    PaddockClientImpl client = start(server.hostPort(), defaults, 0);
    Conn c1 = server.accept();
    c1.handshake(SESSION, 30_000);
    CompletableFuture<?> auth =
        client.addAuthInfoAsync("bogus", new byte[] {1}).toCompletableFuture();
    c1.readRequestAnsweringPings();
    CompletableFuture<?> after = client.existsAsync("/", null).toCompletableFuture();
    c1.reply(Xid.AUTH, 0, ErrorCode.AUTH_FAILED.code(), Response.EMPTY);
    assertThat(codeOf(auth)).isEqualTo(ErrorCode.AUTH_FAILED);
    assertThat(codeOf(after)).isEqualTo(ErrorCode.AUTH_FAILED);
    await().atMost(TestClients.WAIT).until(() -> client.state() == KeeperState.AUTH_FAILED);
    assertThat(defaults.states())
        .containsExactly(KeeperState.SYNC_CONNECTED, KeeperState.AUTH_FAILED);
    assertThat(codeOf(client.existsAsync("/", null).toCompletableFuture()))
        .isEqualTo(ErrorCode.AUTH_FAILED);
  }
}
