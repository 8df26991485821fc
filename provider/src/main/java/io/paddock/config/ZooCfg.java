package io.paddock.config;

import io.paddock.config.ZooCfgReader.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Loads a {@link ServerConfig} from a zoo.cfg file (Java properties syntax, {@code #} comments).
 *
 * <p>Every invalid value is reported, not just the first, in one {@link ConfigException} whose
 * lines read {@code file:line: key=value: reason}. Unknown keys are never fatal: they come back as
 * {@link ConfigWarning}s for the caller to log, so a zoo.cfg written for ZooKeeper still starts.
 *
 * <p>The text is read by {@link ZooCfgReader} (Apache Commons Configuration, which also resolves
 * {@code ${env:NAME}} and {@code ${sys:name}}); an undefined variable is an error naming its line
 * and key. Messages show a value as written and, when a variable changed it, what it resolved to:
 * {@code zoo.cfg:3: clientPort=${env:PORT} (= abc): not an integer}.
 */
public final class ZooCfg {

  private ZooCfg() {}

  /**
   * A loaded configuration and what was ignored on the way.
   *
   * @param config the configuration
   * @param warnings ignored lines, in file order
   */
  public record Loaded(ServerConfig config, List<ConfigWarning> warnings) {
    public Loaded {
      warnings = List.copyOf(warnings);
    }
  }

  /** A zoo.cfg is a few kB; refusing big files keeps a wrong path from filling the heap. */
  public static final int FILE_BYTES_MAX = 1 << 20;

  /** ZooKeeper keys Paddock does not implement yet: warned about as such, not as typos. */
  static final Set<String> NOT_YET_SUPPORTED =
      Set.of(
          "standaloneEnabled",
          "reconfigEnabled",
          "dynamicConfigFile",
          "electionAlg",
          "secureClientPort",
          "secureClientPortAddress",
          "localSessionsEnabled",
          "localSessionsUpgradingEnabled",
          "quorumListenOnAllIPs",
          "syncEnabled",
          "maxCnxns",
          "cnxTimeout",
          "snapSizeLimitInKb",
          "txnLogSizeLimitInKb");

  private static final List<String> NOT_YET_SUPPORTED_PREFIXES =
      List.of("group.", "weight.", "admin.", "metricsProvider.", "ssl.", "sslQuorum.", "audit.");

  /**
   * Reads and parses {@code file} (UTF-8, at most {@link #FILE_BYTES_MAX} bytes). Messages name the
   * file as given.
   *
   * @throws ConfigException if the file cannot be read or holds invalid values
   */
  public static Loaded load(Path file) {
    String source = file.toString();
    String text;
    try {
      long size = Files.size(file);
      if (size > FILE_BYTES_MAX) {
        throw new ConfigException(
            List.of(source + ": " + size + " bytes, more than the " + FILE_BYTES_MAX + " allowed"));
      }
      byte[] bytes = Files.readAllBytes(file);
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(source + ": not valid UTF-8"));
    } catch (IOException e) {
      throw new ConfigException(List.of(source + ": cannot read: " + e));
    }
    return parse(source, text);
  }

  /**
   * Parses zoo.cfg text; {@code source} names it in messages.
   *
   * @throws ConfigException listing every invalid value, in file order
   */
  public static Loaded parse(String source, String text) {
    return parse(source, text, ZooCfg::readMyidFile);
  }

  /** As {@link #parse(String, String)}, with the way to read the myid file of a dataDir. */
  static Loaded parse(String source, String text, Function<Path, String> myidReader) {
    List<Located> errors = new ArrayList<>();
    List<ConfigWarning> warnings = new ArrayList<>();
    Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    Map<String, String> serverLines = new TreeMap<>();
    Map<String, Entry> where = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Entry e : ZooCfgReader.read(text)) {
      if (e.problem() != null) {
        errors.add(new Located(e.line(), at(source, e, e.problem())));
        seen.put(e.key(), e.line());
        continue;
      }
      Integer earlier = seen.put(e.key(), e.line());
      if (earlier != null) {
        warnings.add(warning(source, e, "repeats line " + earlier + "; the later value wins"));
      }
      if (ConfigKeys.isServerKey(e.key())) {
        serverLines.put(e.key(), e.value());
        where.put(e.key(), e);
        continue;
      }
      Optional<ConfigKey<?>> key = ConfigKeys.byName(e.key());
      if (key.isEmpty()) {
        warnings.add(warning(source, e, unknownReason(e.key())));
        continue;
      }
      try {
        values.put(key.get(), key.get().parse(e.value()));
        where.put(e.key(), e);
      } catch (IllegalArgumentException ex) {
        errors.add(new Located(e.line(), at(source, e, ex.getMessage())));
      }
    }
    String myidFile = null;
    if (errors.isEmpty() && !serverLines.isEmpty() && values.containsKey(ConfigKeys.DATA_DIR)) {
      Path dataDir = ConfigKeys.DATA_DIR.cast(values.get(ConfigKeys.DATA_DIR));
      try {
        myidFile = myidReader.apply(dataDir);
      } catch (ConfigException e) {
        e.problems().forEach(p -> errors.add(new Located(Integer.MAX_VALUE, p)));
      }
    }
    ServerConfig.Checked checked = ServerConfig.check(values, serverLines, myidFile);
    for (ServerConfig.Problem p : checked.problems()) {
      Entry e = where.get(p.key().name());
      if (e != null) {
        errors.add(new Located(e.line(), at(source, e, p.reason())));
      } else if (!seen.containsKey(p.key().name())) {
        // (A key written but invalid, e.g. "required" after "not a valid path", is said already.)
        errors.add(new Located(Integer.MAX_VALUE, source + ": " + p.key() + ": " + p.reason()));
      }
    }
    if (checked.ensemble() != null) {
      for (EnsembleSettings.Note n : checked.ensemble().errors()) {
        errors.add(located(source, where, n));
      }
      for (EnsembleSettings.Note n : checked.ensemble().warnings()) {
        Entry e = n.keyName() == null ? null : where.get(n.keyName());
        warnings.add(
            e == null
                ? new ConfigWarning(source, 0, "", "", n.message())
                : warning(source, e, afterKeyValue(n.message(), e)));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(Located::line)); // stable: same line keeps its order
      throw new ConfigException(errors.stream().map(Located::message).toList());
    }
    ServerConfig.Builder b =
        ServerConfig.builder(ConfigKeys.DATA_DIR.cast(values.get(ConfigKeys.DATA_DIR)));
    values.forEach((k, v) -> setUnchecked(b, k, v));
    serverLines.forEach(b::serverLine);
    b.myidFile(myidFile);
    return new Loaded(b.build(), warnings);
  }

  /** The myid file holds a few digits; anything near this size is not a myid file. */
  private static final int MYID_FILE_BYTES_MAX = 64;

  /** The content of {@code dataDir/myid}, or null when there is none. */
  private static String readMyidFile(Path dataDir) {
    Path file = dataDir.resolve("myid");
    try {
      if (!Files.exists(file)) {
        return null;
      }
      if (Files.size(file) > MYID_FILE_BYTES_MAX) {
        throw new ConfigException(
            List.of(file + ": more than " + MYID_FILE_BYTES_MAX + " bytes, not a myid file"));
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(List.of(file + ": cannot read: " + e));
    }
  }

  private static Located located(String source, Map<String, Entry> where, EnsembleSettings.Note n) {
    Entry e = n.keyName() == null ? null : where.get(n.keyName());
    if (e == null) {
      return new Located(Integer.MAX_VALUE, source + ": " + n.message());
    }
    return new Located(e.line(), source + ":" + e.line() + ": " + n.message());
  }

  /** The reason part of a parser message {@code key=value: reason}. */
  private static String afterKeyValue(String message, Entry e) {
    String prefix = e.key() + "=" + e.value() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private record Located(int line, String message) {}

  private static <T> void setUnchecked(ServerConfig.Builder b, ConfigKey<T> key, Object value) {
    b.set(key, key.cast(value));
  }

  private static String at(String source, Entry e, String reason) {
    return source + ":" + e.line() + ": " + e.keyValue() + ": " + reason;
  }

  private static ConfigWarning warning(String source, Entry e, String reason) {
    return new ConfigWarning(source, e.line(), e.key(), e.value(), reason);
  }

  private static String unknownReason(String key) {
    boolean zooKeeperKey =
        NOT_YET_SUPPORTED.contains(key)
            || NOT_YET_SUPPORTED_PREFIXES.stream().anyMatch(key::startsWith);
    return zooKeeperKey
        ? "ZooKeeper key not supported by Paddock yet, ignored"
        : "unknown key, ignored";
  }
}
