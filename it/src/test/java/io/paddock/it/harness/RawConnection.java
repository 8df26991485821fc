package io.paddock.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * A raw client socket speaking just enough of the ZooKeeper wire format (4-byte big-endian length
 * frames, jute records) to send malformed or unusual input on purpose.
 */
public final class RawConnection implements AutoCloseable {
  /** A reply frame larger than this means we misread the stream. */
  private static final int REPLY_FRAME_BYTES_MAX = 1024 * 1024;

  private final Socket socket;
  private final DataOutputStream out;
  private final DataInputStream in;

  /** Connects to 127.0.0.1:port; every later read gives up after {@code readTimeoutMs}. */
  public RawConnection(int port, int readTimeoutMs) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(readTimeoutMs);
      out = new DataOutputStream(socket.getOutputStream());
      in = new DataInputStream(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes bytes as they are. */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes one length-prefixed frame. */
  public void sendFrame(byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  /** A ConnectRequest for a new session: protocol 0, zxid 0, timeout, session 0, 16-byte pw. */
  public static byte[] connectRequest(int sessionTimeoutMs) {
    ByteBuffer body = ByteBuffer.allocate(4 + 8 + 4 + 8 + 4 + 16 + 1);
    body.putInt(0).putLong(0).putInt(sessionTimeoutMs).putLong(0).putInt(16).put(new byte[16]);
    body.put((byte) 0);
    return body.array();
  }

  /** A request: RequestHeader (xid, type) followed by {@code body}. */
  public static byte[] request(int xid, int opCode, byte[] body) {
    return ByteBuffer.allocate(8 + body.length).putInt(xid).putInt(opCode).put(body).array();
  }

  /** A jute ustring: 4-byte length then UTF-8 bytes. */
  public static byte[] ustring(String text) {
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
  }

  /** A getData request body: path then watch=false. */
  public static byte[] getDataBody(String path) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ustring(path));
    body.write(0);
    return body.toByteArray();
  }

  /** Sends a ConnectRequest and returns the session id of the ConnectResponse. */
  public long handshake(int sessionTimeoutMs) throws IOException {
    sendFrame(connectRequest(sessionTimeoutMs));
    ByteBuffer reply = ByteBuffer.wrap(readFrame());
    reply.getInt(); // protocol version
    int negotiatedTimeoutMs = reply.getInt();
    long sessionId = reply.getLong();
    if (negotiatedTimeoutMs <= 0 || sessionId == 0) {
      throw new IOException("handshake refused: timeout " + negotiatedTimeoutMs);
    }
    return sessionId;
  }

  /** Reads one reply frame. */
  public byte[] readFrame() throws IOException {
    int length = in.readInt();
    if (length < 0 || length > REPLY_FRAME_BYTES_MAX) {
      throw new IOException("implausible reply frame length " + length);
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  /**
   * True when the server closed the connection (EOF or reset) before the read timeout; bytes the
   * server sent before closing are skipped.
   */
  public boolean closedByServer() throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        // skip whatever the server sent before closing
      }
      return true;
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
