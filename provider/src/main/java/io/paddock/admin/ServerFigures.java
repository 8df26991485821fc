package io.paddock.admin;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of a server's figures, taken on the thread that owns the state (the
 * processor) and then rendered on any thread as JSON, Prometheus text or four-letter-word text.
 *
 * @param version the version string the server reports
 * @param mode {@code standalone}, {@code leader}, {@code follower}...
 * @param serverId this server's id
 * @param lastZxid the last applied transaction
 * @param startedAtWallMs when the server started, wall-clock ms
 * @param takenAtWallMs when this snapshot was taken, wall-clock ms
 * @param nodeCount znodes, the root and reserved nodes included
 * @param approximateDataBytes data plus path bytes of every znode
 * @param ephemeralCount ephemeral znodes
 * @param watchCount watch registrations
 * @param watchedPaths distinct watched paths
 * @param watchingSessions sessions with at least one watch
 * @param sessionCount open sessions
 * @param outstanding requests received and not yet answered
 * @param packetsReceived requests received since start or the last {@code srst}
 * @param packetsSent packets sent since start or the last {@code srst}
 * @param latencyMinMs request latency since start or the last {@code srst}
 * @param latencyAvgMs likewise
 * @param latencyMaxMs likewise
 * @param connections the open client connections
 * @param requests the never-reset per-op metrics
 * @param storage log sync and snapshot figures
 * @param quorum replication figures ({@link QuorumFigures#standalone()} for a standalone server)
 * @param details what was asked for of the O(watches) / O(sessions) parts
 */
public record ServerFigures(
    String version,
    String mode,
    int serverId,
    long lastZxid,
    long startedAtWallMs,
    long takenAtWallMs,
    int nodeCount,
    long approximateDataBytes,
    int ephemeralCount,
    long watchCount,
    int watchedPaths,
    int watchingSessions,
    int sessionCount,
    int outstanding,
    long packetsReceived,
    long packetsSent,
    long latencyMinMs,
    double latencyAvgMs,
    long latencyMaxMs,
    List<Connection> connections,
    RequestMetrics.Snapshot requests,
    StorageMetrics.Snapshot storage,
    QuorumFigures quorum,
    Details details) {

  public ServerFigures {
    connections = List.copyOf(connections);
  }

  /** The parts that cost time proportional to watches or sessions: gathered only on request. */
  public enum Detail {
    /** Watched paths per session ({@code wchc}). */
    WATCHES_BY_SESSION,
    /** Watching sessions per path ({@code wchp}). */
    WATCHES_BY_PATH,
    /** Sessions with their expiry and ephemeral nodes ({@code dump}). */
    SESSIONS
  }

  /**
   * One client connection.
   *
   * @param remote the client's address as ZooKeeper prints it, {@code /127.0.0.1:53412}
   * @param connectionId this server's number for the connection
   * @param outstanding requests received and not yet answered
   * @param packetsReceived packets since the connection opened or the last {@code crst}
   * @param packetsSent likewise
   * @param sessionId the session, 0 before the handshake completes
   * @param sessionTimeoutMs the negotiated timeout, 0 before the handshake completes
   * @param establishedAtWallMs when the connection was accepted
   */
  public record Connection(
      String remote,
      long connectionId,
      int outstanding,
      long packetsReceived,
      long packetsSent,
      long sessionId,
      int sessionTimeoutMs,
      long establishedAtWallMs) {}

  /**
   * One open session.
   *
   * @param sessionId the id
   * @param timeoutMs the negotiated timeout
   * @param expiresAtWallMs when it expires unless the client is heard from, wall-clock ms
   */
  public record Session(long sessionId, int timeoutMs, long expiresAtWallMs) {}

  /**
   * The detail parts; each is empty unless asked for. Each listing stops after {@link #ITEMS_MAX}
   * items (paths or session ids) so one answer stays a bounded size; {@code truncated} says so.
   *
   * @param watchesBySession session id to the paths it watches, sorted
   * @param watchesByPath path to the sessions watching it, sorted
   * @param sessions open sessions, by id
   * @param ephemeralsBySession session id to its ephemeral nodes, sorted
   * @param truncated whether a listing was cut at {@link #ITEMS_MAX}
   */
  public record Details(
      SortedMap<Long, List<String>> watchesBySession,
      SortedMap<String, List<Long>> watchesByPath,
      List<Session> sessions,
      SortedMap<Long, List<String>> ephemeralsBySession,
      boolean truncated) {

    /** Items (paths, ids) one listing holds at most. */
    public static final int ITEMS_MAX = 100_000;

    /** No details. */
    public static final Details NONE =
        new Details(new TreeMap<>(), new TreeMap<>(), List.of(), new TreeMap<>(), false);

    public Details {
      watchesBySession = Collections.unmodifiableSortedMap(new TreeMap<>(watchesBySession));
      watchesByPath = Collections.unmodifiableSortedMap(new TreeMap<>(watchesByPath));
      sessions = List.copyOf(sessions);
      ephemeralsBySession = Collections.unmodifiableSortedMap(new TreeMap<>(ephemeralsBySession));
    }

    /**
     * Copies {@code source} into a sorted map, keeping at most {@link #ITEMS_MAX} items in all.
     * Returns whether everything fit.
     */
    public static <K, V> boolean copyBounded(Map<K, List<V>> source, SortedMap<K, List<V>> target) {
      int items = 0;
      for (Map.Entry<K, List<V>> e : source.entrySet()) {
        int room = ITEMS_MAX - items;
        if (room <= 0) {
          return false;
        }
        List<V> values = e.getValue();
        if (values.size() > room) {
          target.put(e.getKey(), List.copyOf(values.subList(0, room)));
          return false;
        }
        target.put(e.getKey(), List.copyOf(values));
        items += values.size();
      }
      return true;
    }
  }
}
