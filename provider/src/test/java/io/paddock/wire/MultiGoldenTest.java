package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.wire.Request.MultiOp;
import io.paddock.wire.Response.MultiResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.MultiResponse;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;

/** Multi and multiRead layouts against {@code MultiOperationRecord} and {@code MultiResponse}. */
class MultiGoldenTest {
  private static final byte[] DATA = "d".getBytes(StandardCharsets.UTF_8);

  @Test
  void multiRequestMatchesMultiOperationRecord() {
    MultiOperationRecord theirs =
        new MultiOperationRecord(
            List.of(
                Op.create("/a", DATA, Zk.acls(Zk.ACLS), CreateMode.PERSISTENT),
                Op.create("/b", null, Zk.acls(Acl.OPEN_ACL_UNSAFE), CreateMode.CONTAINER),
                Op.create(
                    "/t",
                    DATA,
                    Zk.acls(Acl.OPEN_ACL_UNSAFE),
                    CreateMode.PERSISTENT_WITH_TTL,
                    5000L),
                Op.delete("/d", 3),
                Op.setData("/s", DATA, -1),
                Op.check("/c", 7)));
    Request.Multi ours =
        new Request.Multi(
            List.of(
                new MultiOp(OpCode.CREATE, new Request.Create("/a", DATA, Zk.ACLS, 0)),
                new MultiOp(
                    OpCode.CREATE_CONTAINER,
                    new Request.Create("/b", null, io.paddock.api.Acl.OPEN_ACL_UNSAFE, 4)),
                new MultiOp(
                    OpCode.CREATE_TTL,
                    new Request.CreateTtl(
                        "/t", DATA, io.paddock.api.Acl.OPEN_ACL_UNSAFE, 5, 5000L)),
                new MultiOp(OpCode.DELETE, new Request.Delete("/d", 3)),
                new MultiOp(OpCode.SET_DATA, new Request.SetData("/s", DATA, -1)),
                new MultiOp(OpCode.CHECK, new Request.CheckVersion("/c", 7))));

    byte[] theirBytes = Zk.bytes(theirs);
    assertThat(Zk.ours(ours)).isEqualTo(theirBytes);
    JuteInput in = new JuteInput(theirBytes);
    Request decoded = ServerCodec.decodeRequest(OpCode.MULTI.code(), in);
    in.expectEnd("multi");
    assertThat(decoded).usingRecursiveComparison().isEqualTo(ours);
  }

  @Test
  void multiReadRequestMatchesMultiOperationRecord() {
    MultiOperationRecord theirs =
        new MultiOperationRecord(List.of(Op.getChildren("/x"), Op.getData("/y")));
    Request.MultiRead ours =
        new Request.MultiRead(
            List.of(
                new MultiOp(OpCode.GET_CHILDREN, new Request.GetChildren("/x", false)),
                new MultiOp(OpCode.GET_DATA, new Request.GetData("/y", false))));
    assertThat(Zk.ours(ours)).isEqualTo(Zk.bytes(theirs));
    assertThat(ServerCodec.decodeRequest(OpCode.MULTI_READ.code(), new JuteInput(Zk.bytes(theirs))))
        .isEqualTo(ours);
  }

  @Test
  void emptyMultiIsJustTheEndMarker() {
    byte[] theirs = Zk.bytes(new MultiOperationRecord());
    assertThat(theirs).hasSize(9);
    assertThat(Zk.ours(new Request.Multi(List.of()))).isEqualTo(theirs);
    assertThat(Zk.ours(new Response.Multi(List.of()))).isEqualTo(Zk.bytes(new MultiResponse()));
  }

  @Test
  void create2InsideAMultiIsReadBackByZooKeeper() {
    // ZooKeeper's Op API has no public create2 factory, so check ZooKeeper reads ours and writes
    // the very same bytes back.
    Request.Multi ours =
        new Request.Multi(
            List.of(new MultiOp(OpCode.CREATE2, new Request.Create("/c2", DATA, Zk.ACLS, 2))));
    byte[] bytes = Zk.ours(ours);
    MultiOperationRecord theirs = Zk.read(bytes, MultiOperationRecord::new);
    assertThat(theirs.iterator().next().getType()).isEqualTo(ZooDefs.OpCode.create2);
    assertThat(Zk.bytes(theirs)).isEqualTo(bytes);
  }

