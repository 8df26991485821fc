package io.paddock.server;

import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import io.paddock.platform.Clock;
import io.paddock.quorum.core.PeerStatus;
import io.paddock.quorum.core.Role;
import io.paddock.tree.TreeChange;
import io.paddock.tree.TxnResult;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import io.paddock.wire.ConnectCodec;
import io.paddock.wire.ConnectRequest;
import io.paddock.wire.ConnectResponse;
import io.paddock.wire.OpCode;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Request;
import io.paddock.wire.RequestHeader;
import io.paddock.wire.Response;
import io.paddock.wire.ServerCodec;
import io.paddock.wire.Xid;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The processor thread: the one owner of the data tree, sessions and watches. It admits requests in
 * arrival order, runs reads (gated per session behind that session's uncommitted writes), turns
 * writes into transactions stamped once (zxid, time, session, caller's ids), hands them to the
 * {@link TxnPipeline} and, when they commit, applies them in zxid order, fires watches, then
 * answers.
 *
 * <p>Events from other threads arrive as tasks on one queue. Its length is bounded in practice by
 * the per-connection outstanding limit times the connection limit: a connection with too many
 * unanswered requests stops being read.
 */
final class RequestProcessor implements ConnectionLoop.Inbound, Runnable {
  private static final System.Logger LOG = System.getLogger(RequestProcessor.class.getName());
  private static final int BATCH_MAX = 1024;
  private static final long CLOSE_RETRY_INTERVAL_MS = 1000;

  /** A request admitted but not yet answered because its session has a write in flight. */
  record QueuedRead(
      ServerConnection conn, RequestHeader header, OpCode op, Request body, long receivedMs) {}

  /** A client's sync on its way through the ensemble's leader. */
  record PendingSync(ServerConnection conn, RequestHeader header, String path, long receivedMs) {}

  /** A transaction on its way through the pipeline, with whoever waits for its outcome. */
  record PendingWrite(
      Txn txn,
      ServerConnection conn,
      RequestHeader header,
      OpCode op,
      Request body,
      long receivedMs) {}

  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private final ServerState state;
  private final Clock clock;
  private final TxnPipeline pipeline;
  private final Sessions sessions;
  private final Reads reads;
  private final SessionOrder<QueuedRead> order = new SessionOrder<>();
  private final Set<Long> closeRetries = new LinkedHashSet<>();
  private final QuorumDriver quorum; // null for a standalone server
  private final boolean leaderServes;
  private boolean acceptingClients;
  private PeerStatus quorumStatus = PeerStatus.looking();
  private long nextCloseRetryMs;
  private volatile boolean running = true;

  RequestProcessor(ServerState state, Clock clock, TxnPipeline pipeline, Sessions sessions) {
    this(state, clock, pipeline, sessions, null, true);
  }

  /**
   * A processor of an ensemble member when {@code quorum} is not null: it stamps nothing (the
   * leader does), takes clients only while the member serves, and leaves session expiry to the
   * leader.
   */
  RequestProcessor(
      ServerState state,
      Clock clock,
      TxnPipeline pipeline,
      Sessions sessions,
      QuorumDriver quorum,
      boolean leaderServes) {
    this.state = state;
    this.clock = clock;
    this.pipeline = pipeline;
    this.sessions = sessions;
    this.reads = new Reads(state.tree(), state.watches());
    this.quorum = quorum;
    this.leaderServes = leaderServes;
    this.acceptingClients = quorum == null;
    sessions.expiryOwner(quorum == null);
    if (quorum != null) {
      // A member opens its client port before its first status arrives: until then it must not
      // report itself as a serving standalone server (monitors and scripts would believe it).
      sessions.mode("looking", false);
    }
  }

  // ---- Inbound: called on the selector thread ------------------------------------------------

  @Override
  public void connect(ServerConnection conn, ConnectRequest request) {
    tasks.add(() -> onConnect(conn, request));
  }

  @Override
  public void request(ServerConnection conn, ServerCodec.DecodedRequest request) {
    tasks.add(() -> onRequest(conn, request.header(), request.op(), request.body()));
  }

  @Override
  public void fourLetterWord(ServerConnection conn, String word) {
    tasks.add(
        () ->
            conn.sendAndClose(
                sessions.fourLetterAnswer(word), "answered four-letter word " + word));
  }

  @Override
  public void disconnected(ServerConnection conn, String reason) {
    tasks.add(() -> sessions.detach(conn));
  }

  /** Runs a task on the processor thread (for administration and tests). */
  void submit(Runnable task) {
    tasks.add(task);
  }

  /** Called by the pipeline, on any thread, when a transaction has committed. */
  void committed(PendingWrite write) {
    tasks.add(() -> apply(write));
  }

  /**
   * Called by the pipeline, on any thread, when a transaction could not be made durable: it is
   * never applied, and whoever waits for it gets {@code error}. Outcomes arrive in zxid order.
   */
  void failed(PendingWrite write, ErrorCode error) {
    tasks.add(() -> reject(write, error));
  }

  void shutdown() {
    running = false;
    tasks.add(() -> {});
  }

  // ---- processor thread ------------------------------------------------------------------------

  @Override
  public void run() {
    List<Runnable> batch = new ArrayList<>(BATCH_MAX);
    try {
      while (running) {
        Runnable first = tasks.poll(sessions.nextTickDelayMs(), TimeUnit.MILLISECONDS);
        if (first != null) {
          first.run();
          tasks.drainTo(batch, BATCH_MAX);
          for (Runnable task : batch) {
            task.run();
          }
          batch.clear();
        }
        for (TxnOp op : sessions.tick()) {
          proposeInternal(op);
        }
        retryFailedCloses();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A broken invariant: fail-stop rather than serve possibly wrong state.
      LOG.log(Level.ERROR, "processor failed; the server stops serving", e);
      throw e;
    }
  }

  private void onConnect(ServerConnection conn, ConnectRequest request) {
    if (!acceptingClients) {
      conn.close(refusalReason());
      return;
    }
    sessions.opened(conn);
    long lastZxid = state.tree().lastAppliedZxid();
    if (request.lastZxidSeen() > lastZxid) {
      conn.close(
          "client has seen zxid 0x"
              + Long.toHexString(request.lastZxidSeen())
              + " but our last zxid is 0x"
              + Long.toHexString(lastZxid)
              + "; refusing so the client never goes back in time");
      return;
    }
    int timeoutMs = sessions.negotiate(request.timeOutMs());
    if (request.sessionId() == 0) {
      long sessionId = sessions.newSessionId();
      conn.session.timeoutMs = timeoutMs;
      propose(new TxnOp.CreateSession(sessionId, timeoutMs), sessionId, conn, null, null, null, 0);
      return;
    }
    if (!sessions.reattach(conn, request.sessionId(), request.passwd(), clock.monotonicMs())) {
      LOG.log(
          Level.INFO,
          "session 0x" + Long.toHexString(request.sessionId()) + " is expired or invalid");
      conn.sendAndClose(
          ConnectCodec.encodeConnectResponse(
              new ConnectResponse(0, 0, 0, new byte[16], false), request.readOnlyFieldPresent()),
          "session expired or invalid password");
      return;
    }
    sendConnectResponse(conn, request.readOnlyFieldPresent());
  }

  private void sendConnectResponse(ServerConnection conn, boolean withReadOnlyByte) {
    long sessionId = conn.session.sessionId;
    conn.send(
        ConnectCodec.encodeConnectResponse(
            new ConnectResponse(
                0, conn.session.timeoutMs, sessionId, sessions.password(sessionId), false),
            withReadOnlyByte));
    conn.resumeReading();
  }

  private void onRequest(ServerConnection conn, RequestHeader header, OpCode op, Request body) {
    if (conn.isClosed()) {
      conn.discard();
      return;
    }
    sessions.received();
    long sessionId = conn.session.sessionId;
    if (quorum != null) {
      quorum.touch(sessionId);
    }
    if (!sessions.touch(sessionId, clock.monotonicMs())) {
      conn.reply(
          ServerCodec.encodeReply(
              new ReplyHeader(header.xid(), 0, ErrorCode.SESSION_EXPIRED.code()), null));
      conn.close("request on an expired or closing session");
      return;
    }
    if (op != null && body != null && Writes.isWrite(op)) {
      TxnOp txnOp = Writes.toTxnOp(op, body, sessionId);
      if (txnOp != null) {
        if (txnOp instanceof TxnOp.CloseSession) {
          sessions.closing(sessionId);
        }
        order.writeSubmitted(sessionId);
        propose(txnOp, sessionId, conn, header, op, body, header.xid());
        return;
      }
    }
    if (quorum != null && body instanceof Request.Sync sync) {
      // Through the leader: answered once this server has everything the leader had proposed.
      order.writeSubmitted(sessionId);
      quorum.sync(new PendingSync(conn, header, sync.path(), clock.monotonicMs()));
      return;
    }
    QueuedRead read = new QueuedRead(conn, header, op, body, clock.monotonicMs());
    if (order.offerRead(sessionId, read)) {
      runRead(read);
    }
  }

  private void propose(
      TxnOp op,
      long sessionId,
      ServerConnection conn,
      RequestHeader header,
      OpCode opCode,
      Request body,
      int cxid) {
    List<Id> authIds = conn == null ? List.of() : List.copyOf(conn.session.authIds);
    // In an ensemble the leader stamps zxid and time; here it is a draft.
    long zxid = quorum == null ? state.nextZxid() : 0;
    Txn txn = new Txn(zxid, clock.wallMs(), sessionId, cxid, authIds, op);
    pipeline.submit(new PendingWrite(txn, conn, header, opCode, body, clock.monotonicMs()));
  }

  /** Proposes a server-originated transaction (session expiry, container cleanup). */
  private void proposeInternal(TxnOp op) {
    long sessionId = op instanceof TxnOp.CloseSession close ? close.sessionId() : 0;
    propose(op, sessionId, null, null, null, null, 0);
  }

  private void runRead(QueuedRead read) {
    ServerConnection conn = read.conn();
    if (conn.isClosed()) {
      conn.discard();
      return;
    }
    int xid = read.header().xid();
    long zxid = state.tree().lastAppliedZxid();
    Outcome outcome;
    if (read.op() == null || read.body() == null) {
      outcome = Outcome.error(ErrorCode.UNIMPLEMENTED);
    } else if (xid == Xid.PING && read.op() == OpCode.PING) {
      outcome = Outcome.ok(null);
    } else if (read.body() instanceof Request.Auth auth) {
      outcome = sessions.authenticate(conn, auth);
      if (outcome.error() != ErrorCode.OK) {
        conn.reply(ServerCodec.encodeReply(new ReplyHeader(xid, 0, outcome.error().code()), null));
        conn.close("authentication failed for scheme " + auth.scheme());
        return;
      }
    } else if (read.body() instanceof Request.SetWatches w) {
      sessions.deliver(
          state
              .watches()
              .reregister(
                  conn.session.sessionId,
                  w.relativeZxid(),
                  w.dataWatches(),
                  w.existWatches(),
                  w.childWatches(),
                  List.of(),
                  List.of(),
                  state::statOf)
              .deliveries(),
          zxid);
      outcome = Outcome.ok(null);
    } else if (read.body() instanceof Request.SetWatches2 w) {
      sessions.deliver(
          state
              .watches()
              .reregister(
                  conn.session.sessionId,
                  w.relativeZxid(),
                  w.dataWatches(),
                  w.existWatches(),
                  w.childWatches(),
                  w.persistentWatches(),
                  w.persistentRecursiveWatches(),
                  state::statOf)
              .deliveries(),
          zxid);
      outcome = Outcome.ok(null);
    } else if (Reads.isRead(read.op())) {
      outcome = reads.execute(conn.session.sessionId, conn.session.authIds, read.body());
    } else if (Writes.isWrite(read.op())) {
      outcome = Outcome.error(ErrorCode.BAD_ARGUMENTS); // a write we could not translate
    } else {
      outcome = Outcome.error(ErrorCode.UNIMPLEMENTED);
    }
    reply(conn, read.op(), xid, zxid, outcome, read.receivedMs());
  }

  private void reply(
      ServerConnection conn, OpCode op, int xid, long zxid, Outcome outcome, long receivedMs) {
    conn.reply(
        ServerCodec.encodeReply(
            new ReplyHeader(xid, zxid, outcome.error().code()),
            outcome.error() == ErrorCode.OK || outcome.body() instanceof Response.Multi
                ? outcome.body()
                : null));
    sessions.sent(op, clock.monotonicMs() - receivedMs);
  }

  /** A transaction that will never be applied: answer its client, release its session's reads. */
  private void reject(PendingWrite write, ErrorCode error) {
    TxnOp op = write.txn().op();
    ServerConnection conn = write.conn();
    if (op instanceof TxnOp.CreateSession) {
      if (conn != null) {
        conn.close("the new session could not be logged: " + error);
      }
      return;
    }
    if (op instanceof TxnOp.CloseSession close) {
      closeRetries.add(close.sessionId()); // it left expiry, so nothing else would close it
    }
    if (conn == null || write.header() == null) {
      return; // server-originated cleanup is proposed again by its periodic check
    }
    reply(
        conn,
        write.op(),
        write.header().xid(),
        state.tree().lastAppliedZxid(),
        Outcome.error(error),
        write.receivedMs());
    for (QueuedRead read : order.committed(write.txn().sessionId())) {
      runRead(read);
    }
  }

  /** Proposes again, at most once per interval, the session closes that could not be logged. */
  private void retryFailedCloses() {
    long nowMs = clock.monotonicMs();
    if (closeRetries.isEmpty() || nowMs < nextCloseRetryMs) {
      return;
    }
    nextCloseRetryMs = nowMs + CLOSE_RETRY_INTERVAL_MS;
    List<Long> ids = new ArrayList<>(closeRetries);
    closeRetries.clear();
    for (long sessionId : ids) {
      proposeInternal(new TxnOp.CloseSession(sessionId));
    }
  }

  /** Applies a committed transaction: tree, then watches, then the waiting client. */
  private void apply(PendingWrite write) {
    Txn txn = write.txn();
    TxnResult result = state.apply(txn);
    for (String warning : state.tree().drainQuotaWarnings()) {
      LOG.log(Level.WARNING, warning);
    }
    for (TreeChange change : result.changes()) {
      sessions.deliver(
          state.watches().trigger(change.path(), change.type(), txn.zxid()), txn.zxid());
    }
    TxnOp op = txn.op();
    ServerConnection conn = write.conn();
    if (op instanceof TxnOp.CreateSession create) {
      // Every replica tracks every session (a client may move to any server); only the one its
      // client waits on answers it. A client gone meanwhile leaves a session that simply expires.
      sessions.created(create.sessionId(), create.timeoutMs(), clock.monotonicMs());
      if (conn != null && !conn.isClosed()) {
        sessions.established(conn, create.sessionId(), create.timeoutMs(), clock.monotonicMs());
        sendConnectResponse(conn, true);
      }
      return;
    }
    if (op instanceof TxnOp.CloseSession close) {
      if (conn != null && write.header() != null) {
        order.committed(close.sessionId());
        reply(
            conn,
            OpCode.CLOSE_SESSION,
            write.header().xid(),
            txn.zxid(),
            Outcome.ok(new Response.Empty()),
            write.receivedMs());
      }
      for (QueuedRead dropped : order.drop(close.sessionId())) {
        dropped.conn().discard(); // requests after a close get no answer: the session is gone
      }
      sessions.closed(close.sessionId());
      return;
    }
    if (conn == null) {
      return; // server-originated, nobody waits
    }
    reply(
        conn,
        write.op(),
        write.header().xid(),
        txn.zxid(),
        Writes.reply(write.op(), write.body(), result),
        write.receivedMs());
    for (QueuedRead read : order.committed(txn.sessionId())) {
      runRead(read);
    }
  }

  // ---- ensemble member (processor thread; the driver posts these as tasks) ---------------------

  /** The member's role or serving state changed: take or refuse clients, own expiry or not. */
  void statusChanged(PeerStatus status) {
    quorumStatus = status;
    boolean leads = status.role() == Role.LEADING;
    boolean accept = status.serving() && (!leads || leaderServes);
    sessions.expiryOwner(status.serving() && leads);
    sessions.mode(
        switch (status.role()) {
          case LEADING -> "leader";
          case FOLLOWING -> "follower";
          case OBSERVING -> "observer";
          case LOOKING -> "looking";
        },
        status.serving());
    if (accept != acceptingClients) {
      acceptingClients = accept;
      if (!accept) {
        // ZooKeeper's learner shuts its client service down when it loses its leader: clients
        // move to a serving member and re-attach their sessions there.
        sessions.closeAllConnections(refusalReason());
      }
    }
  }

  private String refusalReason() {
    return quorumStatus.serving()
        ? "this server leads and leaderServes=no: connect to a follower or observer"
        : "this server is not serving: it has no quorum or is still syncing with its leader";
  }

  /** A sync went through the leader: answer once everything up to {@code zxid} is applied. */
  void syncDone(PendingSync sync, long zxid, ErrorCode error) {
    ServerConnection conn = sync.conn();
    long sessionId = conn.session.sessionId;
    if (error == ErrorCode.OK && state.tree().lastAppliedZxid() < zxid) {
      throw new IllegalStateException(
          "sync done at 0x"
              + Long.toHexString(zxid)
              + " before it was applied (0x"
              + Long.toHexString(state.tree().lastAppliedZxid())
              + ")");
    }
    if (!conn.isClosed()) {
      reply(
          conn,
          OpCode.SYNC,
          sync.header().xid(),
          state.tree().lastAppliedZxid(),
          error == ErrorCode.OK ? Outcome.ok(new Response.Sync(sync.path())) : Outcome.error(error),
          sync.receivedMs());
    }
    for (QueuedRead read : order.committed(sessionId)) {
      runRead(read);
    }
  }

  /** Sessions active on learners (this member leads and owns expiry). */
  void touchedRemotely(List<Long> sessionIds) {
    long nowMs = clock.monotonicMs();
    for (long id : sessionIds) {
      sessions.touch(id, nowMs);
    }
  }

  /** The leader's snapshot replaced the state: rebuild the session table from it. */
  void installed(io.paddock.tree.DataTree snapshot) {
    state.tree().replaceContents(snapshot);
    sessions.resetFromTree(clock.monotonicMs());
  }
}
