package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.FourLetterWords;
import io.paddock.it.harness.RawConnection;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on raw sockets never takes the server down: after each case the server still answers
 * {@code ruok} and a real client can write and read.
 */
public abstract class RobustnessContract extends ServerContract {
  private static final int READ_TIMEOUT_MS = 15_000;
  private static final int OP_GET_DATA = 4;

  @AfterEach
  void serverStillServes() throws Exception {
    assertThat(server.isAlive()).as("server process alive").isTrue();
    assertThat(FourLetterWords.send(server.port(), "ruok")).isEqualTo("imok");
    try (Clients fresh = new Clients(server)) {
      ZooKeeper zk = fresh.connect();
      String path = uniquePath();
      zk.create(path, bytes("alive"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThat(zk.getData(path, false, null)).isEqualTo(bytes("alive"));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void garbageBytesCloseTheConnection(long seed) throws Exception {
    byte[] garbage = new byte[4096];
    new Random(seed).nextBytes(garbage);
    // A plausible-looking first length would make the server wait for more bytes: force it large.
    garbage[0] = (byte) 0x7f;
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.sendRaw(garbage);
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MAX_VALUE, 0x7fff_fff0, -1, Integer.MIN_VALUE})
  void implausibleFrameLengthClosesTheConnection(int length) throws Exception {
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.sendRaw(ByteBuffer.allocate(12).putInt(length).putLong(42L).array());
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void hugeFrameLengthAfterHandshakeClosesTheConnection() throws Exception {
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.handshake(30_000);
      raw.sendRaw(ByteBuffer.allocate(12).putInt(64 * 1024 * 1024).putLong(42L).array());
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void unknownOpCodeAfterHandshake() throws Exception {
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.handshake(30_000);
      raw.sendFrame(RawConnection.request(7, 9999, new byte[0]));
      ByteBuffer reply = ByteBuffer.wrap(raw.readFrame());
      System.out.println(
          "UNKNOWN-OP reply xid="
              + reply.getInt()
              + " zxid="
              + reply.getLong()
              + " err="
              + reply.getInt()
              + " remaining="
              + reply.remaining());
    }
  }

  @Test
  void requestBeforeHandshakeClosesTheConnection() throws Exception {
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.sendFrame(RawConnection.request(1, OP_GET_DATA, RawConnection.getDataBody("/")));
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test
  void truncatedFrameThenClose() throws Exception {
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.handshake(30_000);
      raw.sendRaw(ByteBuffer.allocate(14).putInt(100).putInt(1).putInt(OP_GET_DATA).array());
    }
    try (RawConnection raw = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      raw.sendRaw(ByteBuffer.allocate(10).putInt(45).putInt(0).array());
    }
  }
}
