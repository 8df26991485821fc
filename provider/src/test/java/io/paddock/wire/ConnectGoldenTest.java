package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The handshake frames, with and without the optional trailing readOnly byte. */
class ConnectGoldenTest {
  private static final byte[] PASSWD = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte) 0xff
  };

  @Test
  void connectRequestMatchesZooKeeperAndDecodes() {
    org.apache.zookeeper.proto.ConnectRequest theirs =
        new org.apache.zookeeper.proto.ConnectRequest(
            0, 0x3_0000_0007L, 30_000, 0x1234L, PASSWD, true);
    ConnectRequest ours = new ConnectRequest(0, 0x3_0000_0007L, 30_000, 0x1234L, PASSWD, true);
    byte[] frame = ConnectCodec.encodeConnectRequest(ours);
    assertThat(frame).isEqualTo(Zk.frame(theirs));

    ConnectRequest decoded = ConnectCodec.decodeConnectRequest(payload(frame));
    assertThat(decoded).usingRecursiveComparison().isEqualTo(ours);
    assertThat(decoded.readOnlyFieldPresent()).isTrue();
  }

  @Test
  void connectRequestWithoutReadOnlyByteIsAnOldClient() {
    org.apache.zookeeper.proto.ConnectRequest theirs =
        new org.apache.zookeeper.proto.ConnectRequest(0, 0L, 4000, 0L, new byte[16], false);
    byte[] withByte = Zk.bytes(theirs);
    byte[] withoutByte = Arrays.copyOf(withByte, withByte.length - 1);

    ConnectRequest decoded = ConnectCodec.decodeConnectRequest(new JuteInput(withoutByte));
    assertThat(decoded.readOnly()).isFalse();
    assertThat(decoded.readOnlyFieldPresent()).isFalse();
    assertThat(decoded.timeOutMs()).isEqualTo(4000);
    assertThat(decoded.passwd()).isEqualTo(new byte[16]);
    // Re-encoding keeps the old layout.
    assertThat(
            Arrays.copyOfRange(
                ConnectCodec.encodeConnectRequest(decoded), 4, withoutByte.length + 4))
        .isEqualTo(withoutByte);
    assertThat(ConnectCodec.encodeConnectRequest(decoded)).hasSize(withoutByte.length + 4);
  }

  @Test
  void connectRequestWithNullPasswordAndTrailingGarbage() {
    ConnectRequest nullPw = new ConnectRequest(0, 1L, 2, 3L, null, false);
    assertThat(ConnectCodec.encodeConnectRequest(nullPw))
        .isEqualTo(
            Zk.frame(new org.apache.zookeeper.proto.ConnectRequest(0, 1L, 2, 3L, null, false)));
    assertThat(
            ConnectCodec.decodeConnectRequest(payload(ConnectCodec.encodeConnectRequest(nullPw)))
                .passwd())
        .isNull();

    byte[] extra =
        Arrays.copyOf(
            Zk.bytes(new org.apache.zookeeper.proto.ConnectRequest(0, 1L, 2, 3L, null, false)), 34);
    assertThatThrownBy(() -> ConnectCodec.decodeConnectRequest(new JuteInput(extra)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void connectResponseMatchesZooKeeperWithAndWithoutReadOnly() {
    org.apache.zookeeper.proto.ConnectResponse theirs =
        new org.apache.zookeeper.proto.ConnectResponse(0, 20_000, 0x100_0000_0001L, PASSWD, true);
    ConnectResponse ours = new ConnectResponse(0, 20_000, 0x100_0000_0001L, PASSWD, true);
    byte[] frame = ConnectCodec.encodeConnectResponse(ours);
    assertThat(frame).isEqualTo(Zk.frame(theirs));
    assertThat(ConnectCodec.decodeConnectResponse(payload(frame)))
        .usingRecursiveComparison()
        .isEqualTo(ours);

    byte[] old = ConnectCodec.encodeConnectResponse(ours, false);
    assertThat(old).hasSize(frame.length - 1);
    assertThat(Arrays.copyOfRange(old, 4, old.length))
        .isEqualTo(Arrays.copyOfRange(frame, 4, frame.length - 1));
    assertThat(old[3]).isEqualTo((byte) (frame[3] - 1));
    ConnectResponse fromOld = ConnectCodec.decodeConnectResponse(payload(old));
    assertThat(fromOld.readOnly()).isFalse();
    assertThat(fromOld.sessionId()).isEqualTo(0x100_0000_0001L);
  }

  @Test
  void expiredSessionResponseIsAllZeros() {
    org.apache.zookeeper.proto.ConnectResponse theirs =
        new org.apache.zookeeper.proto.ConnectResponse(0, 0, 0L, new byte[16], false);
    assertThat(
            ConnectCodec.encodeConnectResponse(new ConnectResponse(0, 0, 0L, new byte[16], false)))
        .isEqualTo(Zk.frame(theirs));
  }

  private static JuteInput payload(byte[] frame) {
    return new JuteInput(frame, 4, frame.length - 4);
  }
}
