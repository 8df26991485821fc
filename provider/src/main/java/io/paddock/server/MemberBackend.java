package io.paddock.server;

import io.paddock.config.ServerConfig;
import io.paddock.platform.Clock;
import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.PeerType;
import io.paddock.quorum.config.ServerSpec;
import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Membership;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.RandomSource;
import io.paddock.quorum.core.StableState;
import io.paddock.quorum.core.peer.Peer;
import io.paddock.quorum.transport.PeerTransport;
import io.paddock.quorum.transport.TransportConfig;
import io.paddock.snapshot.Recovery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The replication side of an ensemble member: the Zab peer and its driver thread, the log writer,
 * the peer transport and the snapshot taker, built from the member's configuration and storage and
 * started and stopped as one. The client side (processor, connections) is the same as a standalone
 * server's; {@link PaddockServer} composes both.
 */
final class MemberBackend implements AutoCloseable {
  private static final int LOG_QUEUE_MAX = 10_000;
  private static final int LOG_BATCH_MAX = 10_000;
  private static final int SEND_QUEUE_MAX = 10_000;
  private static final int ATTACHMENT_BYTES_MAX = TransportConfig.ATTACHMENT_BYTES_MAX_DEFAULT;
  private static final int CONNECT_TIMEOUT_MS = 1_000;
  private static final int RECONNECT_MIN_MS = 10;
  private static final int RECONNECT_MAX_MS = 500;

  private final QuorumDriver driver;
  private final QuorumLogWriter log;
  private final EnsembleMember member;
  private final PeerTransport transport;
  private final SnapshotTaker snapshots;
  private final Thread driverThread;
  private final long myId;

  private MemberBackend(
      QuorumDriver driver,
      QuorumLogWriter log,
      EnsembleMember member,
      PeerTransport transport,
      SnapshotTaker snapshots,
      long myId) {
    this.driver = driver;
    this.log = log;
    this.member = member;
    this.transport = transport;
    this.snapshots = snapshots;
    this.myId = myId;
    this.driverThread = new Thread(driver, "paddock-quorum-driver-" + myId);
  }

  /** The pieces that exist before the processor does (the processor needs the driver). */
  record Core(QuorumDriver driver, QuorumLogWriter log, EnsembleMember member) {}

  /** Builds the peer from storage, its log writer and driver. Starts nothing. */
  static Core core(ServerConfig config, ServerStorage storage, ServerState state, Clock clock)
      throws IOException {
    EnsembleConfig ensemble = config.ensemble();
    long myId = ensemble.myId();
    Recovery.Unapplied stored = storage.unapplied();
    StableState stable =
        new StableState(
            EnsembleMember.loadHardState(storage.disk(), config.dataDir()),
            stored.snapshotZxid(),
            stored.log());
    int tickMs = config.quorumTickMs();
    PeerConfig peerConfig =
        PeerConfig.of(
            myId,
            membership(ensemble),
            config.quorumTicks(ensemble.initLimitTicks()),
            config.quorumTicks(ensemble.syncLimitTicks()));
    SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    Peer peer =
        new Peer(
            peerConfig,
            stable,
            new RandomSource() {
              @Override
              public int nextInt(int bound) {
                return random.nextInt(bound);
              }

              @Override
              public long nextLong() {
                return random.nextLong();
              }
            });
    EnsembleMember member =
        new EnsembleMember(
            storage.disk(),
            config.dataDir(),
            ServerStorage.treeConfig(config),
            ATTACHMENT_BYTES_MAX,
            config.snapCount(),
            state);
    long lastZxid = stored.lastZxid();
    QuorumDriver[] holder = new QuorumDriver[1];
    QuorumLogWriter log =
        new QuorumLogWriter(
            storage.logWriter(lastZxid),
            new QuorumLogWriter.Listener() {
              @Override
              public void persisted(long zxid, long generation) {
                holder[0].persisted(zxid, generation);
              }

              @Override
              public void failed(IOException error) {
                holder[0].logFailed(error);
              }

              @Override
              public void appended(int count) {
                member.appended(count);
              }
            },
            LOG_QUEUE_MAX,
            LOG_BATCH_MAX,
            Long.toString(myId));
    QuorumDriver driver =
        new QuorumDriver(
            peer, member, log, tickMs, clock::wallMs, new ReplicationFigures(config.ensemble()));
    holder[0] = driver;
    return new Core(driver, log, member);
  }

