package io.paddock.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends ZooKeeper four-letter words over a plain socket, as {@code nc} would. */
public final class FourLetterWords {
  private static final int CONNECT_TIMEOUT_MS = 2000;
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int PROBE_TIMEOUT_MS = 1000;
  private static final int REPLY_BYTES_MAX = 4 * 1024 * 1024;

  private FourLetterWords() {}

  /**
   * Sends {@code word} to 127.0.0.1:port and returns everything the server wrote before closing.
   */
  public static String send(int port, String word) {
    return send(port, word, READ_TIMEOUT_MS);
  }

  /**
   * As {@link #send(int, String)}, giving up when the server is silent for {@code readTimeoutMs}.
   */
  public static String send(int port, String word, int readTimeoutMs) {
    if (word.length() != 4) {
      throw new IllegalArgumentException("four-letter word must have 4 letters: " + word);
    }
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(readTimeoutMs);
      socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("four-letter word " + word + " to port " + port, e);
    }
  }

  /**
   * True when the server answers {@code ruok} with {@code imok} and {@code srvr} with a {@code
   * Mode:} line. ZooKeeper answers {@code imok} a moment before it serves sessions (connections in
   * that window are dropped with "ZooKeeperServer not running"); {@code srvr} says "not currently
   * serving requests" until it does.
   */
  public static boolean isServing(int port) {
    try {
      // Short timeouts: a probe sent while the server starts may be accepted but never answered.
      return "imok".equals(send(port, "ruok", PROBE_TIMEOUT_MS))
          && send(port, "srvr", PROBE_TIMEOUT_MS).contains("Mode: ");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      out.write(buffer, 0, read);
      if (out.size() > REPLY_BYTES_MAX) {
        throw new IOException("reply longer than " + REPLY_BYTES_MAX + " bytes");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
