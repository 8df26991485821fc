package io.paddock.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder on a loopback port standing for one directed link between two ensemble members
 * (the address one member uses to reach another). A test can {@link #cut()} it — every connection
 * through it is closed and new ones are refused, as a network partition that resets connections
 * does — and {@link #restore()} it. Threads are daemons named {@code link-proxy-*}; {@link
 * #close()} stops them.
 */
public final class LinkProxy implements AutoCloseable {
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final long TARGET_WAIT_MS = 3_000;
  private static final long TARGET_RETRY_MS = 20;

  private final String name;
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new ArrayList<>();
  private final Thread acceptor;
  private volatile boolean cut;
  private volatile boolean closed;

  /** Listens on a free loopback port and forwards to {@code targetPort} on loopback. */
  public LinkProxy(String name, int targetPort) {
    this.name = name;
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.acceptor = new Thread(this::accept, "link-proxy-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Closes every connection through this link and refuses new ones until restored. */
  public void cut() {
    synchronized (open) {
      cut = true; // under the lock: a connection being set up is either closed below or refused
    }
    closeOpen();
  }

  public void restore() {
    cut = false;
  }

  private void accept() {
    while (!closed) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (cut) {
        closeQuietly(in);
        continue;
      }
      Thread connector = new Thread(() -> connect(in), "link-proxy-" + name + "-connect");
      connector.setDaemon(true);
      connector.start();
    }
  }

  /**
   * Connects the accepted socket to the target, retrying while the target does not listen yet. A
   * real link would refuse the initiator, which then retries; a proxy has already accepted, so
   * closing at once would look like a connection broken mid-handshake instead (ZooKeeper's learner
   * then gives up on the leader it just elected, and elections can loop).
   */
  private void connect(Socket in) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TARGET_WAIT_MS);
    Socket out = null;
    while (out == null && !cut && !closed) {
      Socket attempt = new Socket();
      try {
        attempt.connect(target, 2_000);
        out = attempt;
      } catch (IOException e) {
        closeQuietly(attempt);
        if (System.nanoTime() - deadline >= 0) {
          break;
        }
        try {
          Thread.sleep(TARGET_RETRY_MS); // waiting for another process to bind: sleeping is it
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (out == null) {
      closeQuietly(in);
      return;
    }
    synchronized (open) {
      if (cut || closed) {
        // cut while this connection was being set up: without this check it would outlive the
        // cut, and a member would keep talking through a link the test believes is down
        closeQuietly(in);
        closeQuietly(out);
        return;
      }
      open.add(in);
      open.add(out);
    }
    pump(in, out, "up");
    pump(out, in, "down");
  }

  private void pump(Socket from, Socket to, String direction) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[BUFFER_BYTES];
              try (InputStream is = from.getInputStream();
                  OutputStream os = to.getOutputStream()) {
                int n;
                while ((n = is.read(buffer)) >= 0) {
                  os.write(buffer, 0, n);
                  os.flush();
                }
              } catch (IOException e) {
                // either side closed or the link was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "link-proxy-" + name + "-" + direction);
    t.setDaemon(true);
    t.start();
  }

  private void closeOpen() {
    List<Socket> sockets;
    synchronized (open) {
      sockets = new ArrayList<>(open);
      open.clear();
    }
    sockets.forEach(LinkProxy::closeQuietly);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    closeOpen();
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
