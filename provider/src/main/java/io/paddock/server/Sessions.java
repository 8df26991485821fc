package io.paddock.server;

import io.paddock.acl.AuthResult;
import io.paddock.acl.Authentication;
import io.paddock.admin.QuorumFigures;
import io.paddock.admin.RequestMetrics;
import io.paddock.admin.ServerFigures;
import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import io.paddock.config.FourLetterWords;
import io.paddock.session.SessionIds;
import io.paddock.session.SessionPasswords;
import io.paddock.session.SessionTable;
import io.paddock.session.SessionTimeouts;
import io.paddock.txn.TxnOp;
import io.paddock.watch.WatchTable;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.ServerCodec;
import io.paddock.wire.WatcherEvent;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Sessions as the processor sees them: the session table and its expiry, which connection carries
 * which session, authentication, watch delivery, periodic cleanup work, and the figures the
 * four-letter words report. Processor thread only.
 */
final class Sessions {
  private static final System.Logger LOG = System.getLogger(Sessions.class.getName());
  private static final int CLEANUP_BATCH_MAX = 1000;

  /** Four-letter words that describe the served state, refused while a member does not serve. */
  private static final Set<String> NEEDS_SERVING =
      Set.of("srvr", "stat", "cons", "wchs", "wchc", "wchp", "dump", "crst", "srst");

  /** Settings, taken from the server config. */
  record Settings(
      SessionTimeouts timeouts,
      long containerCheckIntervalMs,
      FourLetterWords fourLetterWords,
      Map<String, String> describedConfig) {}

  private final ServerState state;
  private final SessionTable table;
  private final SessionIds ids;
  private final SessionPasswords passwords;
  private final Authentication authentication;
  private final Settings settings;
  private final ServerStats stats = new ServerStats();
  private final Map<Long, ServerConnection> bySession = new HashMap<>();
  private final Set<ServerConnection> connections = new LinkedHashSet<>();
  private final java.util.function.LongSupplier monotonicMs;
  private final java.util.function.LongSupplier wallMs;
  private long nextContainerCheckMs;
  private boolean expiryOwner = true;
  private String mode = "standalone";
  private boolean serving = true;
  private Supplier<QuorumFigures> quorum = QuorumFigures::standalone;

  Sessions(
      ServerState state,
      SessionTable table,
      SessionIds ids,
      SessionPasswords passwords,
      Authentication authentication,
      Settings settings,
      java.util.function.LongSupplier monotonicMs,
      java.util.function.LongSupplier wallMs) {
    this.state = state;
    this.table = table;
    this.ids = ids;
    this.passwords = passwords;
    this.authentication = authentication;
    this.settings = settings;
    this.monotonicMs = monotonicMs;
    this.wallMs = wallMs;
    this.nextContainerCheckMs = monotonicMs.getAsLong() + settings.containerCheckIntervalMs();
  }

  int negotiate(int requestedMs) {
    return settings.timeouts().negotiate(requestedMs);
  }

  long newSessionId() {
    return ids.next();
  }

  byte[] password(long sessionId) {
    return passwords.passwordFor(sessionId);
  }

  void received() {
    stats.received();
  }

  void sent(OpCode op, long latencyMs) {
    stats.sent(op, latencyMs);
  }

  /** Notes a new connection (for the figures) and grants its address identity. */
  void opened(ServerConnection conn) {
    if (connections.add(conn)) {
      conn.session.authIds.add(Authentication.ipId(conn.remote().getAddress().getHostAddress()));
    }
  }

  /** A session's creation was applied (on whichever server its client is): track it. */
  void created(long sessionId, int timeoutMs, long nowMs) {
    if (table.lookup(sessionId).isPresent()) {
      return; // restored from storage before its creation was replayed to us
    }
    ErrorCode created = table.create(sessionId, timeoutMs, nowMs);
    if (created != ErrorCode.OK) {
      LOG.log(Level.WARNING, "cannot open session: " + created);
    }
  }

  /** A new session's transaction committed here: bind it to its connection. */
  void established(ServerConnection conn, long sessionId, int timeoutMs, long nowMs) {
    bind(conn, sessionId, timeoutMs);
  }

  /**
   * Whether this server expires sessions and reaps containers (standalone, or the serving leader of
   * an ensemble). A server that takes over gives every session a full timeout from now, as a new
   * ZooKeeper leader does: it has not heard from their clients yet.
   */
  void expiryOwner(boolean owner) {
    if (owner && !expiryOwner) {
      long nowMs = monotonicMs.getAsLong();
      for (SessionTable.Session s : table.all()) {
        table.touch(s.id(), nowMs);
      }
    }
    expiryOwner = owner;
  }

