package io.paddock.client;

import io.paddock.wire.ConnectCodec;
import io.paddock.wire.ConnectRequest;
import io.paddock.wire.ConnectResponse;
import io.paddock.wire.FrameDecoder;
import io.paddock.wire.JuteInput;
import io.paddock.wire.OpCode;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Response;
import io.paddock.wire.ServerCodec;
import io.paddock.wire.ServerCodec.DecodedRequest;
import io.paddock.wire.WatcherEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A scripted server for protocol cases a real server will not produce on demand (replies out of
 * order, expiry at re-attach, silence, refusing at the handshake): the test reads each frame the
 * client sends and writes exactly the frames it wants, with our own wire codec.
 */
final class FakeServer implements AutoCloseable {
  static final int READ_TIMEOUT_MS = 10_000;
  static final byte[] PASSWORD = new byte[16];

  static {
    Arrays.fill(PASSWORD, (byte) 7);
  }

  private final ServerSocket listener;

  FakeServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(READ_TIMEOUT_MS);
  }

  String hostPort() {
    return "127.0.0.1:" + listener.getLocalPort();
  }

  /** The next connection (waits up to {@link #READ_TIMEOUT_MS}). */
  Conn accept() throws IOException {
    Socket s = listener.accept();
    s.setSoTimeout(READ_TIMEOUT_MS);
    s.setTcpNoDelay(true);
    return new Conn(s);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** One accepted connection. */
  static final class Conn implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameDecoder decoder = new FrameDecoder();
    private final byte[] chunk = new byte[8192];

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    byte[] readFrame() throws IOException {
      while (true) {
        byte[] frame = decoder.nextFrame();
        if (frame != null) {
          return frame;
        }
        int n = in.read(chunk);
        if (n < 0) {
          throw new IOException("client closed the connection");
        }
        decoder.feed(chunk, 0, n);
      }
    }

    /** Whether the client closes the connection within {@code ms} (frames before that skipped). */
    boolean closedByClientWithin(int ms) throws IOException {
      socket.setSoTimeout(ms);
      try {
        while (true) {
          readFrame();
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      } finally {
        if (!socket.isClosed()) {
          socket.setSoTimeout(READ_TIMEOUT_MS);
        }
      }
    }

    ConnectRequest readConnect() throws IOException {
      return ConnectCodec.decodeConnectRequest(new JuteInput(readFrame()));
    }

    void writeConnect(int timeoutMs, long sessionId) throws IOException {
      write(
          ConnectCodec.encodeConnectResponse(
              new ConnectResponse(0, timeoutMs, sessionId, PASSWORD, false)));
    }

    /** Reads the handshake and accepts it for {@code sessionId}. */
    ConnectRequest handshake(long sessionId, int timeoutMs) throws IOException {
      ConnectRequest r = readConnect();
      writeConnect(timeoutMs, sessionId);
      return r;
    }

    DecodedRequest readRequest() throws IOException {
      return ServerCodec.decodeRequestFrame(readFrame());
    }

    /** The next request that is not a ping (pings are answered). */
    DecodedRequest readRequestAnsweringPings() throws IOException {
      while (true) {
        DecodedRequest r = readRequest();
        if (r.op() != OpCode.PING) {
          return r;
        }
        reply(r.header().xid(), 0, 0, Response.EMPTY);
      }
    }

    void reply(int xid, long zxid, int err, Response body) throws IOException {
      write(ServerCodec.encodeReply(new ReplyHeader(xid, zxid, err), body));
    }

    void notify(long zxid, WatcherEvent event) throws IOException {
      write(ServerCodec.encodeNotification(zxid, event));
    }

    void write(byte[] frame) throws IOException {
      out.write(frame);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
