package io.paddock.config;

import io.paddock.quorum.config.EnsembleConfig;
import io.paddock.quorum.config.ServerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every server setting, typed, validated and immutable. Build one in code with {@link
 * #builder(Path)} (embedding, tests: no file needed) or from a zoo.cfg with {@link ZooCfg}. The
 * keys, their defaults and docs are declared in {@link ConfigKeys}; this class holds the values
 * that were set explicitly and answers the defaults for the rest.
 *
 * <p>The ensemble ({@code server.N}, {@code myid}, {@code initLimit}, {@code syncLimit}, {@code
 * peerType}) is resolved once, when the configuration is built, by {@link
 * io.paddock.quorum.config.EnsembleConfigParser}; {@link #ensemble()} returns the result.
 */
public final class ServerConfig {

  /** A problem found by {@link #validate}; the caller adds where it came from. */
  record Problem(ConfigKey<?> key, Object value, String reason) {}

  /**
   * Everything a set of values gets wrong, and the ensemble when nothing is.
   *
   * @param problems invalid values, one key each
   * @param ensemble the ensemble resolution; null when {@code problems} is not empty (the parser
   *     would repeat them)
   */
  record Checked(List<Problem> problems, EnsembleSettings.Resolved ensemble) {
    boolean ok() {
      return problems.isEmpty() && ensemble != null && ensemble.errors().isEmpty();
    }
  }

  private final Map<ConfigKey<?>, Object> explicit;
  private final SortedMap<String, String> serverLines;
  private final EnsembleConfig ensemble;
  private final List<String> ensembleWarnings;

  private ServerConfig(
      Map<ConfigKey<?>, Object> explicit,
      Map<String, String> serverLines,
      EnsembleSettings.Resolved resolved) {
    this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    this.serverLines = Collections.unmodifiableSortedMap(new TreeMap<>(serverLines));
    this.ensemble = resolved.config();
    this.ensembleWarnings =
        resolved.warnings().stream().map(EnsembleSettings.Note::message).toList();
  }

  /** A builder with every default and the one required value, {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder().set(ConfigKeys.DATA_DIR, Objects.requireNonNull(dataDir, "dataDir"));
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(explicit);
    b.serverLines.putAll(serverLines);
    if (!serverLines.isEmpty() && !explicit.containsKey(ConfigKeys.MY_ID)) {
      // The id may have come from the myid file; keep it without reading the file again.
      b.values.put(ConfigKeys.MY_ID, ensemble.myId());
    }
    return b;
  }

  /**
   * The value of {@code key}: the explicit one, else the default.
   *
   * @throws IllegalArgumentException for an optional key without value; use {@link #find}
   */
  public <T> T get(ConfigKey<T> key) {
    return find(key)
        .orElseThrow(
            () -> new IllegalArgumentException(key.name() + " has no value and no default"));
  }

  /** The value of {@code key}, if set or defaulted. */
  public <T> Optional<T> find(ConfigKey<T> key) {
    Object v = explicit.get(key);
    return v != null ? Optional.of(key.cast(v)) : key.defaultValue();
  }

  /** Whether {@code key} was set explicitly (in the file or the builder). */
  public boolean isSet(ConfigKey<?> key) {
    return explicit.containsKey(key);
  }

  public int tickTimeMs() {
    return get(ConfigKeys.TICK_TIME);
  }

  public Path dataDir() {
    return get(ConfigKeys.DATA_DIR);
  }

  /** {@code dataLogDir}, defaulting to {@link #dataDir()}. */
  public Path dataLogDir() {
    return find(ConfigKeys.DATA_LOG_DIR).orElse(dataDir());
  }

  /**
   * The client port: {@code clientPort}, else the one this member's {@code server.N} line gives
   * after its semicolon (ZooKeeper's dynamic-config form), else the default.
   */
  public int clientPort() {
    ServerSpec me = isSet(ConfigKeys.CLIENT_PORT) || ensemble.standalone() ? null : ensemble.me();
    return me != null && me.clientPort() > 0 ? me.clientPort() : get(ConfigKeys.CLIENT_PORT);
  }

  /** The client address, taken like {@link #clientPort()}. */
  public String clientPortAddress() {
    ServerSpec me =
        isSet(ConfigKeys.CLIENT_PORT_ADDRESS) || ensemble.standalone() ? null : ensemble.me();
    return me != null && me.clientHost() != null
        ? me.clientHost()
        : get(ConfigKeys.CLIENT_PORT_ADDRESS);
  }

  /** Per-IP connection limit; 0 means none. */
  public int maxClientCnxns() {
    return get(ConfigKeys.MAX_CLIENT_CNXNS);
  }

  /** The effective minimum session timeout (-1 resolved to 2 × tickTime). */
  public int minSessionTimeoutMs() {
    return resolveMin(get(ConfigKeys.MIN_SESSION_TIMEOUT), tickTimeMs());
  }

  /** The effective maximum session timeout (-1 resolved to 20 × tickTime). */
  public int maxSessionTimeoutMs() {
    return resolveMax(get(ConfigKeys.MAX_SESSION_TIMEOUT), tickTimeMs());
  }

  public int juteMaxBufferBytes() {
    return get(ConfigKeys.JUTE_MAX_BUFFER);
  }

  public FourLetterWords fourLetterWords() {
    return get(ConfigKeys.FOUR_LETTER_WORDS);
  }

  /** {@code user:digest} of the super user, if configured. */
  public Optional<String> superDigest() {
    return find(ConfigKeys.SUPER_DIGEST);
  }

  /**
   * The id in the top byte of session ids: {@code serverId} when set, else in an ensemble the
   * {@code myid} (so two members never hand out the same session id), else the default.
   */
  public int serverId() {
    if (!isSet(ConfigKeys.SERVER_ID) && !ensemble.standalone()) {
      return (int) ensemble.myId(); // checked <= 254 when built
    }
    return get(ConfigKeys.SERVER_ID);
  }

  /**
   * The ensemble: {@link EnsembleConfig#standalone()} when there are no {@code server.N} lines.
   * {@link EnsembleConfig#initLimitTicks()} and {@link EnsembleConfig#syncLimitTicks()} are in
   * tickTime units; see {@link #quorumTicks(int)}.
   */
  public EnsembleConfig ensemble() {
    return ensemble;
  }

  /** Things about the ensemble that work but are probably not meant (an even participant count). */
  public List<String> ensembleWarnings() {
    return ensembleWarnings;
  }

  /** Whether the leader accepts client connections. */
  public boolean leaderServes() {
    return get(ConfigKeys.LEADER_SERVES);
  }

  /**
   * The replication core's tick (heartbeats, election re-sends). When not set, the default capped
   * at tickTime, so that a short tickTime alone is never an error.
   */
  public int quorumTickMs() {
    int ms = get(ConfigKeys.QUORUM_TICK_MS);
    return isSet(ConfigKeys.QUORUM_TICK_MS) ? ms : Math.min(ms, tickTimeMs());
  }

  /**
   * Converts a ZooKeeper limit in tickTime units ({@code initLimit}, {@code syncLimit}) to quorum
   * ticks, rounding up so that a limit is never shorter than configured.
   */
  public int quorumTicks(int tickTimeTicks) {
    long ms = (long) tickTimeTicks * tickTimeMs();
    long ticks = (ms + quorumTickMs() - 1) / quorumTickMs();
    return (int) Math.min(Integer.MAX_VALUE, ticks);
  }

  public int globalOutstandingLimit() {
    return get(ConfigKeys.GLOBAL_OUTSTANDING_LIMIT);
  }

  public long containerCheckIntervalMs() {
    return get(ConfigKeys.CONTAINER_CHECK_INTERVAL);
  }

  public long containerMaxNeverUsedIntervalMs() {
    return get(ConfigKeys.CONTAINER_MAX_NEVER_USED_INTERVAL);
  }

  public int maxWatchesPerSession() {
    return get(ConfigKeys.MAX_WATCHES_PER_SESSION);
  }

  public boolean enforceQuota() {
    return get(ConfigKeys.ENFORCE_QUOTA);
  }

  /** Transactions between background snapshots. */
  public int snapCount() {
    return get(ConfigKeys.SNAP_COUNT);
  }

  /** Snapshots the purge keeps. */
  public int snapRetainCount() {
    return get(ConfigKeys.AUTOPURGE_SNAP_RETAIN_COUNT);
  }

  /** Hours between purges; 0 means never. */
  public int purgeIntervalHours() {
    return get(ConfigKeys.AUTOPURGE_PURGE_INTERVAL);
  }

  /** Whether the log is synced to the device before writes are acknowledged. */
  public boolean forceSync() {
    return get(ConfigKeys.FORCE_SYNC);
  }

  /** Whether a graceful stop first snapshots what was logged after the newest snapshot. */
  public boolean snapshotOnShutdown() {
    return get(ConfigKeys.SNAPSHOT_ON_SHUTDOWN);
  }

  /** Log preallocation step in bytes (the key is in KB). */
  public long preAllocBytes() {
    return get(ConfigKeys.PRE_ALLOC_SIZE) * 1024;
  }

  /**
   * Every key with its effective value as zoo.cfg would spell it, in {@link ConfigKeys#ALL} order
   * (for the {@code conf} command and startup logs). Derived values are shown resolved; {@code
   * superDigest} is masked; unset optional keys are left out.
   */
  public Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      find(key).ifPresent(v -> out.put(key.name(), String.valueOf(v)));
    }
    out.put(ConfigKeys.DATA_LOG_DIR.name(), dataLogDir().toString());
    out.put(ConfigKeys.MIN_SESSION_TIMEOUT.name(), Integer.toString(minSessionTimeoutMs()));
    out.put(ConfigKeys.MAX_SESSION_TIMEOUT.name(), Integer.toString(maxSessionTimeoutMs()));
    out.putAll(serverLines);
    if (!ensemble.standalone()) {
      out.put(ConfigKeys.MY_ID.name(), Long.toString(ensemble.myId()));
      out.put(ConfigKeys.SERVER_ID.name(), Integer.toString(serverId()));
    }
    if (out.containsKey(ConfigKeys.SUPER_DIGEST.name())) {
      // The digest is a password hash: do not hand it to anyone who can type "conf".
      out.put(ConfigKeys.SUPER_DIGEST.name(), "********");
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerConfig other
        && explicit.equals(other.explicit)
        && serverLines.equals(other.serverLines)
        && ensemble.equals(other.ensemble);
  }

  @Override
  public int hashCode() {
    return Objects.hash(explicit, serverLines, ensemble);
  }

  @Override
  public String toString() {
    return "ServerConfig" + describe();
  }

  private static int resolveMin(int minMs, int tickTimeMs) {
    return minMs == -1 ? 2 * tickTimeMs : minMs;
  }

  private static int resolveMax(int maxMs, int tickTimeMs) {
    return maxMs == -1 ? 20 * tickTimeMs : maxMs;
  }

  /**
   * Every problem with a set of explicit values: each value against its key, then the rules that
   * span keys. Shared by the builder and {@link ZooCfg}, so both reject the same things.
   */
  static List<Problem> validate(Map<ConfigKey<?>, Object> explicit) {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<ConfigKey<?>, Object> e : explicit.entrySet()) {
      String reason = checkOne(e.getKey(), e.getValue());
      if (reason != null) {
        problems.add(new Problem(e.getKey(), e.getValue(), reason));
      }
    }
    if (!explicit.containsKey(ConfigKeys.DATA_DIR)) {
      problems.add(new Problem(ConfigKeys.DATA_DIR, null, "required"));
    }
    if (problems.isEmpty()) {
      checkSessionTimeouts(explicit, problems);
      checkQuorumTick(explicit, problems);
    }
    return problems;
  }

  /**
   * {@link #validate} plus the ensemble, which is only resolved when every value is valid on its
   * own (an invalid initLimit would otherwise be reported twice).
   */
  static Checked check(
      Map<ConfigKey<?>, Object> explicit, Map<String, String> serverLines, String myidFile) {
    List<Problem> problems = validate(explicit);
    for (Map.Entry<String, String> line : serverLines.entrySet()) {
      String reason = ConfigKeys.SERVER.problemWith(line.getValue());
      if (reason != null) {
        problems.add(new Problem(ConfigKeys.SERVER, line.getValue(), reason));
      }
    }
    if (!problems.isEmpty()) {
      return new Checked(problems, null);
    }
    EnsembleSettings.Resolved resolved = EnsembleSettings.resolve(explicit, serverLines, myidFile);
    if (resolved.errors().isEmpty() && !resolved.config().standalone()) {
      checkSessionIdByte(explicit, resolved, problems);
    }
    return new Checked(problems, resolved);
  }

  /** Session ids carry the server id in their top byte: 1..254 as in ZooKeeper. */
  private static final long SESSION_ID_BYTE_MAX = 254;

  private static void checkSessionIdByte(
      Map<ConfigKey<?>, Object> explicit,
      EnsembleSettings.Resolved resolved,
      List<Problem> problems) {
    long myId = resolved.config().myId();
    if (!explicit.containsKey(ConfigKeys.SERVER_ID) && myId > SESSION_ID_BYTE_MAX) {
      problems.add(
          new Problem(
              ConfigKeys.MY_ID,
              myId,
              "above "
                  + SESSION_ID_BYTE_MAX
                  + ": set serverId (1.."
                  + SESSION_ID_BYTE_MAX
                  + ", unique in the ensemble) for the session ids"));
    }
  }

  private static void checkQuorumTick(Map<ConfigKey<?>, Object> explicit, List<Problem> problems) {
    ServerConfig c = new ServerConfig(explicit, Map.of(), STANDALONE);
    if (c.isSet(ConfigKeys.QUORUM_TICK_MS) && c.quorumTickMs() > c.tickTimeMs()) {
      problems.add(
          new Problem(
              ConfigKeys.QUORUM_TICK_MS,
              c.quorumTickMs(),
              "greater than tickTime (" + c.tickTimeMs() + " ms)"));
    }
  }

  /** For checks that look at plain keys only. */
  private static final EnsembleSettings.Resolved STANDALONE =
      new EnsembleSettings.Resolved(new EnsembleConfig(0, List.of(), 1, 1), List.of(), List.of());

  private static <T> String checkOne(ConfigKey<T> key, Object value) {
    if (!key.type().isInstance(value)) {
      return "not a " + key.type().getSimpleName();
    }
    return key.problemWith(key.cast(value));
  }

  private static void checkSessionTimeouts(
      Map<ConfigKey<?>, Object> explicit, List<Problem> problems) {
    ServerConfig c = new ServerConfig(explicit, Map.of(), STANDALONE);
    int min = c.minSessionTimeoutMs();
    int max = c.maxSessionTimeoutMs();
    if (min <= max) {
      return;
    }
    // Blame a key the user wrote: min if it was set, else max (tickTime moved the other one).
    if (c.isSet(ConfigKeys.MIN_SESSION_TIMEOUT)) {
      problems.add(
          new Problem(
              ConfigKeys.MIN_SESSION_TIMEOUT,
              c.get(ConfigKeys.MIN_SESSION_TIMEOUT),
              "greater than maxSessionTimeout (" + max + " ms)"));
    } else {
      problems.add(
          new Problem(
              ConfigKeys.MAX_SESSION_TIMEOUT,
              c.get(ConfigKeys.MAX_SESSION_TIMEOUT),
              "less than minSessionTimeout (" + min + " ms)"));
    }
  }

  /** Collects values; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {
    private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();
    private final SortedMap<String, String> serverLines = new TreeMap<>();
    private String myidFile; // the content of dataDir/myid, read by ZooCfg; null if none

    private Builder() {}

    /** Sets {@code key}; {@code null} unsets it (back to its default). */
    public <T> Builder set(ConfigKey<T> key, T value) {
      Objects.requireNonNull(key, "key");
      if (value == null) {
        values.remove(key);
      } else {
        values.put(key, value);
      }
      return this;
    }

    public Builder tickTimeMs(int tickTimeMs) {
      return set(ConfigKeys.TICK_TIME, tickTimeMs);
    }

    public Builder dataLogDir(Path dataLogDir) {
      return set(ConfigKeys.DATA_LOG_DIR, dataLogDir);
    }

    public Builder clientPort(int clientPort) {
      return set(ConfigKeys.CLIENT_PORT, clientPort);
    }

    public Builder clientPortAddress(String clientPortAddress) {
      return set(ConfigKeys.CLIENT_PORT_ADDRESS, clientPortAddress);
    }

    public Builder serverId(int serverId) {
      return set(ConfigKeys.SERVER_ID, serverId);
    }

    public Builder sessionTimeoutsMs(int minMs, int maxMs) {
      return set(ConfigKeys.MIN_SESSION_TIMEOUT, minMs).set(ConfigKeys.MAX_SESSION_TIMEOUT, maxMs);
    }

    /**
     * Sets the raw text of line {@code server.<id>}, as in zoo.cfg; {@code null} removes it.
     * Checked by {@link #build()}.
     */
    public Builder server(long id, String line) {
      return serverLine(ConfigKeys.SERVER.name().replace("N", Long.toString(id)), line);
    }

    /** Sets a {@code server.N} line by its key as written (ZooCfg passes odd keys through). */
    Builder serverLine(String key, String line) {
      if (line == null) {
        serverLines.remove(key);
      } else {
        serverLines.put(key, line);
      }
      return this;
    }

    /**
     * Takes the ensemble from {@code ensemble}: replaces every {@code server.N} line and sets
     * {@code myid} (when not standalone), {@code initLimit} and {@code syncLimit}. Checked again by
     * {@link #build()}, like values from a file.
     */
    public Builder ensemble(EnsembleConfig ensemble) {
      Objects.requireNonNull(ensemble, "ensemble");
      serverLines.clear();
      for (ServerSpec s : ensemble.servers()) {
        server(s.id(), s.configValue());
      }
      set(ConfigKeys.MY_ID, ensemble.standalone() ? null : ensemble.myId());
      set(ConfigKeys.INIT_LIMIT, ensemble.initLimitTicks());
      return set(ConfigKeys.SYNC_LIMIT, ensemble.syncLimitTicks());
    }

    public Builder myId(long myId) {
      return set(ConfigKeys.MY_ID, myId);
    }

    public Builder leaderServes(boolean leaderServes) {
      return set(ConfigKeys.LEADER_SERVES, leaderServes);
    }

    public Builder quorumTickMs(int quorumTickMs) {
      return set(ConfigKeys.QUORUM_TICK_MS, quorumTickMs);
    }

    /** The content of the {@code myid} file, for loaders that read it; null for none. */
    Builder myidFile(String content) {
      this.myidFile = content;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws ConfigException listing every invalid value as {@code key=value: reason}
     */
    public ServerConfig build() {
      Checked checked = check(values, serverLines, myidFile);
      if (!checked.ok()) {
        List<String> lines = new ArrayList<>();
        for (Problem p : checked.problems()) {
          lines.add(p.key().name() + "=" + p.value() + ": " + p.reason());
        }
        if (checked.ensemble() != null) {
          checked.ensemble().errors().forEach(n -> lines.add(n.message()));
        }
        throw new ConfigException(lines);
      }
      return new ServerConfig(values, serverLines, checked.ensemble());
    }
  }
}
