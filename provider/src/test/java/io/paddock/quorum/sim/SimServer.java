package io.paddock.quorum.sim;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Forwarded;
import io.paddock.quorum.core.LogOp;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.PeerConfig;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.RandomSource;
import io.paddock.quorum.core.Ready;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.peer.Peer;
import io.paddock.tree.DataTree;
import io.paddock.tree.NodeView;
import io.paddock.tree.TxnResult;
import io.paddock.txn.Txn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One simulated server: the Zab peer, a data tree it applies committed transactions to, a disk, and
 * the client writes waiting for their commit. It carries out each {@link Ready} the way the real
 * server will: hard state first, log operations in order, apply, send, then react to a status
 * change by failing what its clients wait for.
 */
final class SimServer {
  private static final int READY_ROUNDS_MAX = 10_000;

  final long id;
  private final Simulation sim;
  private final PeerConfig config;
  private final SimDisk disk;
  private final SplittableRandom random;
  private Peer peer;
  private DataTree tree;
  private List<Txn> applied;
  private boolean up;
  private boolean paused;
  private boolean fsyncScheduled;
  private long fsyncGeneration;
  private SimSnapshot offered;
  private PeerStatus status = PeerStatus.looking();
  private final List<SimNetwork.Packet> pausedInbox = new ArrayList<>();

  /** Client writes waiting for their commit here, by session and cxid. */
  private final Map<Long, ClientOp> waiting = new TreeMap<>();

  /**
   * As leader: the last cxid stamped per session. A session's write that reaches the leader after a
   * later one of the same session was stamped (the client moved to another server while it was in
   * flight) is refused, as ZooKeeper refuses requests of a moved session; stamping it would break
   * the client's FIFO order.
   */
  private final Map<Long, Integer> lastStampedCxid = new TreeMap<>();

  /** Client syncs waiting for their completion here, by request id. */
  private final Map<Long, ClientOp> syncing = new TreeMap<>();

  private long nextSyncId = 1;
  private int incarnation;
  private final String tickLabel;
  private final String fsyncLabel;
  long staleForwardsRefused;
  long snapshotsInstalled;
  long truncations;

  SimServer(long id, Simulation sim, PeerConfig config, SimSnapshot initial) {
    this.id = id;
    this.sim = sim;
    this.config = config;
    this.random = new SplittableRandom(sim.random().nextLong());
    this.disk = new SimDisk(id, initial, sim.invariants());
    this.tickLabel = "tick " + id;
    this.fsyncLabel = "fsync " + id;
  }

  String tickLabel() {
    return tickLabel;
  }

  /** Changes at every boot: a client connected to an earlier one lost its connection. */
  int incarnation() {
    return incarnation;
  }

  private static long key(long sessionId, int cxid) {
    return sessionId * 1_000_000L + cxid;
  }

  // ---- lifecycle
  // ------------------------------------------------------------------------------------

  void boot() {
    incarnation++;
    lastStampedCxid.clear();
    up = true;
    paused = false;
    fsyncScheduled = false;
    fsyncGeneration++;
    offered = null;
    status = PeerStatus.looking();
    SimSnapshot snap = disk.snapshot();
    tree = Simulation.replay(snap.txns());
    applied = new ArrayList<>(snap.txns());
    sim.invariants().onRestart(id, applied.size());
    SplittableRandom r = new SplittableRandom(random.nextLong());
    peer =
        new Peer(
            config,
            disk.stable(),
            new RandomSource() {
              @Override
              public int nextInt(int bound) {
                return r.nextInt(bound);
              }

              @Override
              public long nextLong() {
                return r.nextLong();
              }
            });
    drain();
  }

  void crash() {
    if (!up) {
      return;
    }
    up = false;
    paused = false;
    pausedInbox.clear();
    failWaiting();
    disk.crash(
        random, random.nextDouble() < sim.scenario().tornTailRate(), sim.scenario().lyingDisk());
    peer = null;
  }

  void pause() {
    if (up) {
      paused = true;
    }
  }

  void resume() {
    if (!up || !paused) {
      return;
    }
    paused = false;
    List<SimNetwork.Packet> inbox = new ArrayList<>(pausedInbox);
    pausedInbox.clear();
    for (SimNetwork.Packet p : inbox) {
      receive(p);
    }
    scheduleFsync();
  }

