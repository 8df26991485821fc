package io.paddock.wire;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * The real ZooKeeper 3.9.5 Java client against a loopback socket driven by our server-side codec:
 * proves we read what the client really sends and that it accepts what we write.
 */
class RealClientInteropTest {
  private static final byte[] PASSWD = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "payload".getBytes(StandardCharsets.UTF_8);

  @Test
  void zooKeeperClientTalksToOurServerSideCodec() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(20_000);
      BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
      ZooKeeper zk = new ZooKeeper("127.0.0.1:" + listener.getLocalPort(), 30_000, events::add);
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(20_000);
        FrameIo io = new FrameIo(socket);
        handshake(io, events, zk);
        createAndGetDataWithNotification(io, events, zk);
        errorRepliesAndMulti(io, zk);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> closeQuietly(zk));
        ServerCodec.DecodedRequest close = nextRequest(io);
        assertThat(close.op()).isEqualTo(OpCode.CLOSE_SESSION);
        assertThat(close.body()).isEqualTo(new Request.CloseSession());
        io.write(ServerCodec.encodeReply(new ReplyHeader(close.header().xid(), 9L, 0), null));
        closed.get(20, SECONDS);
      } finally {
        zk.close();
      }
    }
  }

  private static void handshake(FrameIo io, BlockingQueue<WatchedEvent> events, ZooKeeper zk)
      throws Exception {
    ConnectRequest connect = ConnectCodec.decodeConnectRequest(new JuteInput(io.read()));
    assertThat(connect.protocolVersion()).isZero();
    assertThat(connect.lastZxidSeen()).isZero();
    assertThat(connect.timeOutMs()).isEqualTo(30_000);
    assertThat(connect.sessionId()).isZero();
    assertThat(connect.passwd()).isEqualTo(new byte[16]);
    assertThat(connect.readOnly()).isFalse();
    assertThat(connect.readOnlyFieldPresent()).isTrue();

    io.write(
        ConnectCodec.encodeConnectResponse(
            new ConnectResponse(0, 30_000, 0x1234_5678L, PASSWD, false)));
    WatchedEvent connected = events.poll(20, SECONDS);
    assertThat(connected).isNotNull();
    assertThat(connected.getState()).isEqualTo(KeeperState.SyncConnected);
    assertThat(zk.getSessionId()).isEqualTo(0x1234_5678L);
    assertThat(zk.getSessionPasswd()).isEqualTo(PASSWD);
  }

  private static void createAndGetDataWithNotification(
      FrameIo io, BlockingQueue<WatchedEvent> events, ZooKeeper zk) throws Exception {
    CompletableFuture<String> created = new CompletableFuture<>();
    zk.create(
        "/a-",
        DATA,
        Zk.acls(Acl.OPEN_ACL_UNSAFE),
        CreateMode.EPHEMERAL_SEQUENTIAL,
        (rc, path, ctx, name) -> created.complete(rc + " " + name),
        null);
    ServerCodec.DecodedRequest create = nextRequest(io);
    assertThat(create.op()).isEqualTo(OpCode.CREATE);
    assertThat(create.body())
        .usingRecursiveComparison()
        .isEqualTo(new Request.Create("/a-", DATA, Acl.OPEN_ACL_UNSAFE, 3));
    io.write(
        ServerCodec.encodeReply(
            new ReplyHeader(create.header().xid(), 5L, 0), new Response.Create("/a-0000000000")));
    assertThat(created.get(20, SECONDS)).isEqualTo("0 /a-0000000000");

    CompletableFuture<org.apache.zookeeper.data.Stat> got = new CompletableFuture<>();
    zk.getData("/a-0000000000", true, (rc, path, ctx, data, stat) -> got.complete(stat), null);
    ServerCodec.DecodedRequest getData = nextRequest(io);
    assertThat(getData.body()).isEqualTo(new Request.GetData("/a-0000000000", true));
    io.write(
        ServerCodec.encodeReply(
            new ReplyHeader(getData.header().xid(), 5L, 0), new Response.GetData(DATA, Zk.STAT)));
    assertThat(Zk.stat(got.get(20, SECONDS))).isEqualTo(Zk.STAT);

    io.write(ServerCodec.encodeNotification(6L, new WatcherEvent(3, 3, "/a-0000000000")));
    WatchedEvent changed = events.poll(20, SECONDS);
    assertThat(changed).isNotNull();
    assertThat(changed.getType()).isEqualTo(EventType.NodeDataChanged);
    assertThat(changed.getPath()).isEqualTo("/a-0000000000");
  }

  private static void errorRepliesAndMulti(FrameIo io, ZooKeeper zk) throws Exception {
    CompletableFuture<Integer> exists = new CompletableFuture<>();
    zk.exists("/missing", false, (rc, path, ctx, stat) -> exists.complete(rc), null);
    ServerCodec.DecodedRequest req = nextRequest(io);
    assertThat(req.body()).isEqualTo(new Request.Exists("/missing", false));
    io.write(ServerCodec.encodeReply(new ReplyHeader(req.header().xid(), 6L, -101), null));
    assertThat(exists.get(20, SECONDS)).isEqualTo(-101);

    CompletableFuture<List<OpResult>> multi = new CompletableFuture<>();
    zk.multi(
        List.of(
            Op.create("/m", null, Zk.acls(Acl.OPEN_ACL_UNSAFE), CreateMode.PERSISTENT),
            Op.check("/a-0000000000", 3)),
        (rc, path, ctx, results) -> multi.complete(results),
        null);
    ServerCodec.DecodedRequest multiReq = nextRequest(io);
    assertThat(multiReq.op()).isEqualTo(OpCode.MULTI);
    assertThat(multiReq.body())
        .usingRecursiveComparison()
        .isEqualTo(
            new Request.Multi(
                List.of(
                    new Request.MultiOp(
                        OpCode.CREATE, new Request.Create("/m", null, Acl.OPEN_ACL_UNSAFE, 0)),
                    new Request.MultiOp(
                        OpCode.CHECK, new Request.CheckVersion("/a-0000000000", 3)))));
    Response.Multi failed =
        new Response.Multi(
            List.of(
                new Response.MultiResult(OpCode.ERROR, new Response.ErrorResult(0)),
                new Response.MultiResult(OpCode.ERROR, new Response.ErrorResult(-103))));
    io.write(ServerCodec.encodeReply(new ReplyHeader(multiReq.header().xid(), 7L, 0), failed));
    assertThat(multi.get(20, SECONDS))
        .containsExactly(new OpResult.ErrorResult(0), new OpResult.ErrorResult(-103));
  }

  /** The next request, answering any pings the client slips in first. */
  private static ServerCodec.DecodedRequest nextRequest(FrameIo io) throws Exception {
    while (true) {
      ServerCodec.DecodedRequest r = ServerCodec.decodeRequestFrame(io.read());
      if (r.op() != OpCode.PING) {
        return r;
      }
      assertThat(r.header().xid()).isEqualTo(Xid.PING);
      io.write(ServerCodec.encodeReply(new ReplyHeader(Xid.PING, 5L, 0), null));
    }
  }

  private static void closeQuietly(ZooKeeper zk) {
    try {
      zk.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
