package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.proto.AddWatchRequest;
import org.apache.zookeeper.proto.AuthPacket;
import org.apache.zookeeper.proto.CheckVersionRequest;
import org.apache.zookeeper.proto.CheckWatchesRequest;
import org.apache.zookeeper.proto.CreateRequest;
import org.apache.zookeeper.proto.CreateTTLRequest;
import org.apache.zookeeper.proto.DeleteRequest;
import org.apache.zookeeper.proto.ExistsRequest;
import org.apache.zookeeper.proto.GetACLRequest;
import org.apache.zookeeper.proto.GetAllChildrenNumberRequest;
import org.apache.zookeeper.proto.GetChildren2Request;
import org.apache.zookeeper.proto.GetChildrenRequest;
import org.apache.zookeeper.proto.GetDataRequest;
import org.apache.zookeeper.proto.GetEphemeralsRequest;
import org.apache.zookeeper.proto.GetSASLRequest;
import org.apache.zookeeper.proto.ReconfigRequest;
import org.apache.zookeeper.proto.RemoveWatchesRequest;
import org.apache.zookeeper.proto.RequestHeader;
import org.apache.zookeeper.proto.SetACLRequest;
import org.apache.zookeeper.proto.SetDataRequest;
import org.apache.zookeeper.proto.SetWatches;
import org.apache.zookeeper.proto.SetWatches2;
import org.apache.zookeeper.proto.SyncRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request body: our encoder writes exactly ZooKeeper's bytes, and our decoder reads
 * ZooKeeper's bytes back to the same record.
 */
class RequestGoldenTest {
  private static final String UNICODE = "/ünïcødé/日本語/\u0000/\uFFFF";
  private static final byte[] DATA = "hello".getBytes(StandardCharsets.UTF_8);

  static Stream<Arguments> cases() {
    List<ACL> zkAcls = Zk.acls(Zk.ACLS);
    List<Arguments> c = new ArrayList<>();
    add(
        c,
        OpCode.CREATE,
        new Request.Create("/a", DATA, Zk.ACLS, 0),
        new CreateRequest("/a", DATA, zkAcls, 0));
    add(
        c,
        OpCode.CREATE2,
        new Request.Create(UNICODE, null, List.of(), 3),
        new CreateRequest(UNICODE, null, List.of(), 3));
    add(
        c,
        OpCode.CREATE_CONTAINER,
        new Request.Create("/c", new byte[0], null, 4),
        new CreateRequest("/c", new byte[0], null, 4));
    add(
        c,
        OpCode.CREATE_TTL,
        new Request.CreateTtl("/t", DATA, Zk.ACLS, 5, 60_000L),
        new CreateTTLRequest("/t", DATA, zkAcls, 5, 60_000L));
    add(c, OpCode.DELETE, new Request.Delete("/a", -1), new DeleteRequest("/a", -1));
    add(c, OpCode.EXISTS, new Request.Exists("/a", true), new ExistsRequest("/a", true));
    add(
        c,
        OpCode.GET_DATA,
        new Request.GetData(UNICODE, false),
        new GetDataRequest(UNICODE, false));
    add(
        c,
        OpCode.GET_CHILDREN,
        new Request.GetChildren("/", true),
        new GetChildrenRequest("/", true));
    add(
        c,
        OpCode.GET_CHILDREN2,
        new Request.GetChildren2("/x", false),
        new GetChildren2Request("/x", false));
    add(c, OpCode.SET_DATA, new Request.SetData("/a", DATA, 7), new SetDataRequest("/a", DATA, 7));
    add(
        c,
        OpCode.SET_DATA,
        new Request.SetData("/a", null, -1),
        new SetDataRequest("/a", null, -1));
    add(c, OpCode.GET_ACL, new Request.GetAcl("/a"), new GetACLRequest("/a"));
    add(
        c,
        OpCode.SET_ACL,
        new Request.SetAcl("/a", Zk.ACLS, 2),
        new SetACLRequest("/a", zkAcls, 2));
    add(c, OpCode.SYNC, new Request.Sync("/"), new SyncRequest("/"));
    add(c, OpCode.CHECK, new Request.CheckVersion("/a", 9), new CheckVersionRequest("/a", 9));
    add(
        c,
        OpCode.RECONFIG,
        new Request.Reconfig("server.4=h:1:2;3", null, null, -1L),
        new ReconfigRequest("server.4=h:1:2;3", null, null, -1L));
    add(
        c,
        OpCode.AUTH,
        new Request.Auth(0, "digest", "bob:pw".getBytes(StandardCharsets.UTF_8)),
        new AuthPacket(0, "digest", "bob:pw".getBytes(StandardCharsets.UTF_8)));
    add(
        c,
        OpCode.SET_WATCHES,
        new Request.SetWatches(17L, List.of("/a", UNICODE), List.of(), null),
        new SetWatches(17L, List.of("/a", UNICODE), List.of(), null));
    add(
        c,
        OpCode.SET_WATCHES2,
        new Request.SetWatches2(
            0x1_0000_0000L,
            List.of("/d"),
            List.of("/e"),
            List.of("/c"),
            List.of("/p"),
            List.of("/r", "/s")),
        new SetWatches2(
            0x1_0000_0000L,
            List.of("/d"),
            List.of("/e"),
            List.of("/c"),
            List.of("/p"),
            List.of("/r", "/s")));
    add(c, OpCode.ADD_WATCH, new Request.AddWatch("/w", 1), new AddWatchRequest("/w", 1));
    add(
        c,
        OpCode.REMOVE_WATCHES,
        new Request.RemoveWatches("/w", 3),
        new RemoveWatchesRequest("/w", 3));
    add(
        c,
        OpCode.CHECK_WATCHES,
        new Request.CheckWatches("/w", 2),
        new CheckWatchesRequest("/w", 2));
    add(
        c,
        OpCode.GET_ALL_CHILDREN_NUMBER,
        new Request.GetAllChildrenNumber("/n"),
        new GetAllChildrenNumberRequest("/n"));
    add(c, OpCode.GET_EPHEMERALS, new Request.GetEphemerals("/"), new GetEphemeralsRequest("/"));
    add(
        c,
        OpCode.SASL,
        new Request.Sasl(new byte[] {1, 2, 3}),
        new GetSASLRequest(new byte[] {1, 2, 3}));
    return c.stream();
  }