  boolean isUp() {
    return up;
  }

  boolean isPaused() {
    return paused;
  }

  boolean available() {
    return up && !paused;
  }

  PeerStatus status() {
    return status;
  }

  Peer peer() {
    return peer;
  }

  long appliedZxid() {
    return applied.isEmpty() ? 0 : applied.get(applied.size() - 1).zxid();
  }

  // ---- inputs
  // -------------------------------------------------------------------------------------

  void receive(SimNetwork.Packet packet) {
    if (!up) {
      return;
    }
    if (paused) {
      pausedInbox.add(packet);
      return;
    }
    if (packet.snapshot() != null) {
      offered = packet.snapshot();
    }
    peer.step(packet.envelope());
    drain();
  }

  /** The transport reports that the link to {@code peerId} broke. */
  void peerDisconnected(long peerId) {
    if (available()) {
      peer.peerDisconnected(peerId);
      drain();
    }
  }

  void tick() {
    if (available()) {
      peer.tick();
      drain();
    }
  }

  private void scheduleFsync() {
    if (fsyncScheduled || !disk.hasUnsynced()) {
      return;
    }
    fsyncScheduled = true;
    long generation = fsyncGeneration;
    long delay = 1L + random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
    sim.at(sim.now() + delay, fsyncLabel, () -> fsyncDone(generation));
  }

  private void fsyncDone(long generation) {
    if (!up || generation != fsyncGeneration) {
      return; // the server crashed meanwhile: that fsync never returned
    }
    if (paused) {
      fsyncScheduled = false; // re-scheduled on resume
      return;
    }
    fsyncScheduled = false;
    long last = disk.sync();
    if (last >= 0) {
      peer.persisted(last);
      drain();
    }
  }

  /** Snapshots the applied state, up to what is durable, and drops the log before it. */
  void snapshotLocally() {
    if (!available()) {
      return;
    }
    long limit = Math.min(appliedZxid(), disk.lastDurableZxid());
    int n = applied.size();
    while (n > 0 && applied.get(n - 1).zxid() > limit) {
      n--;
    }
    if (n > 0) {
      disk.snapshotLocally(new SimSnapshot(applied.get(n - 1).zxid(), applied.subList(0, n)));
    }
  }

  // ---- client requests
  // -------------------------------------------------------------------------------

  /** A client write; returns how the peer took it (the client handles refusals). */
  ProposeResult.Outcome submit(ClientOp op) {
    Txn draft =
        new Txn(
            0, sim.now(), op.sessionId, op.cxid, List.of(), Simulation.setData(op.key, op.value));
    if (status.role() == Role.LEADING && !stampable(draft)) {
      return ProposeResult.Outcome.NOT_READY;
    }
    ProposeResult r = peer.propose(draft);
    if (r.outcome() == ProposeResult.Outcome.PROPOSED) {
      lastStampedCxid.put(draft.sessionId(), draft.cxid());
    }
    if (r.accepted()) {
      waiting.put(key(op.sessionId, op.cxid), op);
    }
    drain();
    return r.outcome();
  }

  /** A client sync (then a read, see {@link SimClient}); false if the peer refused it. */
  boolean sync(ClientOp op) {
    long requestId = nextSyncId++;
    ProposeResult r = peer.sync(requestId);
    if (r.accepted()) {
      syncing.put(requestId, op);
    }
    drain();
    return r.accepted();
  }

  /** A local read: value, version and the zxid it reflects. */
  ClientOp read(ClientOp op) {
    NodeView node = tree.get(Simulation.path(op.key));
    op.readValue = node == null ? null : new String(node.data(), StandardCharsets.UTF_8);
    op.version = node == null ? -1 : node.stat().version();
    op.zxid = appliedZxid();
    return op;
  }

  private void failWaiting() {
    List<ClientOp> lost = new ArrayList<>(waiting.values());
    lost.addAll(syncing.values());
    waiting.clear();
    syncing.clear();
    for (ClientOp op : lost) {
      sim.client(op.client).connectionLost(id);
    }
  }

  // ---- Ready
  // -------------------------------------------------------------------------------------------

