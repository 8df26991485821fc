package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.wire.Request.MultiOp;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken bytes: always a WireFormatException (or a documented result), nothing else.
 */
class MalformedInputTest {

  static Stream<byte[]> sampleRequestPayloads() {
    return Stream.of(
            ClientCodec.encodeRequest(
                new RequestHeader(1, OpCode.CREATE),
                new Request.Create("/a/b", new byte[] {1, 2, 3}, Zk.ACLS, 2)),
            ClientCodec.encodeRequest(
                new RequestHeader(2, OpCode.MULTI),
                new Request.Multi(
                    List.of(
                        new MultiOp(
                            OpCode.CREATE, new Request.Create("/x", null, Acl.OPEN_ACL_UNSAFE, 0)),
                        new MultiOp(OpCode.DELETE, new Request.Delete("/y", 1))))),
            ClientCodec.encodeRequest(
                new RequestHeader(Xid.SET_WATCHES, OpCode.SET_WATCHES2),
                new Request.SetWatches2(
                    5L, List.of("/d"), List.of(), List.of("/c"), List.of(), List.of("/r"))),
            ClientCodec.encodeRequest(
                new RequestHeader(Xid.AUTH, OpCode.AUTH),
                new Request.Auth(0, "digest", new byte[] {'u', ':', 'p'})))
        .map(f -> Arrays.copyOfRange(f, 4, f.length));
  }

  @ParameterizedTest
  @MethodSource("sampleRequestPayloads")
  void requestTruncatedAtEveryOffsetIsAWireFormatException(byte[] payload) {
    assertThat(ServerCodec.decodeRequestFrame(payload).body()).isNotNull();
    for (int len = 0; len < payload.length; len++) {
      byte[] cut = Arrays.copyOf(payload, len);
      assertThatThrownBy(() -> ServerCodec.decodeRequestFrame(cut))
          .as("truncated to %d of %d bytes", len, payload.length)
          .isInstanceOf(WireFormatException.class)
          .hasMessageContaining("offset");
    }
  }

  @ParameterizedTest
  @MethodSource("sampleRequestPayloads")
  void requestWithTrailingBytesIsRejected(byte[] payload) {
    byte[] longer = Arrays.copyOf(payload, payload.length + 1);
    assertThatThrownBy(() -> ServerCodec.decodeRequestFrame(longer))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("1 unexpected trailing bytes");
  }

  @Test
  void replyTruncatedAtEveryOffsetIsAWireFormatException() {
    Response.Multi multi =
        new Response.Multi(
            List.of(
                new Response.MultiResult(OpCode.CREATE2, new Response.Create2("/p", Zk.STAT)),
                new Response.MultiResult(OpCode.ERROR, new Response.ErrorResult(-101))));
    byte[] frame = ServerCodec.encodeReply(new ReplyHeader(9, 1L, 0), multi);
    byte[] payload = Arrays.copyOfRange(frame, 4, frame.length);
    for (int len = 0; len < payload.length; len++) {
      JuteInput in = new JuteInput(payload, 0, len);
      assertThatThrownBy(() -> ClientCodec.decodeReplyBody(ReplyHeader.read(in), 14, in))
          .as("truncated to %d", len)
          .isInstanceOf(WireFormatException.class);
    }
  }

