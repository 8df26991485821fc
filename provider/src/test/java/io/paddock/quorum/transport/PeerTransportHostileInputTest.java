package io.paddock.quorum.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Message;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw sockets speaking garbage, oversized frames or the wrong handshake to server 2 are cut off,
 * while the real link from server 1 keeps working. Server 9 is a member nobody runs: the raw
 * sockets pose as it, so they do not replace server 1's connection.
 */
class PeerTransportHostileInputTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int FRAME_BYTES_MAX = 1 << 20;

  private final Ensemble ensemble = new Ensemble(1, 2, 9);
  private PeerTransport two;

  @BeforeEach
  void startTwoServers() throws IOException {
    ensemble.start(1);
    two = ensemble.start(2);
    await().atMost(WAIT).until(() -> ensemble.linked(1, 2));
  }

  @AfterEach
  void closeEverything() {
    ensemble.close();
    await().atMost(WAIT).until(() -> PeerTransportTest.quorumThreads().isEmpty());
  }

  private Socket connectToTwo() throws IOException {
    InetSocketAddress address = ensemble.addresses.get(2L);
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout((int) WAIT.toMillis());
    return socket;
  }

  /** Reads until the server closes the connection; fails the test by timeout if it does not. */
  private static void assertClosedByServer(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // skip whatever the server answered before closing
      }
    } catch (java.net.SocketException e) {
      // reset by the server: closed too
    }
  }

  private void assertServerOneStillGetsThrough(long seq) {
    ensemble.transport(1).send(new Envelope(1, 2, new Message.ForwardSync(1, seq, seq)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                ensemble.recorder(2).received.stream()
                    .anyMatch(
                        r -> r.envelope().message().equals(new Message.ForwardSync(1, seq, seq))));
    assertThat(ensemble.recorder(1).disconnected).doesNotContain(2L);
    assertThat(ensemble.recorder(2).disconnected).doesNotContain(1L);
  }

  @Test
  void aGarbageHandshakeIsClosedWithoutHarmingOthers() throws IOException {
    try (Socket socket = connectToTwo()) {
      socket
          .getOutputStream()
          .write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      assertClosedByServer(socket.getInputStream());
    }
    assertServerOneStillGetsThrough(1);
  }

  @Test
  void anOversizedFrameClosesThatConnectionBeforeAllocatingIt() throws IOException {
    try (Socket socket = connectToTwo()) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      Handshake.writeHello(out, 9, 2, Ensemble.ENSEMBLE_ID);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(Handshake.readReply(in)).isEqualTo(Handshake.ACCEPTED);
      await().atMost(WAIT).until(() -> two.figures().get(9L).inboundConnected());
      // A frame of 2 GiB - 1 announced: refused on its length alone.
      out.writeInt(Integer.MAX_VALUE);
      out.writeInt(0);
      out.flush();
      assertClosedByServer(in);
    }
    await().atMost(WAIT).until(() -> ensemble.recorder(2).disconnected.contains(9L));
    assertThat(two.figures().get(9L).inboundConnected()).isFalse();
    assertServerOneStillGetsThrough(2);
  }

  @Test
  void aFrameJustOverTheLimitAndADamagedFrameAreRefused() throws IOException {
    for (int damage = 0; damage < 2; damage++) {
      try (Socket socket = connectToTwo()) {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        Handshake.writeHello(out, 9, 2, Ensemble.ENSEMBLE_ID);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(Handshake.readReply(in)).isEqualTo(Handshake.ACCEPTED);
        if (damage == 0) {
          out.writeInt(FRAME_BYTES_MAX + 1);
        } else {
          // A well-sized message frame whose checksum does not match.
          byte[] message = MessageCodec.encode(new Message.NewEpoch(3));
          out.writeInt(1 + message.length);
          out.writeInt(0xdeadbeef);
          out.writeByte(FrameReader.KIND_MESSAGE);
          out.write(message);
        }
        out.flush();
        assertClosedByServer(in);
      }
    }
    assertThat(ensemble.recorder(2).from(9)).isEmpty();
    assertServerOneStillGetsThrough(3);
  }

  @Test
  void wrongEnsembleUnknownSenderWrongReceiverAndWrongVersionAreRefused() throws IOException {
    int[] expected = {
      Handshake.REFUSED_WRONG_ENSEMBLE,
      Handshake.REFUSED_UNKNOWN_SENDER,
      Handshake.REFUSED_WRONG_RECEIVER,
      Handshake.REFUSED_VERSION
    };
    for (int status : expected) {
      try (Socket socket = connectToTwo()) {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        switch (status) {
          case Handshake.REFUSED_WRONG_ENSEMBLE -> Handshake.writeHello(out, 9, 2, "other");
          case Handshake.REFUSED_UNKNOWN_SENDER ->
              Handshake.writeHello(out, 42, 2, Ensemble.ENSEMBLE_ID);
          case Handshake.REFUSED_WRONG_RECEIVER ->
              Handshake.writeHello(out, 9, 1, Ensemble.ENSEMBLE_ID);
          default -> {
            out.writeInt(Handshake.MAGIC);
            out.writeShort(Handshake.PROTOCOL_VERSION + 1);
            out.writeShort(MessageCodec.FORMAT_VERSION);
            out.writeLong(9);
            out.writeLong(2);
            out.writeByte(1);
            out.writeByte('x');
          }
        }
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(Handshake.readReply(in)).isEqualTo(status);
        assertClosedByServer(in);
      }
    }
    assertThat(two.figures().get(9L).inboundConnected()).isFalse();
    assertServerOneStillGetsThrough(4);
  }

  @Test
  void aServerOfAnotherEnsembleNeverConnects() throws IOException {
    // Server 9 comes up with the wrong ensemble id: server 2 refuses it, it keeps retrying.
    PeerTransport stranger =
        ensemble.start(
            9,
            c ->
                new TransportConfig(
                    c.myId(),
                    c.listenAddress(),
                    c.peers(),
                    "another-ensemble",
                    c.frameBytesMax(),
                    c.attachmentBytesMax(),
                    c.sendQueueMax(),
                    c.connectTimeoutMs(),
                    c.reconnectBackoffMinMs(),
                    c.reconnectBackoffMaxMs()));
    stranger.send(new Envelope(9, 2, new Message.NewEpoch(1)));
    assertServerOneStillGetsThrough(5);
    assertThat(stranger.figures().get(2L).outboundConnected()).isFalse();
    assertThat(stranger.figures().get(2L).sent()).isZero();
    assertThat(ensemble.recorder(2).from(9)).isEmpty();
  }
}
