package io.paddock.server;

import io.paddock.admin.DirSizes;
import io.paddock.admin.FourLetterText;
import io.paddock.admin.QuorumFigures;
import io.paddock.admin.ServerFigures;
import io.paddock.admin.ServerFigures.Detail;
import io.paddock.admin.ServerFigures.Details;
import io.paddock.admin.StorageMetrics;
import io.paddock.config.ConfigKeys;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes {@link ServerFigures} snapshots of the processor's state, and answers the four-letter words
 * that list details ({@code wchc}, {@code wchp}, {@code dump}, {@code dirs}) and {@code crst}.
 * Processor thread only: it reads the tree, the watch table and the sessions directly.
 */
final class FigureCollector {
  private static final System.Logger LOG = System.getLogger(FigureCollector.class.getName());

  private FigureCollector() {}

  /** A snapshot with the {@code wanted} details. */
  static ServerFigures collect(
      Sessions sessions,
      ServerState state,
      int serverId,
      long startedAtWallMs,
      long nowWallMs,
      StorageMetrics.Snapshot storage,
      QuorumFigures quorum,
      Set<Detail> wanted) {
    FourLetterCommands.Figures f = sessions.fourLetterFigures();
    List<ServerFigures.Connection> connections = new ArrayList<>(f.connections().size());
    for (FourLetterCommands.ConnectionFigures c : f.connections()) {
      connections.add(
          new ServerFigures.Connection(
              c.remote(),
              c.connectionId(),
              c.queued(),
              c.received(),
              c.sent(),
              c.sessionId(),
              c.timeoutMs(),
              c.establishedAtMs()));
    }
    return new ServerFigures(
        FourLetterCommands.VERSION,
        f.mode(),
        serverId,
        f.lastZxid(),
        startedAtWallMs,
        nowWallMs,
        f.nodeCount(),
        f.approximateDataBytes(),
        f.ephemeralCount(),
        state.watches().summary().watches(), // the long count; Figures narrows it to int
        f.watchedPaths(),
        f.watchingSessions(),
        sessions.sessionCount(),
        f.outstanding(),
        f.packetsReceived(),
        f.packetsSent(),
        f.latencyMinMs(),
        f.latencyAvgMs(),
        f.latencyMaxMs(),
        connections,
        sessions.requestMetrics(),
        storage,
        quorum,
        details(sessions, state, wanted));
  }

  /** The detail parts asked for, each bounded by {@link Details#ITEMS_MAX}. */
  static Details details(Sessions sessions, ServerState state, Set<Detail> wanted) {
    if (wanted.isEmpty()) {
      return Details.NONE;
    }
    boolean complete = true;
    SortedMap<Long, List<String>> bySession = new TreeMap<>();
    if (wanted.contains(Detail.WATCHES_BY_SESSION)) {
      complete = Details.copyBounded(state.watches().dumpBySession(), bySession);
    }
    SortedMap<String, List<Long>> byPath = new TreeMap<>();
    if (wanted.contains(Detail.WATCHES_BY_PATH)) {
      complete &= Details.copyBounded(state.watches().dumpByPath(), byPath);
    }
    List<ServerFigures.Session> open = List.of();
    SortedMap<Long, List<String>> ephemerals = new TreeMap<>();
    if (wanted.contains(Detail.SESSIONS)) {
      open = sessions.sessionFigures();
      if (open.size() > Details.ITEMS_MAX) {
        open = open.subList(0, Details.ITEMS_MAX);
        complete = false;
      }
      // Owners from both the session table and the tree: they agree unless a close is in flight.
      Set<Long> owners = new TreeSet<>(state.tree().sessions().keySet());
      open.forEach(s -> owners.add(s.sessionId()));
      SortedMap<Long, List<String>> all = new TreeMap<>();
      for (long owner : owners) {
        List<String> paths = state.tree().ephemerals(owner, "/");
        if (!paths.isEmpty()) {
          all.put(owner, paths);
        }
      }
      complete &= Details.copyBounded(all, ephemerals);
    }
    return new Details(bySession, byPath, open, ephemerals, !complete);
  }

  /**
   * The answer to a four-letter word handled here, or null for the others. The caller has checked
   * the whitelist. A failure while rendering is answered and logged rather than thrown: these words
   * only read state, so a bug in them must not stop the processor (and the server).
   */
  static String fourLetterAnswer(
      String word, Sessions sessions, ServerState state, Map<String, String> describedConfig) {
    try {
      return answer(word, sessions, state, describedConfig);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "four-letter word " + word + " failed", e);
      return "Error: " + word + " failed: " + e + "\n";
    }
  }

  private static String answer(
      String word, Sessions sessions, ServerState state, Map<String, String> describedConfig) {
    return switch (word) {
      case "wchc" ->
          FourLetterText.watchesBySession(
              details(sessions, state, EnumSet.of(Detail.WATCHES_BY_SESSION)));
      case "wchp" ->
          FourLetterText.watchesByPath(
              details(sessions, state, EnumSet.of(Detail.WATCHES_BY_PATH)));
      case "dump" -> FourLetterText.dump(details(sessions, state, EnumSet.of(Detail.SESSIONS)));
      case "dirs" ->
          // describe() always holds both, dataLogDir resolved to dataDir when unset.
          FourLetterText.dirs(
              DirSizes.bytesUnder(Path.of(describedConfig.get(ConfigKeys.DATA_DIR.name()))),
              DirSizes.bytesUnder(Path.of(describedConfig.get(ConfigKeys.DATA_LOG_DIR.name()))));
      case "crst" -> {
        sessions.resetConnectionStats();
        yield "Connection stats reset.\n";
      }
      default -> null;
    };
  }
}