  /** Where the four-letter words read the replication figures (an ensemble member's driver). */
  void quorumFigures(Supplier<QuorumFigures> source) {
    quorum = source;
  }

  /** The replication figures now. */
  QuorumFigures quorumFigures() {
    return quorum.get();
  }

  /**
   * What the four-letter words report as the mode ({@code standalone}, {@code leader}, {@code
   * follower}, {@code observer}) and whether this server serves clients.
   */
  void mode(String value, boolean isServing) {
    mode = value;
    serving = isServing;
  }

  /** Closes every client connection (this member stopped serving); sessions live on. */
  void closeAllConnections(String reason) {
    for (ServerConnection conn : new ArrayList<>(connections)) {
      conn.close(reason);
      detach(conn);
    }
  }

  /** The tree was replaced by a leader's snapshot: the table becomes its sessions. */
  void resetFromTree(long nowMs) {
    for (SessionTable.Session s : table.all()) {
      if (!state.tree().sessions().containsKey(s.id())) {
        table.remove(s.id());
      }
    }
    for (Map.Entry<Long, Integer> e : state.tree().sessions().entrySet()) {
      created(e.getKey(), e.getValue(), nowMs);
    }
  }

  /** Re-attaches a session to a new connection if it is alive and the password matches. */
  boolean reattach(ServerConnection conn, long sessionId, byte[] password, long nowMs) {
    if (!table.acceptsRequests(sessionId)
        || !passwords.matches(sessionId, password)
        || table.touch(sessionId, nowMs) != ErrorCode.OK) {
      return false;
    }
    int timeoutMs = table.lookup(sessionId).map(SessionTable.Session::timeoutMs).orElse(0);
    ServerConnection previous = bySession.get(sessionId);
    if (previous != null && previous != conn) {
      detach(previous);
      previous.close("session 0x" + Long.toHexString(sessionId) + " moved to another connection");
    }
    bind(conn, sessionId, timeoutMs);
    return true;
  }

  private void bind(ServerConnection conn, long sessionId, int timeoutMs) {
    conn.session.sessionId = sessionId;
    conn.session.timeoutMs = timeoutMs;
    conn.session.established = true;
    bySession.put(sessionId, conn);
  }

  /** The connection closed: the session lives on until it expires, its watches do not. */
  void detach(ServerConnection conn) {
    connections.remove(conn);
    long sessionId = conn.session.sessionId;
    if (sessionId != 0 && bySession.get(sessionId) == conn) {
      bySession.remove(sessionId);
      state.watches().removeSession(sessionId);
    }
  }

  /** Renews the session's lease; false if it is expired, closing or unknown. */
  boolean touch(long sessionId, long nowMs) {
    return table.acceptsRequests(sessionId) && table.touch(sessionId, nowMs) == ErrorCode.OK;
  }

  /** Marks a session as closing once its close request is admitted. */
  void closing(long sessionId) {
    table.close(sessionId);
  }

  /** The session's close transaction committed: forget it and close its connection. */
  void closed(long sessionId) {
    table.remove(sessionId);
    state.watches().removeSession(sessionId);
    ServerConnection conn = bySession.remove(sessionId);
    if (conn != null) {
      connections.remove(conn);
      conn.close("session 0x" + Long.toHexString(sessionId) + " closed or expired");
    }
  }

  ServerConnection connectionOf(long sessionId) {
    return bySession.get(sessionId);
  }

  /** Handles an {@code addauth}: OK with the identities added, or AUTH_FAILED. */
  Outcome authenticate(ServerConnection conn, Request.Auth auth) {
    AuthResult result =
        authentication.authenticate(
            auth.scheme(), auth.auth(), conn.remote().getAddress().getHostAddress());
    if (result.error() != ErrorCode.OK) {
      return Outcome.error(result.error());
    }
    for (Id id : result.ids()) {
      if (!conn.session.authIds.contains(id)) {
        conn.session.authIds.add(id);
      }
    }
    return Outcome.ok(null);
  }

  /** Sends watch events to the sessions' current connections. */
  void deliver(List<WatchTable.Delivery> deliveries, long zxid) {
    for (WatchTable.Delivery d : deliveries) {
      ServerConnection target = bySession.get(d.sessionId());
      if (target != null) {
        target.send(
            ServerCodec.encodeNotification(
                zxid,
                new WatcherEvent(
                    d.event().type().code(), d.event().state().code(), d.event().path())));
        stats.sentWithoutLatency();
      }
    }
  }

  /** How long the processor may wait for work before periodic duties are due. */
  long nextTickDelayMs() {
    long now = monotonicMs.getAsLong();
    long next = Math.min(nextContainerCheckMs, now + 1000);
    if (expiryOwner && table.nextExpiryMs().isPresent()) {
      next = Math.min(next, table.nextExpiryMs().getAsLong());
    }
    return Math.max(1, next - now);
  }

