package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.ClientInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.Record;
import org.apache.zookeeper.proto.Create2Response;
import org.apache.zookeeper.proto.CreateResponse;
import org.apache.zookeeper.proto.ExistsResponse;
import org.apache.zookeeper.proto.GetACLResponse;
import org.apache.zookeeper.proto.GetAllChildrenNumberResponse;
import org.apache.zookeeper.proto.GetChildren2Response;
import org.apache.zookeeper.proto.GetChildrenResponse;
import org.apache.zookeeper.proto.GetDataResponse;
import org.apache.zookeeper.proto.GetEphemeralsResponse;
import org.apache.zookeeper.proto.ReplyHeader;
import org.apache.zookeeper.proto.SetACLResponse;
import org.apache.zookeeper.proto.SetDataResponse;
import org.apache.zookeeper.proto.SetSASLResponse;
import org.apache.zookeeper.proto.SyncResponse;
import org.apache.zookeeper.proto.WatcherEvent;
import org.apache.zookeeper.proto.WhoAmIResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reply body and the reply/notification frames, against ZooKeeper's own records. */
class ResponseGoldenTest {
  private static final byte[] DATA = "v".repeat(300).getBytes(StandardCharsets.UTF_8);
  private static final String BMP = "/ñ/中文";

  static Stream<Arguments> cases() {
    org.apache.zookeeper.data.Stat st = Zk.stat(Zk.STAT);
    List<Arguments> c = new ArrayList<>();
    add(
        c,
        OpCode.CREATE,
        new Response.Create(BMP + "0000000001"),
        new CreateResponse(BMP + "0000000001"));
    for (OpCode op : List.of(OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL)) {
      add(c, op, new Response.Create2("/c", Zk.STAT), new Create2Response("/c", st));
    }
    add(c, OpCode.EXISTS, new Response.Exists(Zk.STAT), new ExistsResponse(st));
    add(c, OpCode.SET_DATA, new Response.SetData(Zk.STAT), new SetDataResponse(st));
    add(c, OpCode.SET_ACL, new Response.SetAcl(Zk.STAT), new SetACLResponse(st));
    add(c, OpCode.GET_DATA, new Response.GetData(DATA, Zk.STAT), new GetDataResponse(DATA, st));
    add(c, OpCode.GET_DATA, new Response.GetData(null, Zk.STAT), new GetDataResponse(null, st));
    add(
        c,
        OpCode.GET_DATA,
        new Response.GetData(new byte[0], Zk.STAT),
        new GetDataResponse(new byte[0], st));
    add(c, OpCode.RECONFIG, new Response.GetData(DATA, Zk.STAT), new GetDataResponse(DATA, st));
    add(
        c,
        OpCode.GET_ACL,
        new Response.GetAcl(Zk.ACLS, Zk.STAT),
        new GetACLResponse(Zk.acls(Zk.ACLS), st));
    add(
        c,
        OpCode.GET_CHILDREN,
        new Response.GetChildren(List.of("a", "b", "ü")),
        new GetChildrenResponse(List.of("a", "b", "ü")));
    add(
        c,
        OpCode.GET_CHILDREN,
        new Response.GetChildren(List.of()),
        new GetChildrenResponse(List.of()));
    add(c, OpCode.GET_CHILDREN, new Response.GetChildren(null), new GetChildrenResponse(null));
    add(
        c,
        OpCode.GET_CHILDREN2,
        new Response.GetChildren2(List.of("x"), Zk.STAT),
        new GetChildren2Response(List.of("x"), st));
    add(c, OpCode.SYNC, new Response.Sync("/s"), new SyncResponse("/s"));
    add(
        c,
        OpCode.GET_ALL_CHILDREN_NUMBER,
        new Response.GetAllChildrenNumber(12),
        new GetAllChildrenNumberResponse(12));
    add(
        c,
        OpCode.GET_EPHEMERALS,
        new Response.GetEphemerals(List.of("/e1", "/a/e2")),
        new GetEphemeralsResponse(List.of("/e1", "/a/e2")));
    add(
        c,
        OpCode.WHO_AM_I,
        new Response.WhoAmI(List.of(new ClientInfo("ip", "127.0.0.1"), new ClientInfo("x", null))),
        new WhoAmIResponse(
            List.of(
                new org.apache.zookeeper.data.ClientInfo("ip", "127.0.0.1"),
                new org.apache.zookeeper.data.ClientInfo("x", null))));
    add(
        c,
        OpCode.SASL,
        new Response.Sasl(new byte[] {9, 8}),
        new SetSASLResponse(new byte[] {9, 8}));
    return c.stream();
  }