  @Test
  void connectRequestTruncatedAtEveryOffset() {
    byte[] frame =
        ConnectCodec.encodeConnectRequest(
            new ConnectRequest(0, 5L, 30_000, 7L, new byte[16], true));
    byte[] payload = Arrays.copyOfRange(frame, 4, frame.length);
    for (int len = 0; len < payload.length; len++) {
      JuteInput in = new JuteInput(payload, 0, len);
      if (len == payload.length - 1) {
        // Without the last byte it is a valid pre-3.4 connect request.
        assertThat(ConnectCodec.decodeConnectRequest(in).readOnlyFieldPresent()).isFalse();
      } else {
        assertThatThrownBy(() -> ConnectCodec.decodeConnectRequest(in))
            .as("truncated to %d", len)
            .isInstanceOf(WireFormatException.class);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-2, -1000, Integer.MIN_VALUE})
  void lengthsBelowMinusOneAreRejected(int len) {
    byte[] bytes = ByteBuffer.allocate(8).putInt(len).array();
    assertThatThrownBy(() -> new JuteInput(bytes).readBuffer("data"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("negative length " + len + " for data at offset 0");
    assertThatThrownBy(() -> new JuteInput(bytes).readStringVector("children"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("negative element count " + len);
  }

  @Test
  void hugeLengthsAreRejectedWithoutAllocating() {
    byte[] bytes = ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).array();
    assertThatThrownBy(() -> new JuteInput(bytes).readString("path"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("length 2147483647 for path at offset 0 exceeds the 8 bytes remaining");
    assertThatThrownBy(() -> new JuteInput(bytes).readAclVector("acl"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("element count 2147483647 for acl at offset 0 cannot fit");
    // Two strings of minimal size need 8 bytes; 3 elements claimed with 8 remaining do not fit.
    byte[] three = ByteBuffer.allocate(12).putInt(3).array();
    assertThatThrownBy(() -> new JuteInput(three).readStringVector("children"))
        .isInstanceOf(WireFormatException.class);
  }

  @Test
  void nullsWhereTheProtocolNeedsValuesAreRejected() {
    byte[] nullPath = ByteBuffer.allocate(9).putInt(-1).put((byte) 1).array();
    assertThatThrownBy(
            () -> ServerCodec.decodeRequest(OpCode.EXISTS.code(), new JuteInput(nullPath)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("null path at offset 0");
    // An ACL whose Id scheme is null: perms, scheme -1, id "x".
    byte[] nullScheme =
        ByteBuffer.allocate(17).putInt(1).putInt(31).putInt(-1).putInt(1).put((byte) 'x').array();
    assertThatThrownBy(() -> new JuteInput(nullScheme).readAclVector("acl"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("null id.scheme at offset 8");
    byte[] nullChild = ByteBuffer.allocate(8).putInt(1).putInt(-1).array();
    assertThatThrownBy(() -> new JuteInput(nullChild).readStringVector("children"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("null element 0 of children at offset 4");
  }

  @Test
  void unknownAndNonClientOpCodes() {
    JuteInput in = new JuteInput(new byte[0]);
    assertThatThrownBy(() -> ServerCodec.decodeRequest(999, in))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unknown op code 999");
    assertThatThrownBy(() -> ServerCodec.decodeRequest(OpCode.NOTIFICATION.code(), in))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("not a client request");
    assertThatThrownBy(() -> ClientCodec.decodeResponse(-10, in))
        .isInstanceOf(WireFormatException.class);
    assertThat(OpCode.fromCode(10)).isNull();
    assertThat(OpCode.fromCode(108)).isNull();
    assertThat(OpCode.fromCode(Integer.MIN_VALUE)).isNull();
  }

  @Test
  void multiWithAnOpThatMayNotBeInsideIsRejected() {
    JuteOutput out = new JuteOutput();
    out.writeInt(OpCode.EXISTS.code()).writeBool(false).writeInt(-1);
    new Request.Exists("/a", false).write(out);
    out.writeInt(-1).writeBool(true).writeInt(-1);
    assertThatThrownBy(() -> ServerCodec.decodeRequest(14, new JuteInput(out.toByteArray())))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("op type 3 not allowed inside a multi, at offset 0");

    JuteOutput res = new JuteOutput();
    res.writeInt(OpCode.SYNC.code()).writeBool(false).writeInt(0).writeString("/a");
    res.writeInt(-1).writeBool(true).writeInt(-1);
    assertThatThrownBy(() -> ClientCodec.decodeResponse(14, new JuteInput(res.toByteArray())))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("result type 9 not allowed");
  }

  @Test
  void unterminatedMultiIsTruncated() {
    JuteOutput out = new JuteOutput();
    out.writeInt(OpCode.DELETE.code()).writeBool(false).writeInt(-1);
    new Request.Delete("/a", 1).write(out);
    assertThatThrownBy(() -> ServerCodec.decodeRequest(14, new JuteInput(out.toByteArray())))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("truncated multi.type");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 11, 13, 99, 2024})
  void randomGarbageAndBitFlipsNeverThrowAnythingElse(long seed) {
    Random random = new Random(seed);
    List<byte[]> samples = sampleRequestPayloads().toList();
    int[] outcomes = new int[2]; // [accepted, rejected]
    for (int i = 0; i < 400; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
      } else {
        bytes = samples.get(random.nextInt(samples.size())).clone();
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
      }
      byte[] input = bytes;
      tryDecode(outcomes, () -> ServerCodec.decodeRequestFrame(input));
      tryDecode(outcomes, () -> ConnectCodec.decodeConnectRequest(new JuteInput(input)));
      tryDecode(outcomes, () -> ConnectCodec.decodeConnectResponse(new JuteInput(input)));
      for (OpCode op : OpCode.values()) {
        tryDecode(outcomes, () -> ClientCodec.decodeResponse(op.code(), new JuteInput(input)));
        tryDecode(outcomes, () -> ServerCodec.decodeRequest(op.code(), new JuteInput(input)));
      }
      FrameDecoder frames = new FrameDecoder(1024);
      tryDecode(
          outcomes,
          () -> {
            frames.feed(ByteBuffer.wrap(input));
            return frames.nextFrame();
          });
    }
    // Both outcomes happen: the fuzzing reaches the decoders' accept and reject paths.
    assertThat(outcomes[0]).isPositive();
    assertThat(outcomes[1]).isPositive();
  }

  /** Runs one decode; anything but success or a WireFormatException propagates and fails. */
  private static void tryDecode(int[] outcomes, java.util.function.Supplier<?> decode) {
    try {
      var unused = decode.get();
      outcomes[0]++;
    } catch (WireFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      outcomes[1]++;
    }
  }
}