  /** Periodic duties: transactions that expire sessions and remove empty containers and TTLs. */
  List<TxnOp> tick() {
    long now = monotonicMs.getAsLong();
    List<TxnOp> ops = new ArrayList<>();
    if (!expiryOwner) {
      return ops; // the leader expires sessions and reaps containers for the ensemble
    }
    for (long sessionId : table.expire(now)) {
      LOG.log(Level.INFO, "Expiring session 0x" + Long.toHexString(sessionId));
      ops.add(new TxnOp.CloseSession(sessionId));
    }
    if (now >= nextContainerCheckMs) {
      nextContainerCheckMs = now + settings.containerCheckIntervalMs();
      for (String path : state.tree().containersToReap()) {
        if (ops.size() >= CLEANUP_BATCH_MAX) {
          break;
        }
        ops.add(new TxnOp.DeleteContainer(path));
      }
      for (String path : state.tree().expiredTtlNodes(wallMs.getAsLong())) {
        if (ops.size() >= CLEANUP_BATCH_MAX) {
          break;
        }
        ops.add(new TxnOp.DeleteContainer(path));
      }
    }
    return ops;
  }

  /** The answer to a four-letter word, as raw bytes. */
  byte[] fourLetterAnswer(String word) {
    String text;
    if (!settings.fourLetterWords().isEnabled(word)) {
      text = word + " is not executed because it is not in the whitelist.\n";
    } else if (!serving && NEEDS_SERVING.contains(word)) {
      // ZooKeeper's answer while a member has no quorum or is syncing (scripts look for it).
      text = "This ZooKeeper instance is not currently serving requests\n";
    } else if (word.equals("srst")) {
      stats.reset();
      text = "Server stats reset.\n";
    } else {
      text = FigureCollector.fourLetterAnswer(word, this, state, settings.describedConfig());
      text = text != null ? text : FourLetterCommands.answer(word, figures());
      if (text == null) {
        text = "Unknown command: " + word + "\n";
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private int ephemeralCount() {
    int count = 0;
    for (long sessionId : state.tree().sessions().keySet()) {
      count += state.tree().ephemeralsOf(sessionId).size();
    }
    return count;
  }

  private FourLetterCommands.Figures figures() {
    List<FourLetterCommands.ConnectionFigures> cons = new ArrayList<>();
    int outstanding = 0;
    for (ServerConnection c : connections) {
      outstanding += c.outstanding();
      cons.add(
          new FourLetterCommands.ConnectionFigures(
              "/" + c.remote().getAddress().getHostAddress() + ":" + c.remote().getPort(),
              c.connectionId(),
              c.outstanding(),
              c.packetsReceived - c.packetsReceivedAtReset,
              c.packetsSent - c.packetsSentAtReset,
              c.session.sessionId,
              c.session.timeoutMs,
              c.openedAtMs()));
    }
    WatchTable.Summary watches = state.watches().summary();
    return new FourLetterCommands.Figures(
        mode,
        state.tree().lastAppliedZxid(),
        state.tree().nodeCount(),
        state.tree().approximateDataBytes(),
        ephemeralCount(),
        (int) watches.watches(),
        watches.paths(),
        watches.sessions(),
        outstanding,
        stats.packetsReceived(),
        stats.packetsSent(),
        stats.latencyMinMs(),
        stats.latencyAvgMs(),
        stats.latencyMaxMs(),
        cons,
        settings.describedConfig(),
        quorum.get());
  }

  // ---- for the admin server and the four-letter words that list details (FigureCollector) ----

  RequestMetrics.Snapshot requestMetrics() {
    return stats.metrics();
  }

  void resetStats() {
    stats.reset();
  }

  /** {@code crst}: packet counts of each connection start again from zero. */
  void resetConnectionStats() {
    for (ServerConnection c : connections) {
      c.packetsReceivedAtReset = c.packetsReceived;
      c.packetsSentAtReset = c.packetsSent;
    }
  }

  /** The figures the four-letter words report, for {@link FigureCollector}. */
  FourLetterCommands.Figures fourLetterFigures() {
    return figures();
  }

  int sessionCount() {
    return table.count();
  }

  /** Open sessions with their expiry on the wall clock (the table keeps monotonic deadlines). */
  List<ServerFigures.Session> sessionFigures() {
    long wallMinusMonotonicMs = wallMs.getAsLong() - monotonicMs.getAsLong();
    List<ServerFigures.Session> out = new ArrayList<>();
    for (SessionTable.Session s : table.all()) {
      out.add(
          new ServerFigures.Session(s.id(), s.timeoutMs(), s.deadlineMs() + wallMinusMonotonicMs));
    }
    return out;
  }
}