  /** Adds the transport and the snapshot taker once the processor exists. Starts nothing. */
  static MemberBackend assemble(
      ServerConfig config, ServerStorage storage, Core core, RequestProcessor processor) {
    EnsembleConfig ensemble = config.ensemble();
    long myId = ensemble.myId();
    SnapshotTaker snapshots = storage.snapshotTaker(storage.unapplied().tree(), processor::submit);
    core.member().wire(processor, snapshots);
    Map<Long, InetSocketAddress> peers = new HashMap<>();
    InetSocketAddress listen = null;
    for (ServerSpec s : ensemble.servers()) {
      InetSocketAddress a = new InetSocketAddress(s.host(), s.quorumPort());
      if (s.id() == myId) {
        listen = a;
      } else {
        peers.put(s.id(), a);
      }
    }
    QuorumDriver driver = core.driver();
    PeerTransport transport =
        new PeerTransport(
            new TransportConfig(
                myId,
                listen,
                peers,
                fingerprint(ensemble),
                TransportConfig.FRAME_BYTES_MAX_DEFAULT,
                ATTACHMENT_BYTES_MAX,
                SEND_QUEUE_MAX,
                CONNECT_TIMEOUT_MS,
                RECONNECT_MIN_MS,
                RECONNECT_MAX_MS),
            new PeerTransport.Listener() {
              @Override
              public void onMessage(Envelope envelope, byte[] attachment) {
                driver.received(envelope, attachment);
              }

              @Override
              public void onPeerDisconnected(long peerId) {
                driver.disconnected(peerId);
              }
            });
    driver.network(
        new QuorumDriver.Network() {
          @Override
          public void send(Envelope envelope) {
            transport.send(envelope);
          }

          @Override
          public void send(Envelope envelope, CompletableFuture<byte[]> attachment) {
            transport.send(envelope, attachment);
          }
        });
    return new MemberBackend(driver, core.log(), core.member(), transport, snapshots, myId);
  }

  /**
   * The membership the replication core runs with. Here rather than on {@link EnsembleConfig},
   * whose package is exported to OSGi embedders and must not expose the core's types.
   */
  static Membership membership(EnsembleConfig ensemble) {
    List<Long> participants = new ArrayList<>();
    List<Long> observers = new ArrayList<>();
    for (ServerSpec s : ensemble.servers()) {
      (s.type() == PeerType.OBSERVER ? observers : participants).add(s.id());
    }
    return new Membership(participants, observers);
  }

  /**
   * Session passwords must verify on every member (a client re-attaches wherever it reconnects), so
   * members derive them from a secret they share: here, a digest of the ensemble's configuration.
   * Like ZooKeeper's fixed seed, that is not a secret from whoever can read the configuration;
   * sessions are protected from other clients, not from the operators.
   */
  static byte[] sessionSecret(EnsembleConfig ensemble) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(
              ("paddock-session-secret:" + membership(ensemble)).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The same for every member of one ensemble, different for another: peers of different ensembles
   * (a copied config pointing at the wrong ports) refuse each other's connections. It covers the
   * membership (ids and roles), not the addresses: a member may reach another through a different
   * address (NAT, a proxy) than the one that member's own file names.
   */
  static String fingerprint(EnsembleConfig ensemble) {
    return digestHex("paddock-ensemble:" + membership(ensemble));
  }

  private static String digestHex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Starts the threads: snapshots, log, transport, then the replication driver. */
  void start(String nameSuffix) throws IOException {
    snapshots.start(nameSuffix);
    log.start();
    transport.start();
    driverThread.start();
  }

  long id() {
    return myId;
  }

  QuorumDriver driver() {
    return driver;
  }

  SnapshotTaker snapshots() {
    return snapshots;
  }

  /** Stops everything (the processor has stopped already). */
  @Override
  public void close() {
    driver.shutdown();
    try {
      driverThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
    log.close();
    snapshots.close();
    member.close();
  }
}