  private void drain() {
    for (int i = 0; peer != null && peer.hasReady(); i++) {
      if (i > READY_ROUNDS_MAX) {
        throw new AssertionError("server " + id + " keeps producing output");
      }
      handle(peer.ready());
    }
  }

  private void handle(Ready ready) {
    if (ready.hardState() != null) {
      disk.saveHardState(ready.hardState());
    }
    for (LogOp op : ready.log()) {
      if (op instanceof LogOp.Append append) {
        disk.append(append.txn());
      } else if (op instanceof LogOp.Truncate truncate) {
        truncations++;
        disk.truncate(truncate.zxid());
      } else if (op instanceof LogOp.InstallSnapshot install) {
        installSnapshot(install);
      }
    }
    scheduleFsync();
    for (Txn txn : ready.committed()) {
      apply(txn);
    }
    for (Envelope e : ready.messages()) {
      SimSnapshot attached = null;
      if (e.message() instanceof Message.Sync sync && sync.mode() == Message.SyncMode.SNAP) {
        attached = new SimSnapshot(appliedZxid(), applied);
      }
      sim.network().send(new SimNetwork.Packet(e, attached));
    }
    if (ready.status() != null) {
      onStatus(ready.status());
    }
    for (io.paddock.quorum.core.SyncCompletion done : ready.syncs()) {
      ClientOp op = syncing.remove(done.requestId());
      if (op == null) {
        continue;
      }
      if (appliedZxid() < done.zxid()) {
        sim.invariants()
            .fail(
                "server "
                    + id
                    + " answered a sync at 0x"
                    + Long.toHexString(done.zxid())
                    + " having applied only 0x"
                    + Long.toHexString(appliedZxid()));
      }
      sim.client(op.client).synced(id, op, done.zxid());
    }
    for (Forwarded f : ready.forwarded()) {
      Txn d = f.draft();
      if (!stampable(d)) {
        staleForwardsRefused++;
        continue; // its client gave up on it and moved; it waits for nothing
      }
      lastStampedCxid.put(d.sessionId(), d.cxid());
      ProposeResult r =
          peer.propose(new Txn(0, sim.now(), d.sessionId(), d.cxid(), d.authIds(), d.op()));
      if (r.outcome() != ProposeResult.Outcome.PROPOSED) {
        throw new AssertionError("leader " + id + " refused a forwarded write it reserved: " + r);
      }
    }
  }

  private boolean stampable(Txn draft) {
    Integer last = lastStampedCxid.get(draft.sessionId());
    return last == null || draft.cxid() > last;
  }

  private void installSnapshot(LogOp.InstallSnapshot install) {
    SimSnapshot snap = offered;
    if (snap == null || snap.zxid() < install.zxid()) {
      throw new AssertionError(
          "server " + id + " must install a snapshot at >= " + install.zxid() + " but has " + snap);
    }
    snapshotsInstalled++;
    disk.install(snap);
    tree = Simulation.replay(snap.txns());
    applied = new ArrayList<>(snap.txns());
    sim.invariants().onSnapshotInstalled(id, applied);
    peer.snapshotInstalled(snap.zxid());
  }

  private void apply(Txn txn) {
    TxnResult result = tree.apply(txn);
    applied.add(txn);
    sim.invariants().onApply(id, applied.size() - 1, txn, result);
    ClientOp op = waiting.remove(key(txn.sessionId(), txn.cxid()));
    if (op != null) {
      int version = TreeAdapter.setDataVersion(result);
      sim.client(op.client).written(id, op, txn.zxid(), version);
    }
  }

  private void onStatus(PeerStatus next) {
    sim.invariants().onStatus(id, next);
    // Writes forwarded under another handshake, or proposed by a leader that lost its role, may or
    // may not commit: their clients are told the connection was lost (ZooKeeper closes it).
    boolean sameStream =
        next.serving()
            && next.role() == status.role()
            && next.leaderId() == status.leaderId()
            && next.learnerSession() == status.learnerSession();
    if (next.role() != Role.LEADING || status.role() != Role.LEADING) {
      lastStampedCxid.clear(); // a new leadership stamps afresh
    }
    status = next;
    if (!sameStream) {
      failWaiting();
    }
  }
}
