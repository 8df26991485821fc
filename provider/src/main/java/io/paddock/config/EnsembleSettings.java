package io.paddock.config;

import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.EnsembleConfigException;
import io.paddock.quorum.config.EnsembleConfigParser;
import io.paddock.quorum.config.PeerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the typed ensemble keys plus the raw {@code server.N} lines into an {@link EnsembleConfig}
 * through {@link EnsembleConfigParser}, the one parser of those lines, and maps its messages back
 * to the key each one is about (so that a file loader can name the line).
 */
final class EnsembleSettings {

  private EnsembleSettings() {}

  /**
   * A message about the ensemble.
   *
   * @param keyName the key it is about (to find its line), or null when no single key is at fault
   * @param message complete, normally {@code key=value: reason}
   */
  record Note(String keyName, String message) {}

  /**
   * The outcome.
   *
   * @param config the ensemble, or null when there are errors
   * @param errors what is wrong
   * @param warnings what works but is probably not what was meant
   */
  record Resolved(EnsembleConfig config, List<Note> errors, List<Note> warnings) {
    Resolved {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Resolves the ensemble.
   *
   * @param explicit typed values, already valid one by one
   * @param serverLines {@code server.N} key to its text
   * @param myidFile the content of dataDir's {@code myid} file, or null
   */
  static Resolved resolve(
      Map<ConfigKey<?>, Object> explicit, Map<String, String> serverLines, String myidFile) {
    Map<String, String> props = new TreeMap<>(serverLines);
    // initLimit/syncLimit always go in: their registry defaults are ZooKeeper's sample values.
    props.put(ConfigKeys.INIT_LIMIT.name(), String.valueOf(value(explicit, ConfigKeys.INIT_LIMIT)));
    props.put(ConfigKeys.SYNC_LIMIT.name(), String.valueOf(value(explicit, ConfigKeys.SYNC_LIMIT)));
    Object peerType = explicit.get(ConfigKeys.PEER_TYPE);
    if (peerType != null) {
      props.put(ConfigKeys.PEER_TYPE.name(), ((PeerType) peerType).configName());
    }
    Object myId = explicit.get(ConfigKeys.MY_ID);
    if (myId != null) {
      props.put(ConfigKeys.MY_ID.name(), String.valueOf(myId));
    }
    try {
      EnsembleConfigParser.Parsed parsed = EnsembleConfigParser.parse(props, myidFile);
      return new Resolved(parsed.config(), List.of(), notes(parsed.warnings(), props));
    } catch (EnsembleConfigException e) {
      return new Resolved(null, notes(e.errors(), props), List.of());
    }
  }

  private static <T> T value(Map<ConfigKey<?>, Object> explicit, ConfigKey<T> key) {
    Object v = explicit.get(key);
    return v != null ? key.cast(v) : key.defaultValue().orElseThrow();
  }

  /**
   * The parser starts a message about one key with {@code key=}; the longest matching key wins
   * ({@code server.10} over {@code server.1}).
   */
  private static List<Note> notes(List<String> messages, Map<String, String> props) {
    List<Note> out = new ArrayList<>();
    for (String m : messages) {
      String best = null;
      for (String key : props.keySet()) {
        if (m.startsWith(key + "=") && (best == null || key.length() > best.length())) {
          best = key;
        }
      }
      out.add(new Note(best, m));
    }
    return out;
  }
}
