package io.paddock.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text answers of the four-letter words that list watches, sessions and directory sizes ({@code
 * wchc}, {@code wchp}, {@code dump}, {@code dirs}), in ZooKeeper's layouts: session ids in hex with
 * {@code 0x}, one tab before each listed item. Pure: renders a snapshot.
 */
public final class FourLetterText {
  private FourLetterText() {}

  /** {@code wchc}: each watching session, then the paths it watches. */
  public static String watchesBySession(ServerFigures.Details d) {
    StringBuilder sb = new StringBuilder();
    d.watchesBySession()
        .forEach(
            (session, paths) -> {
              sb.append(hex(session)).append('\n');
              paths.forEach(p -> sb.append('\t').append(p).append('\n'));
            });
    return truncationNote(sb, d).toString();
  }

  /** {@code wchp}: each watched path, then the sessions watching it. */
  public static String watchesByPath(ServerFigures.Details d) {
    StringBuilder sb = new StringBuilder();
    d.watchesByPath()
        .forEach(
            (path, sessions) -> {
              sb.append(path).append('\n');
              sessions.forEach(s -> sb.append('\t').append(hex(s)).append('\n'));
            });
    return truncationNote(sb, d).toString();
  }

  /** {@code dump}: sessions grouped by expiry time, then each session's ephemeral nodes. */
  public static String dump(ServerFigures.Details d) {
    SortedMap<Long, List<Long>> byExpiry = expiryGroups(d.sessions());
    StringBuilder sb = new StringBuilder("SessionTracker dump:\n");
    sb.append("Session Sets (")
        .append(byExpiry.size())
        .append(")/(")
        .append(d.sessions().size())
        .append("):\n");
    byExpiry.forEach(
        (expiresAtMs, ids) -> {
          sb.append(ids.size()).append(" expire at ").append(Instant.ofEpochMilli(expiresAtMs));
          sb.append(":\n");
          ids.forEach(id -> sb.append('\t').append(hex(id)).append('\n'));
        });
    sb.append("ephemeral nodes dump:\n");
    sb.append("Sessions with Ephemerals (").append(d.ephemeralsBySession().size()).append("):\n");
    d.ephemeralsBySession()
        .forEach(
            (session, paths) -> {
              sb.append(hex(session)).append(":\n");
              paths.forEach(p -> sb.append('\t').append(p).append('\n'));
            });
    return truncationNote(sb, d).toString();
  }

  /** {@code dirs}: bytes under the data (snapshot) and log directories. */
  public static String dirs(long dataDirBytes, long logDirBytes) {
    return "datadir_size: " + dataDirBytes + "\nlogdir_size: " + logDirBytes + "\n";
  }

  /** Session ids per expiry time (wall-clock ms), both sorted. */
  static SortedMap<Long, List<Long>> expiryGroups(List<ServerFigures.Session> sessions) {
    SortedMap<Long, List<Long>> out = new TreeMap<>();
    for (ServerFigures.Session s : sessions) {
      out.computeIfAbsent(s.expiresAtWallMs(), k -> new java.util.ArrayList<>()).add(s.sessionId());
    }
    for (Map.Entry<Long, List<Long>> e : out.entrySet()) {
      e.getValue().sort(null);
    }
    return out;
  }

  static String hex(long sessionId) {
    return "0x" + Long.toHexString(sessionId);
  }

  private static StringBuilder truncationNote(StringBuilder sb, ServerFigures.Details d) {
    if (d.truncated()) {
      sb.append("(listing truncated at ")
          .append(ServerFigures.Details.ITEMS_MAX)
          .append(" items)\n");
    }
    return sb;
  }
}
