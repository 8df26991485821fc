package io.paddock.quorum.transport;

import io.paddock.quorum.core.Envelope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Transports of a test ensemble on loopback. Ports are found free by binding port 0 and closing the
 * socket again (a rare race with another process taking the port is accepted). Closes every
 * transport it started.
 */
final class Ensemble implements AutoCloseable {
  static final String ENSEMBLE_ID = "test-ensemble-1";

  /** What one transport's listener saw, in order. */
  static final class Recorder implements PeerTransport.Listener {
    /** A message and its attachment. */
    record Received(Envelope envelope, byte[] attachment) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Long> connected = new CopyOnWriteArrayList<>();
    final List<Long> disconnected = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Envelope envelope, byte[] attachment) {
      received.add(new Received(envelope, attachment));
    }

    @Override
    public void onPeerDisconnected(long peerId) {
      disconnected.add(peerId);
    }

    @Override
    public void onPeerConnected(long peerId) {
      connected.add(peerId);
    }

    List<Received> from(long peerId) {
      return received.stream().filter(r -> r.envelope().from() == peerId).toList();
    }
  }

  final Map<Long, InetSocketAddress> addresses = new TreeMap<>();
  final Map<Long, PeerTransport> transports = new HashMap<>();
  final Map<Long, Recorder> recorders = new HashMap<>();
  private final List<PeerTransport> all = new ArrayList<>();

  Ensemble(long... ids) {
    for (long id : ids) {
      addresses.put(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort()));
    }
  }

  static int freePort() {
    return io.paddock.testing.FreePorts.next();
  }

  TransportConfig config(long id) {
    Map<Long, InetSocketAddress> peers = new TreeMap<>(addresses);
    peers.remove(id);
    return new TransportConfig(
        id, addresses.get(id), peers, ENSEMBLE_ID, 1 << 20, 64 << 20, 1000, 1000, 10, 100);
  }

  /** Starts (or restarts) server {@code id} with the default test config. */
  PeerTransport start(long id) throws IOException {
    return start(id, c -> c);
  }

  /** Starts (or restarts) server {@code id} with its test config changed by {@code change}. */
  PeerTransport start(long id, UnaryOperator<TransportConfig> change) throws IOException {
    Recorder recorder = new Recorder();
    PeerTransport transport = new PeerTransport(change.apply(config(id)), recorder);
    all.add(transport);
    transport.start();
    transports.put(id, transport);
    recorders.put(id, recorder);
    return transport;
  }

  PeerTransport transport(long id) {
    return transports.get(id);
  }

  Recorder recorder(long id) {
    return recorders.get(id);
  }

  /** True if {@code from}'s outbound link to {@code to} is up and {@code to} registered it. */
  boolean linked(long from, long to) {
    PeerFigures out = transports.get(from).figures().get(to);
    PeerFigures in = transports.get(to).figures().get(from);
    return out.outboundConnected() && in.inboundConnected();
  }

  @Override
  public void close() {
    for (PeerTransport transport : all) {
      transport.close();
    }
  }
}
