package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import io.paddock.api.ClientInfo;
import io.paddock.wire.Response.MultiResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client-side codec against a real ZooKeeper 3.9.5 server on loopback: proves we decode the
 * bytes a real server writes, including notifications, error replies and failed multis.
 */
class RealServerInteropTest {
  private static final byte[] DATA = "v1".getBytes(StandardCharsets.UTF_8);

  private int xid;

  @Test
  void ourClientSideCodecTalksToARealZooKeeperServer(@TempDir Path dir) throws Exception {
    // The ZooKeeper server (unlike its client) needs Dropwizard metrics-core and snappy-java,
    // which the provider pom does not have in test scope yet; until it does, run with
    // -Dmaven.test.additionalClasspath=<metrics-core jar>,<snappy-java jar>.
    Assumptions.assumeTrue(
        isOnClasspath("com.codahale.metrics.Reservoir")
            && isOnClasspath("org.xerial.snappy.SnappyInputStream"),
        "metrics-core or snappy-java is not on the test classpath");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort(); // a free port; the tiny reuse race is acceptable in a test
    }
    Properties config = new Properties();
    config.setProperty("clientPort", Integer.toString(port));
    config.setProperty("clientPortAddress", "127.0.0.1");
    config.setProperty("admin.enableServer", "false");
    // ZooKeeperServerEmbedded rather than ZooKeeperServer: the latter carries SpotBugs annotations
    // whose classes are not on our classpath, which javac -Xlint -Werror rejects.
    ZooKeeperServerEmbedded server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(dir)
            .configuration(config)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    server.start(30_000);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      FrameIo io = new FrameIo(socket);
      io.write(
          ConnectCodec.encodeConnectRequest(
              new ConnectRequest(0, 0L, 10_000, 0L, new byte[16], false)));
      byte[] connectPayload = io.read();
      assertThat(connectPayload).hasSize(4 + 4 + 8 + 4 + 16 + 1); // with the readOnly byte
      ConnectResponse connected = ConnectCodec.decodeConnectResponse(new JuteInput(connectPayload));
      assertThat(connected.sessionId()).isNotZero();
      assertThat(connected.timeOutMs()).isEqualTo(10_000);
      assertThat(connected.passwd()).hasSize(16);
      assertThat(connected.readOnly()).isFalse();

      Response.Create2 created =
          (Response.Create2)
              call(io, OpCode.CREATE2, new Request.Create("/n", DATA, Acl.OPEN_ACL_UNSAFE, 0));
      assertThat(created.path()).isEqualTo("/n");
      assertThat(created.stat().dataLength()).isEqualTo(DATA.length);

      Response.GetData data =
          (Response.GetData) call(io, OpCode.GET_DATA, new Request.GetData("/n", true));
      assertThat(data.data()).isEqualTo(DATA);
      assertThat(data.stat()).isEqualTo(created.stat());

      // setData fires the data watch: a notification and the reply, in either order.
      send(io, OpCode.SET_DATA, new Request.SetData("/n", null, -1));
      List<Object> got = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        JuteInput in = new JuteInput(io.read());
        ReplyHeader h = ReplyHeader.read(in);
        got.add(
            h.xid() == Xid.NOTIFICATION
                ? ClientCodec.decodeNotification(in)
                : ClientCodec.decodeReplyBody(h, OpCode.SET_DATA.code(), in));
      }
      assertThat(got).contains(new WatcherEvent(3, 3, "/n"));
      assertThat(got).anySatisfy(r -> assertThat(r).isInstanceOf(Response.SetData.class));

      assertThat(call(io, OpCode.EXISTS, new Request.Exists("/missing", false)))
          .isSameAs(Response.EMPTY); // err -101, no body
      assertThat(lastErr).isEqualTo(-101);

      Response.GetAcl acl = (Response.GetAcl) call(io, OpCode.GET_ACL, new Request.GetAcl("/n"));
      assertThat(acl.acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);

      Response.GetChildren2 kids =
          (Response.GetChildren2)
              call(io, OpCode.GET_CHILDREN2, new Request.GetChildren2("/", false));
      assertThat(kids.children()).contains("n", "zookeeper");

      Response.Multi failed =
          (Response.Multi)
              call(
                  io,
                  OpCode.MULTI,
                  new Request.Multi(
                      List.of(
                          new Request.MultiOp(
                              OpCode.CREATE,
                              new Request.Create("/m", null, Acl.OPEN_ACL_UNSAFE, 0)),
                          new Request.MultiOp(OpCode.CHECK, new Request.CheckVersion("/n", 99)),
                          new Request.MultiOp(OpCode.DELETE, new Request.Delete("/n", -1)))));
      assertThat(failed.results()).extracting(MultiResult::op).containsOnly(OpCode.ERROR);
      assertThat(failed.results())
          .extracting(MultiResult::err)
          .containsExactly(0, -103, -2); // before the failure 0, after it RuntimeInconsistency
      assertThat(lastErr).as("header err of a failed multi").isZero();

      Response.Multi reads =
          (Response.Multi)
              call(
                  io,
                  OpCode.MULTI_READ,
                  new Request.MultiRead(
                      List.of(
                          new Request.MultiOp(OpCode.GET_DATA, new Request.GetData("/n", false)),
                          new Request.MultiOp(
                              OpCode.GET_CHILDREN, new Request.GetChildren("/nope", false)))));
      assertThat(reads.results().get(0).op()).isEqualTo(OpCode.GET_DATA);
      assertThat(reads.results().get(1))
          .isEqualTo(new MultiResult(OpCode.ERROR, new Response.ErrorResult(-101)));

      Response.WhoAmI who = (Response.WhoAmI) call(io, OpCode.WHO_AM_I, new Request.WhoAmI());
      assertThat(who.clientInfo()).contains(new ClientInfo("ip", "127.0.0.1"));

      io.write(
          ClientCodec.encodeRequest(new RequestHeader(Xid.PING, OpCode.PING), new Request.Ping()));
      JuteInput pong = new JuteInput(io.read());
      assertThat(ReplyHeader.read(pong).xid()).isEqualTo(Xid.PING);
      assertThat(pong.hasRemaining()).isFalse();

      assertThat(call(io, OpCode.CLOSE_SESSION, new Request.CloseSession()))
          .isSameAs(Response.EMPTY);
      assertThat(lastErr).isZero();
    } finally {
      server.close();
    }
  }

  private int lastErr;

  private static boolean isOnClasspath(String className) {
    try {
      Class.forName(className, false, RealServerInteropTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private void send(FrameIo io, OpCode op, Request body) throws Exception {
    io.write(ClientCodec.encodeRequest(new RequestHeader(++xid, op), body));
  }

  private Response call(FrameIo io, OpCode op, Request body) throws Exception {
    send(io, op, body);
    JuteInput in = new JuteInput(io.read());
    ReplyHeader h = ReplyHeader.read(in);
    assertThat(h.xid()).isEqualTo(xid);
    lastErr = h.err();
    return ClientCodec.decodeReplyBody(h, op.code(), in);
  }
}
