package io.paddock.quorum.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiving side: accepts connections on the listen address, starts an {@link
 * InboundConnection} for each, and keeps one established connection per peer (a newer one from the
 * same peer replaces the older, which a peer that restarted or reconnected leaves half-open).
 */
final class Acceptor {
  private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

  private final TransportConfig config;
  private final ServerSocket serverSocket;
  private final PeerTransport.Listener listener;
  private final Map<Long, PeerCounters> counters;
  private final int connectionsMax;
  private final Set<InboundConnection> all = ConcurrentHashMap.newKeySet();
  private final Map<Long, InboundConnection> byPeer = new ConcurrentHashMap<>();

  /** Refusals already logged as warnings; a misconfigured peer retries several times a second. */
  private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();

  private final Thread thread;
  private volatile boolean open = true;

  Acceptor(
      TransportConfig config,
      ServerSocket serverSocket,
      PeerTransport.Listener listener,
      Map<Long, PeerCounters> counters) {
    this.config = config;
    this.serverSocket = serverSocket;
    this.listener = listener;
    this.counters = counters;
    // Each peer needs one; room for as many again in handshake or being replaced, plus strays.
    this.connectionsMax = 2 * config.peers().size() + 4;
    this.thread = new Thread(this::run, "paddock-quorum-accept-" + config.myId());
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean isOpen() {
    return open;
  }

  boolean isConnected(long peerId) {
    return byPeer.containsKey(peerId);
  }

  private void run() {
    while (open) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (open) {
          LOG.log(Level.WARNING, "server {0}: accept failed: {1}", config.myId(), e);
          continue;
        }
        return;
      }
      if (all.size() >= connectionsMax) {
        LOG.log(
            Level.WARNING,
            "server {0}: refused a connection from {1}: {2} peer connections open already",
            config.myId(),
            socket.getRemoteSocketAddress(),
            all.size());
        closeQuietly(socket);
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
      } catch (IOException e) {
        closeQuietly(socket);
        continue;
      }
      InboundConnection connection = new InboundConnection(config, socket, this, listener);
      all.add(connection);
      if (!open) {
        // close() may have swept the set before this connection joined it.
        connection.close();
        all.remove(connection);
        return;
      }
      connection.start();
    }
  }

  /**
   * Makes {@code connection} the one from {@code peerId}, closing the one it replaces; false if the
   * acceptor is closing.
   */
  boolean register(long peerId, InboundConnection connection) {
    if (!open) {
      return false;
    }
    InboundConnection previous = byPeer.put(peerId, connection);
    if (previous != null) {
      LOG.log(
          Level.INFO,
          "server {0}: a new connection from server {1} replaces the previous one",
          config.myId(),
          peerId);
      previous.close();
      // The previous connection may have lost messages in flight; say so before the new one.
      listener.onPeerDisconnected(peerId);
    }
    listener.onPeerConnected(peerId);
    return true;
  }

  /**
   * Forgets {@code connection}; true if it was the current one from {@code peerId} (not replaced by
   * a newer one), so its end is news for the listener.
   */
  boolean unregister(Long peerId, InboundConnection connection) {
    all.remove(connection);
    return peerId != null && byPeer.remove(peerId, connection);
  }

  /** The level to log a refusal for {@code why} at: a warning the first time, then debug. */
  Level refusalLevel(String why) {
    if (refusalsLogged.size() < 64 && refusalsLogged.add(why)) {
      return Level.WARNING;
    }
    return refusalsLogged.contains(why) ? Level.DEBUG : Level.WARNING;
  }

  /** Counts a message received from {@code peerId}. */
  void counted(long peerId) {
    PeerCounters c = counters.get(peerId);
    if (c != null) {
      c.received.incrementAndGet();
    }
  }

  /** Stops accepting, closes every connection and waits up to {@code joinMs} per thread. */
  void close(long joinMs) throws InterruptedException {
    open = false;
    closeQuietly(serverSocket);
    thread.join(joinMs);
    List<InboundConnection> connections = new ArrayList<>(all);
    for (InboundConnection connection : connections) {
      connection.close();
    }
    for (InboundConnection connection : connections) {
      connection.readerThread().join(joinMs);
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "close failed: {0}", e);
    }
  }
}
