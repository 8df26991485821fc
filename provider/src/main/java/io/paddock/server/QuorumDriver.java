package io.paddock.server;

import io.paddock.admin.QuorumFigures;
import io.paddock.api.ErrorCode;
import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Forwarded;
import io.paddock.quorum.core.LogOp;
import io.paddock.quorum.core.Message;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.ProposeResult;
import io.paddock.quorum.core.Ready;
import io.paddock.quorum.core.Role;
import io.paddock.quorum.core.SyncCompletion;
import io.paddock.quorum.core.peer.Peer;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The replication thread of an ensemble member: the one owner of the Zab {@link Peer}. It feeds the
 * peer (messages from the transport, ticks, durability reports, client writes and syncs from the
 * processor) and carries out every {@link Ready} in the documented order: hard state, log, apply
 * (hand committed transactions to the processor), send, status, forwarded writes, syncs.
 *
 * <p>It also keeps what the core leaves to the embedding (see {@link Ready}): which local client
 * waits for which transaction (by session and cxid), the last cxid a leader stamped per session (a
 * write that arrives after a later one of its session was stamped is refused: the client moved),
 * and the failing of every waiting client when the stream it was waiting on breaks.
 *
 * <p>Everything here runs on the driver thread; other threads only {@link #post} tasks.
 */
final class QuorumDriver implements TxnPipeline, Runnable {
  private static final System.Logger LOG = System.getLogger(QuorumDriver.class.getName());
  private static final int EVENTS_PER_ROUND_MAX = 4096;
  private static final int READY_ROUNDS_MAX = 10_000;
  private static final int TOUCHES_PER_MESSAGE_MAX = 10_000;

  /** What the driver needs from the server around it. Every call is made on the driver thread. */
  interface Host {
    /** A transaction committed: apply it (its waiter, if any, is in the write). */
    void committed(RequestProcessor.PendingWrite write);

    /** A local write will not be answered by a commit here: tell its client. */
    void failed(RequestProcessor.PendingWrite write, ErrorCode error);

    /** A local sync is done up to {@code zxid} (0 and an error when it failed). */
    void syncDone(RequestProcessor.PendingSync sync, long zxid, ErrorCode error);

    /** The role, leader or serving state changed. */
    void statusChanged(PeerStatus status);

    /** Sessions that clients touched on a learner (this server leads). */
    void touched(List<Long> sessionIds);

    /** A snapshot of the applied state after every commit handed over so far, as bytes. */
    CompletableFuture<byte[]> snapshotForLearner();

    /**
     * Replaces the local state by the leader's snapshot {@code bytes}, durably (snapshot file
     * written, log discarded through {@code log}); returns its zxid.
     */
    long installSnapshot(byte[] bytes, QuorumLogWriter log)
        throws IOException, InterruptedException;

    /** Persists the epochs, durably, before anything else of the same Ready happens. */
    void saveHardState(io.paddock.quorum.core.HardState hardState) throws IOException;
  }

  /** How the driver reaches the other members. */
  interface Network {
    void send(Envelope envelope);

    void send(Envelope envelope, CompletableFuture<byte[]> attachment);
  }

  private record Key(long sessionId, int cxid) {}

  private final Peer peer;
  private final Host host;
  private final QuorumLogWriter log;
  private final ReplicationFigures figures;
  private final long tickMs;
  private final LongSupplier wallMs;
  private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final Map<Key, RequestProcessor.PendingWrite> waiting = new HashMap<>();
  private final Map<Long, RequestProcessor.PendingSync> syncing = new HashMap<>();
  private final ArrayDeque<RequestProcessor.PendingWrite> backlog = new ArrayDeque<>();
  private final Map<Long, Integer> lastStampedCxid = new HashMap<>();
  private final Set<Long> touchedHere = ConcurrentHashMap.newKeySet();
  private volatile PeerStatus status = PeerStatus.looking();
  private volatile boolean running = true;
  private final CompletableFuture<String> stopped = new CompletableFuture<>();
  private volatile boolean failed;
  private Network network;
  private byte[] offeredSnapshot;
  private long offeredFrom = -1;
  private long generation;
  private long nextSyncId = 1;
  private long nextTickNs;

  QuorumDriver(
      Peer peer,
      Host host,
      QuorumLogWriter log,
      long tickMs,
      LongSupplier wallMs,
      ReplicationFigures figures) {
    this.peer = peer;
    this.figures = figures;
    this.host = host;
    this.log = log;
    this.tickMs = tickMs;
    this.wallMs = wallMs;
  }

  /** Set once, before the thread starts (the transport needs the driver as its listener). */
  void network(Network network) {
    this.network = network;
  }

  // ---- other threads --------------------------------------------------------------------------

  /** Runs {@code task} on the driver thread. */
  void post(Runnable task) {
    events.add(task);
  }

  /** Transport thread: a message (with the snapshot bytes a SNAP sync carries). */
  void received(Envelope envelope, byte[] attachment) {
    post(() -> onMessage(envelope, attachment));
  }

  /** Transport thread: the link to {@code peerId} broke. */
  void disconnected(long peerId) {
    post(
        () -> {
          peer.peerDisconnected(peerId);
          drain();
        });
  }

  /** Log writer thread. */
  void persisted(long zxid, long ofGeneration) {
    post(
        () -> {
          if (ofGeneration == generation) {
            peer.persisted(zxid);
            drain();
          }
        });
  }

  /** Log writer thread: fail-stop for replication. */
  void logFailed(IOException error) {
    post(() -> stopReplicating("the transaction log failed: " + error));
  }

  /** Processor thread: a session was active on this server (a learner reports it to its leader). */
  void touch(long sessionId) {
    if (status.role() != Role.LEADING) {
      touchedHere.add(sessionId);
    }
  }

  /** Processor thread: a client write, as a draft (zxid 0). */
  @Override
  public void submit(RequestProcessor.PendingWrite write) {
    post(() -> propose(write));
  }

  /** Processor thread: a client sync. */
  void sync(RequestProcessor.PendingSync sync) {
    post(() -> startSync(sync));
  }

  /** The last status the peer reported (any thread). */
  PeerStatus status() {
    return status;
  }

  /** The replication figures now (any thread). */
  QuorumFigures figures() {
    return figures.figures(status);
  }

  /** The peer's zxids, for the four-letter words (any thread; a racy but harmless read). */
  String describe() {
    return peer.toString();
  }

  // ---- driver thread --------------------------------------------------------------------------

  @Override
  public void run() {
    List<Runnable> batch = new ArrayList<>();
    nextTickNs = System.nanoTime() + tickMs * 1_000_000;
    drain();
    try {
      while (running) {
        long waitNs = Math.max(0, nextTickNs - System.nanoTime());
        Runnable first = events.poll(waitNs, TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
          events.drainTo(batch, EVENTS_PER_ROUND_MAX);
          for (Runnable r : batch) {
            r.run();
          }
          batch.clear();
        }
        if (System.nanoTime() - nextTickNs >= 0) {
          nextTickNs += tickMs * 1_000_000;
          if (System.nanoTime() - nextTickNs > 10 * tickMs * 1_000_000) {
            nextTickNs = System.nanoTime() + tickMs * 1_000_000; // paused long: do not burst
          }
          onTick();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "replication failed; this server stops taking part", e);
      stopReplicating("replication thread failed: " + e);
      throw e;
    } finally {
      failAll(ErrorCode.CONNECTION_LOSS);
    }
  }

  /** Stops the thread (the server is closing). */
  void shutdown() {
    running = false;
    post(() -> {});
  }

  private void onTick() {
    if (failed) {
      return;
    }
    peer.tick();
    figures.publish(peer);
    PeerStatus s = status;
    if ((s.role() == Role.FOLLOWING || s.role() == Role.OBSERVING)
        && s.serving()
        && !touchedHere.isEmpty()) {
      List<Long> ids = new ArrayList<>();
      for (Iterator<Long> it = touchedHere.iterator();
          it.hasNext() && ids.size() < TOUCHES_PER_MESSAGE_MAX; ) {
        ids.add(it.next());
        it.remove();
      }
      network.send(new Envelope(peer.id(), s.leaderId(), new Message.Touches(ids)));
    }
    dropClosedWaiters();
    drain();
  }

  private void onMessage(Envelope envelope, byte[] attachment) {
    if (failed) {
      return;
    }
    if (envelope.message() instanceof Message.Touches t) {
      if (status.role() == Role.LEADING) {
        host.touched(t.sessionIds());
      }
      return;
    }
    if (attachment != null) {
      offeredSnapshot = attachment;
      offeredFrom = envelope.from();
    }
    peer.step(envelope);
    drain();
  }

  private void propose(RequestProcessor.PendingWrite write) {
    if (failed) {
      host.failed(write, ErrorCode.CONNECTION_LOSS);
      return;
    }
    if (!backlog.isEmpty()) {
      backlog.addLast(write); // keep the order behind the writes waiting for capacity
      return;
    }
    if (proposeNow(write)) {
      drain();
    }
  }

  /** Returns false if the write went to the backlog (the leader is at its in-flight limit). */
  private boolean proposeNow(RequestProcessor.PendingWrite write) {
    Txn w = write.txn();
    Txn draft = new Txn(0, wallMs.getAsLong(), w.sessionId(), w.cxid(), w.authIds(), w.op());
    boolean client = write.header() != null;
    if (client && status.role() == Role.LEADING && !stampable(draft)) {
      host.failed(write, ErrorCode.CONNECTION_LOSS);
      return true;
    }
    ProposeResult r = peer.propose(draft);
    switch (r.outcome()) {
      case PROPOSED, FORWARDED -> {
        if (r.outcome() == ProposeResult.Outcome.PROPOSED && client) {
          lastStampedCxid.put(draft.sessionId(), draft.cxid());
        }
        if (write.conn() != null) {
          waiting.put(keyOf(draft), write);
        }
      }
      case BUSY -> {
        backlog.addLast(write);
        return false;
      }
      case NOT_READY -> host.failed(write, ErrorCode.CONNECTION_LOSS);
    }
    return true;
  }

  private static Key keyOf(Txn txn) {
    return new Key(txn.sessionId(), txn.op() instanceof TxnOp.CreateSession ? 0 : txn.cxid());
  }

  private boolean stampable(Txn draft) {
    Integer last = lastStampedCxid.get(draft.sessionId());
    return last == null || draft.cxid() > last;
  }

  private void startSync(RequestProcessor.PendingSync sync) {
    if (failed) {
      host.syncDone(sync, 0, ErrorCode.CONNECTION_LOSS);
      return;
    }
    long requestId = nextSyncId++;
    ProposeResult r = peer.sync(requestId);
    if (r.accepted()) {
      syncing.put(requestId, sync);
    } else {
      host.syncDone(sync, 0, ErrorCode.CONNECTION_LOSS);
    }
    drain();
  }

  private void retryBacklog() {
    while (!backlog.isEmpty() && !failed) {
      RequestProcessor.PendingWrite next = backlog.pollFirst();
      if (!proposeNow(next)) {
        backlog.pollLast(); // proposeNow queued it again at the end: put it back in front
        backlog.addFirst(next);
        return;
      }
    }
  }

  private void drain() {
    for (int i = 0; !failed && peer.hasReady(); i++) {
      if (i > READY_ROUNDS_MAX) {
        throw new IllegalStateException("server " + peer.id() + " keeps producing output");
      }
      handle(peer.ready());
      if (!backlog.isEmpty()) {
        retryBacklog();
      }
    }
  }

  private void handle(Ready ready) {
    try {
      if (ready.hardState() != null) {
        host.saveHardState(ready.hardState());
      }
      for (LogOp op : ready.log()) {
        perform(op);
      }
    } catch (IOException e) {
      stopReplicating("cannot write the replication state: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return;
    }
    // Committed before messages: a SNAP sync sent below must carry every commit handed out.
    long committedAtNs = System.nanoTime();
    for (Txn txn : ready.committed()) {
      figures.committed(txn.zxid(), committedAtNs);
      RequestProcessor.PendingWrite w = waiting.remove(keyOf(txn));
      if (w != null && w.txn().op().getClass() != txn.op().getClass()) {
        waiting.put(keyOf(txn), w); // another transaction of the session (e.g. its expiry)
        w = null;
      }
      host.committed(
          w == null
              ? new RequestProcessor.PendingWrite(txn, null, null, null, null, 0)
              : new RequestProcessor.PendingWrite(
                  txn, w.conn(), w.header(), w.op(), w.body(), w.receivedMs()));
    }
    for (Envelope e : ready.messages()) {
      if (e.message() instanceof Message.Sync s && s.mode() == Message.SyncMode.SNAP) {
        network.send(e, host.snapshotForLearner());
      } else {
        network.send(e);
      }
    }
    if (ready.status() != null) {
      onStatus(ready.status());
    }
    for (Forwarded f : ready.forwarded()) {
      Txn d = f.draft();
      if (!stampable(d)) {
        continue; // its client gave up on it and moved: nobody waits for it
      }
      lastStampedCxid.put(d.sessionId(), d.cxid());
      ProposeResult r =
          peer.propose(
              new Txn(0, wallMs.getAsLong(), d.sessionId(), d.cxid(), d.authIds(), d.op()));
      if (r.outcome() != ProposeResult.Outcome.PROPOSED) {
        throw new IllegalStateException("leader refused a forwarded write it reserved: " + r);
      }
    }
    for (SyncCompletion done : ready.syncs()) {
      RequestProcessor.PendingSync s = syncing.remove(done.requestId());
      if (s != null) {
        host.syncDone(s, done.zxid(), ErrorCode.OK);
      }
    }
  }

  private void perform(LogOp op) throws IOException, InterruptedException {
    if (op instanceof LogOp.Append append) {
      log.append(append.txn(), generation);
      figures.appended(append.txn().zxid(), System.nanoTime());
    } else if (op instanceof LogOp.Truncate truncate) {
      generation++; // reports of appends before the truncate may name zxids it removed
      log.barrier(l -> l.truncateAfter(truncate.zxid()));
    } else if (op instanceof LogOp.InstallSnapshot install) {
      byte[] bytes = offeredSnapshot;
      if (bytes == null || offeredFrom != install.leaderId()) {
        throw new IOException(
            "asked to install leader "
                + install.leaderId()
                + "'s snapshot at 0x"
                + Long.toHexString(install.zxid())
                + " but none was received from it");
      }
      offeredSnapshot = null;
      generation++;
      long zxid = host.installSnapshot(bytes, log);
      if (zxid < install.zxid()) {
        throw new IOException(
            "the leader's snapshot is at 0x"
                + Long.toHexString(zxid)
                + ", before the promised 0x"
                + Long.toHexString(install.zxid()));
      }
      peer.snapshotInstalled(zxid);
    }
  }

  private void onStatus(PeerStatus next) {
    PeerStatus prev = status;
    boolean sameStream =
        next.serving()
            && prev.serving()
            && next.role() == prev.role()
            && next.leaderId() == prev.leaderId()
            && next.learnerSession() == prev.learnerSession();
    if (next.role() != Role.LEADING || prev.role() != Role.LEADING) {
      lastStampedCxid.clear(); // a new leadership stamps afresh
    }
    status = next;
    LOG.log(
        Level.INFO,
        "server "
            + peer.id()
            + " is "
            + next.role()
            + (next.leaderId() >= 0 ? " (leader " + next.leaderId() + ")" : "")
            + " epoch "
            + next.epoch()
            + (next.serving() ? ", serving" : ", not serving")
            + " — "
            + peer.lastTransitionReason());
    if (!sameStream) {
      // Writes forwarded under another handshake, or proposed by a leader that lost its role, may
      // or may not commit: their clients hear CONNECTION_LOSS (the outcome is unknown).
      failAll(ErrorCode.CONNECTION_LOSS);
    }
    host.statusChanged(next);
  }

  private void failAll(ErrorCode error) {
    List<RequestProcessor.PendingWrite> writes = new ArrayList<>(waiting.values());
    writes.addAll(backlog);
    waiting.clear();
    backlog.clear();
    for (RequestProcessor.PendingWrite w : writes) {
      host.failed(w, error);
    }
    List<RequestProcessor.PendingSync> syncs = new ArrayList<>(syncing.values());
    syncing.clear();
    for (RequestProcessor.PendingSync s : syncs) {
      host.syncDone(s, 0, error);
    }
  }

  /** Writes whose client connection closed: free their session's reads (nobody gets an answer). */
  private void dropClosedWaiters() {
    for (Iterator<RequestProcessor.PendingWrite> it = waiting.values().iterator(); it.hasNext(); ) {
      RequestProcessor.PendingWrite w = it.next();
      if (w.conn() != null && w.conn().isClosed()) {
        it.remove();
        host.failed(w, ErrorCode.CONNECTION_LOSS);
      }
    }
  }

  private void stopReplicating(String reason) {
    if (failed) {
      return;
    }
    failed = true;
    LOG.log(
        Level.ERROR,
        "server "
            + peer.id()
            + " stops taking part in the ensemble: "
            + reason
            + "; it rejoins once restarted (a ServerSupervisor does that when its disk takes"
            + " writes again)");
    failAll(ErrorCode.CONNECTION_LOSS);
    status = PeerStatus.looking();
    host.statusChanged(status);
    stopped.complete(reason);
  }

  /** Completes, with the reason, when this member stops taking part for good (any thread). */
  CompletableFuture<String> stoppedReplicating() {
    return stopped;
  }

  /** Whether replication stopped for good (I/O failure); the server then serves no clients. */
  boolean failed() {
    return failed;
  }

  @Override
  public void close() {
    shutdown();
  }
}
