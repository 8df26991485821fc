package io.paddock.quorum.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.transport.Ensemble.Recorder.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A peer's death must be seen fast: failover waits for it. Generous for a loaded machine. */
  private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(2);

  private final Ensemble ensemble = new Ensemble(1, 2, 3);

  @AfterEach
  void closeEverythingAndCheckNoThreadIsLeft() {
    ensemble.close();
    await().atMost(WAIT).until(() -> quorumThreads().isEmpty());
  }

  static List<String> quorumThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> name.startsWith("paddock-quorum-"))
        .toList();
  }

  private void startAllAndWaitForLinks() throws IOException {
    for (long id : List.of(1L, 2L, 3L)) {
      ensemble.start(id);
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                ensemble.linked(1, 2)
                    && ensemble.linked(1, 3)
                    && ensemble.linked(2, 1)
                    && ensemble.linked(2, 3)
                    && ensemble.linked(3, 1)
                    && ensemble.linked(3, 2));
  }

  private static List<Message> messages(List<Received> received) {
    return received.stream().map(r -> r.envelope().message()).toList();
  }

  @Test
  void threeServersExchangeEveryMessageKindInOrder() throws IOException {
    startAllAndWaitForLinks();
    List<Message> kinds = Messages.everyKind(1);
    for (long from = 1; from <= 3; from++) {
      for (long to = 1; to <= 3; to++) {
        if (from != to) {
          for (Message m : kinds) {
            ensemble.transport(from).send(new Envelope(from, to, m));
          }
        }
      }
    }
    for (long to = 1; to <= 3; to++) {
      Ensemble.Recorder recorder = ensemble.recorder(to);
      await().atMost(WAIT).until(() -> recorder.received.size() == 2 * kinds.size());
      for (long from = 1; from <= 3; from++) {
        if (from == to) {
          continue;
        }
        List<Received> got = recorder.from(from);
        assertThat(messages(got)).usingRecursiveComparison().isEqualTo(kinds);
        long expectedTo = to;
        assertThat(got).allSatisfy(r -> assertThat(r.envelope().to()).isEqualTo(expectedTo));
        assertThat(got).allSatisfy(r -> assertThat(r.attachment()).isNull());
      }
    }
    Map<Long, PeerFigures> figures = ensemble.transport(1).figures();
    assertThat(figures.get(2L).sent()).isEqualTo(kinds.size());
    assertThat(figures.get(2L).received()).isEqualTo(kinds.size());
    assertThat(figures.get(3L).dropped()).isZero();
  }

  @Test
  void aClosedPeerIsReportedPromptlyAndReconnectedWhenItRestartsOnTheSamePort() throws IOException {
    startAllAndWaitForLinks();
    ensemble.transport(2).close();
    long closedAtNs = System.nanoTime();
    // Both directions break: server 1's link to 2 (watcher) and the connection from 2 (reader).
    await()
        .atMost(DISCONNECT_WAIT)
        .until(() -> ensemble.recorder(1).disconnected.stream().filter(id -> id == 2).count() >= 2);
    long detectedMs = (System.nanoTime() - closedAtNs) / 1_000_000;
    assertThat(detectedMs).isLessThan(DISCONNECT_WAIT.toMillis());
    assertThat(ensemble.recorder(3).disconnected).contains(2L);

    // While 2 is down, sending to it drops and counts without blocking.
    long droppedBefore = ensemble.transport(1).figures().get(2L).dropped();
    ensemble.transport(1).send(new Envelope(1, 2, new Message.NewEpoch(9)));
    assertThat(ensemble.transport(1).figures().get(2L).dropped()).isEqualTo(droppedBefore + 1);

    ensemble.start(2); // same address and port as before
    await().atMost(WAIT).until(() -> ensemble.linked(1, 2) && ensemble.linked(2, 1));
    ensemble.transport(1).send(new Envelope(1, 2, new Message.Commit(4, 40)));
    ensemble.transport(2).send(new Envelope(2, 1, new Message.Ack(5, 40)));
    await().atMost(WAIT).until(() -> ensemble.recorder(2).from(1).size() == 1);
    assertThat(ensemble.recorder(2).from(1).get(0).envelope().message())
        .isEqualTo(new Message.Commit(4, 40));
    await()
        .atMost(WAIT)
        .until(() -> messages(ensemble.recorder(1).from(2)).contains(new Message.Ack(5, 40)));
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws IOException {
    ensemble.start(1, c -> c.withSendQueueMax(4));
    ensemble.start(2);
    await().atMost(WAIT).until(() -> ensemble.linked(1, 2));
    PeerTransport one = ensemble.transport(1);
    // An attachment that is not ready holds the writer, so later messages pile up behind it.
    CompletableFuture<byte[]> snapshot = new CompletableFuture<>();
    Message sync = new Message.Sync(1, 2, Message.SyncMode.SNAP, 10, List.of(), 10, 10);
    one.send(new Envelope(1, 2, sync), snapshot);
    await().atMost(WAIT).until(() -> one.figures().get(2L).queued() == 0);
    long startNs = System.nanoTime();
    for (int i = 1; i <= 10; i++) {
      one.send(new Envelope(1, 2, new Message.Commit(2, i)));
    }
    long sendMs = (System.nanoTime() - startNs) / 1_000_000;
    assertThat(sendMs).as("ten sends to a stalled peer").isLessThan(1_000);
    PeerFigures figures = one.figures().get(2L);
    assertThat(figures.queued()).isEqualTo(4);
    assertThat(figures.dropped()).isEqualTo(6);

    snapshot.complete(new byte[] {7, 7, 7});
    Ensemble.Recorder two = ensemble.recorder(2);
    await().atMost(WAIT).until(() -> two.received.size() == 5);
    assertThat(messages(two.received))
        .containsExactly(
            sync,
            new Message.Commit(2, 1),
            new Message.Commit(2, 2),
            new Message.Commit(2, 3),
            new Message.Commit(2, 4));
    assertThat(two.received.get(0).attachment()).containsExactly(7, 7, 7);
    assertThat(one.figures().get(2L).sent()).isEqualTo(5);
  }

  @Test
  void aTwentyMegabyteAttachmentArrivesIntactBetweenTheMessagesAroundIt() throws IOException {
    startAllAndWaitForLinks();
    byte[] snapshot = new byte[20 << 20];
    new Random(42).nextBytes(snapshot);
    CompletableFuture<byte[]> pending = new CompletableFuture<>();
    Message before = new Message.LeaderInfo(77, 5);
    Message sync = new Message.Sync(77, 5, Message.SyncMode.SNAP, 1000, List.of(), 1000, 1000);
    Message after = new Message.Ping(5, 77, 1000);
    PeerTransport one = ensemble.transport(1);
    one.send(new Envelope(1, 2, before));
    one.send(new Envelope(1, 2, sync), pending);
    one.send(new Envelope(1, 2, after));
    // The snapshot is produced while the messages wait; a message to another peer is not held up.
    one.send(new Envelope(1, 3, after));
    await().atMost(WAIT).until(() -> ensemble.recorder(3).received.size() == 1);
    pending.complete(snapshot);

    Ensemble.Recorder two = ensemble.recorder(2);
    await().atMost(WAIT).until(() -> two.received.size() == 3);
    assertThat(messages(two.received)).containsExactly(before, sync, after);
    assertThat(two.received.get(0).attachment()).isNull();
    assertThat(two.received.get(1).attachment()).isEqualTo(snapshot);
    assertThat(two.received.get(2).attachment()).isNull();
  }

  @Test
  void aFailedAttachmentDropsItsMessageAndResetsTheLink() throws IOException {
    startAllAndWaitForLinks();
    PeerTransport one = ensemble.transport(1);
    Ensemble.Recorder two = ensemble.recorder(2);
    one.send(
        new Envelope(1, 2, new Message.Sync(3, 4, Message.SyncMode.SNAP, 1, List.of(), 1, 1)),
        CompletableFuture.failedFuture(new IOException("snapshot failed")));
    await().atMost(WAIT).until(() -> two.disconnected.contains(1L));
    assertThat(two.received).isEmpty();
    assertThat(ensemble.recorder(1).disconnected).contains(2L);
    await().atMost(WAIT).until(() -> ensemble.linked(1, 2));
    one.send(new Envelope(1, 2, new Message.LeaderInfo(3, 4)));
    await().atMost(WAIT).until(() -> two.received.size() == 1);
    assertThat(two.received.get(0).envelope().message()).isEqualTo(new Message.LeaderInfo(3, 4));
    // Exactly the message whose attachment failed: the wake-up marker of the reset is no message.
    assertThat(one.figures().get(2L).dropped()).isEqualTo(1);
  }

  @Test
  void aMessageOverTheFrameLimitIsDroppedAndLaterOnesFlow() throws IOException {
    ensemble.start(1, c -> c.withFrameBytesMax(2048));
    ensemble.start(2);
    await().atMost(WAIT).until(() -> ensemble.linked(1, 2));
    PeerTransport one = ensemble.transport(1);
    List<Message> kinds = Messages.everyKind(3);
    Message bigSync =
        kinds.stream().filter(m -> m instanceof Message.Sync).findFirst().orElseThrow();
    assertThat(MessageCodec.encode(bigSync).length).isGreaterThan(2048);
    one.send(new Envelope(1, 2, bigSync));
    one.send(new Envelope(1, 2, new Message.NewEpoch(8)));
    await().atMost(WAIT).until(() -> ensemble.recorder(2).received.size() == 1);
    assertThat(ensemble.recorder(2).received.get(0).envelope().message())
        .isEqualTo(new Message.NewEpoch(8));
    assertThat(one.figures().get(2L).dropped()).isEqualTo(1);
  }

  @Test
  void misaddressedSendsAreRefused() throws IOException {
    PeerTransport one = ensemble.start(1);
    assertThatThrownBy(() -> one.send(new Envelope(1, 1, new Message.NewEpoch(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("itself");
    assertThatThrownBy(() -> one.send(new Envelope(1, 4, new Message.NewEpoch(1))))
        .hasMessageContaining("not a peer");
    assertThatThrownBy(() -> one.send(new Envelope(2, 3, new Message.NewEpoch(1))))
        .hasMessageContaining("cannot send as server 2");
  }

  @Test
  void startNamesTheAddressItCannotBindAndCloseIsIdempotent() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InetSocketAddress address = (InetSocketAddress) taken.getLocalSocketAddress();
      TransportConfig config =
          TransportConfig.of(1, address, Map.of(2L, address), Ensemble.ENSEMBLE_ID);
      PeerTransport transport = new PeerTransport(config, new Ensemble.Recorder());
      assertThatThrownBy(transport::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(String.valueOf(address.getPort()));
      transport.close();
      transport.close();
    }
    PeerTransport one = ensemble.start(1);
    assertThat(one.boundPort()).isEqualTo(ensemble.addresses.get(1L).getPort());
    one.close();
    one.close();
    assertThatThrownBy(one::start).isInstanceOf(IllegalStateException.class);
    await().atMost(WAIT).until(() -> quorumThreads().isEmpty());
  }
}