  private static void add(List<Arguments> c, OpCode op, Response ours, Record theirs) {
    c.add(Arguments.of(op, ours, theirs));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void bodyEncodesToZooKeeperBytes(OpCode op, Response ours, Record theirs) {
    assertThat(Zk.ours(ours)).isEqualTo(Zk.bytes(theirs));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void replyFrameMatchesZooKeeperAndDecodes(OpCode op, Response ours, Record theirs) {
    byte[] frame =
        ServerCodec.encodeReply(new io.paddock.wire.ReplyHeader(77, 0x5_0000_0001L, 0), ours);
    assertThat(frame).isEqualTo(Zk.frame(new ReplyHeader(77, 0x5_0000_0001L, 0), theirs));

    JuteInput in = new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
    io.paddock.wire.ReplyHeader h = io.paddock.wire.ReplyHeader.read(in);
    assertThat(h).isEqualTo(new io.paddock.wire.ReplyHeader(77, 0x5_0000_0001L, 0));
    Response decoded = ClientCodec.decodeReplyBody(h, op.code(), in);
    assertThat(decoded).usingRecursiveComparison().isEqualTo(ours);
    assertThat(decoded.getClass()).isEqualTo(ours.getClass());
  }

  @Test
  void headerOnlyRepliesForOpsWithoutBody() {
    List<OpCode> empty =
        List.of(
            OpCode.DELETE,
            OpCode.CHECK,
            OpCode.AUTH,
            OpCode.SET_WATCHES,
            OpCode.SET_WATCHES2,
            OpCode.ADD_WATCH,
            OpCode.REMOVE_WATCHES,
            OpCode.CHECK_WATCHES,
            OpCode.PING,
            OpCode.CLOSE_SESSION);
    for (OpCode op : empty) {
      io.paddock.wire.ReplyHeader h = new io.paddock.wire.ReplyHeader(Xid.PING, 9L, 0);
      byte[] frame = ServerCodec.encodeReply(h, null);
      assertThat(frame).isEqualTo(Zk.frame(new ReplyHeader(-2, 9L, 0)));
      assertThat(ServerCodec.encodeReply(h, Response.EMPTY)).isEqualTo(frame);
      JuteInput in = new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
      assertThat(ClientCodec.decodeReplyBody(io.paddock.wire.ReplyHeader.read(in), op.code(), in))
          .as("%s", op)
          .isSameAs(Response.EMPTY);
    }
  }

  @Test
  void errorReplyHasNoBodyEvenForOpsThatNormallyHaveOne() {
    byte[] frame = ServerCodec.encodeReply(new io.paddock.wire.ReplyHeader(3, 10L, -101), null);
    assertThat(frame).isEqualTo(Zk.frame(new ReplyHeader(3, 10L, -101)));
    JuteInput in = new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
    io.paddock.wire.ReplyHeader h = io.paddock.wire.ReplyHeader.read(in);
    assertThat(ClientCodec.decodeReplyBody(h, OpCode.GET_DATA.code(), in)).isSameAs(Response.EMPTY);
    assertThatThrownBy(() -> ServerCodec.encodeReply(h, new Response.Exists(Zk.STAT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void notificationFrameMatchesZooKeeper() {
    WatcherEvent theirs = new WatcherEvent(3, 3, "/changed");
    byte[] frame =
        ServerCodec.encodeNotification(42L, new io.paddock.wire.WatcherEvent(3, 3, "/changed"));
    assertThat(frame).isEqualTo(Zk.frame(new ReplyHeader(-1, 42L, 0), theirs));

    JuteInput in = new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
    assertThat(io.paddock.wire.ReplyHeader.read(in).xid()).isEqualTo(Xid.NOTIFICATION);
    assertThat(ClientCodec.decodeNotification(in))
        .isEqualTo(new io.paddock.wire.WatcherEvent(3, 3, "/changed"));

    // A state-only event (for example SyncConnected after reconnect) has a null path.
    assertThat(ServerCodec.encodeNotification(-1L, new io.paddock.wire.WatcherEvent(-1, 3, null)))
        .isEqualTo(Zk.frame(new ReplyHeader(-1, -1L, 0), new WatcherEvent(-1, 3, null)));
  }
}
