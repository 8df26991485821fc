package io.paddock.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** Blocking frame I/O over a test socket (read timeouts come from the socket's SO_TIMEOUT). */
final class FrameIo {
  private final InputStream in;
  private final OutputStream out;
  private final FrameDecoder decoder = new FrameDecoder();
  private final byte[] chunk = new byte[8192];

  FrameIo(Socket socket) throws IOException {
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  byte[] read() throws IOException {
    while (true) {
      byte[] frame = decoder.nextFrame();
      if (frame != null) {
        return frame;
      }
      int n = in.read(chunk);
      if (n < 0) {
        throw new IOException("peer closed with " + decoder.bufferedBytes() + " bytes pending");
      }
      decoder.feed(chunk, 0, n);
    }
  }

  void write(byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }
}