  private static void add(List<Arguments> c, OpCode op, Request ours, Record theirs) {
    c.add(Arguments.of(op, ours, theirs));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void bodyEncodesToZooKeeperBytes(OpCode op, Request ours, Record theirs) {
    assertThat(Zk.ours(ours)).isEqualTo(Zk.bytes(theirs));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void zooKeeperBytesDecodeToTheSameRecord(OpCode op, Request ours, Record theirs) {
    JuteInput in = new JuteInput(Zk.bytes(theirs));
    Request decoded = ServerCodec.decodeRequest(op.code(), in);
    in.expectEnd("test");
    assertThat(decoded).usingRecursiveComparison().isEqualTo(ours);
    assertThat(decoded).isInstanceOf(Request.bodyType(op));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void fullFrameMatchesZooKeeperAndDecodes(OpCode op, Request ours, Record theirs) {
    io.paddock.wire.RequestHeader header = new io.paddock.wire.RequestHeader(12345, op);
    byte[] frame = ClientCodec.encodeRequest(header, ours);
    assertThat(frame).isEqualTo(Zk.frame(new RequestHeader(12345, op.code()), theirs));

    ServerCodec.DecodedRequest decoded =
        ServerCodec.decodeRequestFrame(java.util.Arrays.copyOfRange(frame, 4, frame.length));
    assertThat(decoded.header()).isEqualTo(header);
    assertThat(decoded.op()).isEqualTo(op);
    assertThat(decoded.body()).usingRecursiveComparison().isEqualTo(ours);
  }

  @Test
  void headerOnlyRequestsAreJustTheHeader() {
    assertThat(
            ClientCodec.encodeRequest(
                new io.paddock.wire.RequestHeader(Xid.PING, OpCode.PING), new Request.Ping()))
        .isEqualTo(Zk.frame(new RequestHeader(-2, 11)));
    assertThat(
            ClientCodec.encodeRequest(
                new io.paddock.wire.RequestHeader(5, OpCode.CLOSE_SESSION),
                new Request.CloseSession()))
        .isEqualTo(Zk.frame(new RequestHeader(5, -11)));
    assertThat(
            ClientCodec.encodeRequest(
                new io.paddock.wire.RequestHeader(6, OpCode.WHO_AM_I), new Request.WhoAmI()))
        .isEqualTo(Zk.frame(new RequestHeader(6, 107)));
    assertThat(ServerCodec.decodeRequestFrame(Zk.bytes(new RequestHeader(-2, 11))).body())
        .isEqualTo(new Request.Ping());
  }

  @Test
  void unknownOpCodeDecodesWithoutBodySoTheServerCanAnswerUnimplemented() {
    byte[] payload = Zk.bytes(new RequestHeader(7, 999), new SyncRequest("/ignored"));
    ServerCodec.DecodedRequest d = ServerCodec.decodeRequestFrame(payload);
    assertThat(d.header()).isEqualTo(new io.paddock.wire.RequestHeader(7, 999));
    assertThat(d.op()).isNull();
    assertThat(d.body()).isNull();

    ServerCodec.DecodedRequest session =
        ServerCodec.decodeRequestFrame(Zk.bytes(new RequestHeader(8, -10)));
    assertThat(session.op()).isEqualTo(OpCode.CREATE_SESSION);
    assertThat(session.body()).isNull();
  }

  @Test
  void encodeRequestRejectsABodyThatDoesNotMatchTheOp() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ClientCodec.encodeRequest(
                    new io.paddock.wire.RequestHeader(1, OpCode.DELETE), new Request.Sync("/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Delete");
  }

  @Test
  void aclVectorsKeepNullVersusEmpty() {
    List<Acl> empty = List.of();
    Request nullAcl =
        ServerCodec.decodeRequest(
            1, new JuteInput(Zk.ours(new Request.Create("/a", null, null, 0))));
    Request emptyAcl =
        ServerCodec.decodeRequest(
            1, new JuteInput(Zk.ours(new Request.Create("/a", null, empty, 0))));
    assertThat(((Request.Create) nullAcl).acl()).isNull();
    assertThat(((Request.Create) emptyAcl).acl()).isEmpty();
  }

  @Test
  void supplementaryCharactersAreEncodedAndDecodedExactlyAsZooKeeperDoes() {
    String emoji = "/smile-\uD83D\uDE00-lone-\uD800";
    byte[] theirs = Zk.bytes(new GetDataRequest(emoji, true));
    assertThat(Zk.ours(new Request.GetData(emoji, true))).isEqualTo(theirs);
    String zkReading = Zk.read(theirs, GetDataRequest::new).getPath();
    Request ours = ServerCodec.decodeRequest(OpCode.GET_DATA.code(), new JuteInput(theirs));
    assertThat(((Request.GetData) ours).path()).isEqualTo(zkReading).contains("\uFFFD");
  }
}