  @Test
  void multiResponseMatchesMultiResponse() {
    org.apache.zookeeper.data.Stat st = Zk.stat(Zk.STAT);
    MultiResponse theirs = new MultiResponse();
    theirs.add(new OpResult.CreateResult("/a"));
    theirs.add(new OpResult.CreateResult("/b", st));
    theirs.add(new OpResult.DeleteResult());
    theirs.add(new OpResult.SetDataResult(st));
    theirs.add(new OpResult.CheckResult());
    Response.Multi ours =
        new Response.Multi(
            List.of(
                new MultiResult(OpCode.CREATE, new Response.Create("/a")),
                new MultiResult(OpCode.CREATE2, new Response.Create2("/b", Zk.STAT)),
                new MultiResult(OpCode.DELETE, Response.EMPTY),
                new MultiResult(OpCode.SET_DATA, new Response.SetData(Zk.STAT)),
                new MultiResult(OpCode.CHECK, Response.EMPTY)));
    assertRoundTrip(ours, theirs, OpCode.MULTI);
  }

  @Test
  void failedMultiCarriesTheErrorInHeaderAndBody() {
    MultiResponse theirs = new MultiResponse();
    theirs.add(new OpResult.ErrorResult(0));
    theirs.add(new OpResult.ErrorResult(-103));
    theirs.add(new OpResult.ErrorResult(-2));
    Response.Multi ours =
        new Response.Multi(
            List.of(
                new MultiResult(OpCode.ERROR, new Response.ErrorResult(0)),
                new MultiResult(OpCode.ERROR, new Response.ErrorResult(-103)),
                new MultiResult(OpCode.ERROR, new Response.ErrorResult(-2))));
    byte[] bytes = assertRoundTrip(ours, theirs, OpCode.MULTI);
    // Second result's header: type -1, done false, err -103.
    JuteInput in = new JuteInput(bytes, 13, bytes.length - 13);
    assertThat(in.readInt("type")).isEqualTo(-1);
    assertThat(in.readBool("done")).isFalse();
    assertThat(in.readInt("err")).isEqualTo(-103);

    // The body is present even though the reply header carries an error.
    byte[] frame = ServerCodec.encodeReply(new io.paddock.wire.ReplyHeader(4, 8L, -103), ours);
    JuteInput fin = new JuteInput(frame, 4, frame.length - 4);
    io.paddock.wire.ReplyHeader h = io.paddock.wire.ReplyHeader.read(fin);
    assertThat(ClientCodec.decodeReplyBody(h, OpCode.MULTI.code(), fin)).isEqualTo(ours);
  }

  @Test
  void multiReadResponseMatchesMultiResponse() {
    org.apache.zookeeper.data.Stat st = Zk.stat(Zk.STAT);
    MultiResponse theirs = new MultiResponse();
    theirs.add(new OpResult.GetChildrenResult(List.of("k1", "k2")));
    theirs.add(new OpResult.GetDataResult(DATA, st));
    theirs.add(new OpResult.ErrorResult(-101));
    Response.Multi ours =
        new Response.Multi(
            List.of(
                new MultiResult(OpCode.GET_CHILDREN, new Response.GetChildren(List.of("k1", "k2"))),
                new MultiResult(OpCode.GET_DATA, new Response.GetData(DATA, Zk.STAT)),
                new MultiResult(OpCode.ERROR, new Response.ErrorResult(-101))));
    assertRoundTrip(ours, theirs, OpCode.MULTI_READ);
  }

  @Test
  void recordsRejectMismatchedOpsAndBodies() {
    assertThatThrownBy(() -> new MultiOp(OpCode.EXISTS, new Request.Exists("/a", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EXISTS");
    assertThatThrownBy(() -> new MultiOp(OpCode.DELETE, new Request.Sync("/a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiResult(OpCode.CREATE, Response.EMPTY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiResult(OpCode.EXISTS, new Response.Exists(Zk.STAT)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] assertRoundTrip(Response.Multi ours, MultiResponse theirs, OpCode op) {
    byte[] theirBytes = Zk.bytes(theirs);
    assertThat(Zk.ours(ours)).isEqualTo(theirBytes);
    JuteInput in = new JuteInput(theirBytes);
    Response decoded = ClientCodec.decodeResponse(op.code(), in);
    in.expectEnd("multi response");
    assertThat(decoded).usingRecursiveComparison().isEqualTo(ours);
    assertThat(Zk.read(Zk.ours(ours), MultiResponse::new)).isEqualTo(theirs);
    return theirBytes;
  }
}
