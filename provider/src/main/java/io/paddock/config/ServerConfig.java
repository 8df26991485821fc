package io.paddock.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every server setting, typed, validated and immutable. Build one in code with {@link
 * #builder(Path)} (embedding, tests: no file needed) or from a zoo.cfg with {@link ZooCfg}. The
 * keys, their defaults and docs are declared in {@link ConfigKeys}; this class holds the values
 * that were set explicitly and answers the defaults for the rest.
 */
public final class ServerConfig {

  /** A problem found by {@link #validate}; the caller adds where it came from. */
  record Problem(ConfigKey<?> key, Object value, String reason) {}

  private final Map<ConfigKey<?>, Object> explicit;

  private ServerConfig(Map<ConfigKey<?>, Object> explicit) {
    this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
  }

  /** A builder with every default and the one required value, {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder().set(ConfigKeys.DATA_DIR, Objects.requireNonNull(dataDir, "dataDir"));
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.values.putAll(explicit);
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

  public int clientPort() {
    return get(ConfigKeys.CLIENT_PORT);
  }

  public String clientPortAddress() {
    return get(ConfigKeys.CLIENT_PORT_ADDRESS);
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

  public int serverId() {
    return get(ConfigKeys.SERVER_ID);
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
    if (out.containsKey(ConfigKeys.SUPER_DIGEST.name())) {
      // The digest is a password hash: do not hand it to anyone who can type "conf".
      out.put(ConfigKeys.SUPER_DIGEST.name(), "********");
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerConfig other && explicit.equals(other.explicit);
  }

  @Override
  public int hashCode() {
    return explicit.hashCode();
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
    }
    return problems;
  }

  private static <T> String checkOne(ConfigKey<T> key, Object value) {
    if (!key.type().isInstance(value)) {
      return "not a " + key.type().getSimpleName();
    }
    return key.problemWith(key.cast(value));
  }

  private static void checkSessionTimeouts(
      Map<ConfigKey<?>, Object> explicit, List<Problem> problems) {
    ServerConfig c = new ServerConfig(explicit);
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
     * The configuration.
     *
     * @throws ConfigException listing every invalid value as {@code key=value: reason}
     */
    public ServerConfig build() {
      List<Problem> problems = validate(values);
      if (!problems.isEmpty()) {
        List<String> lines = new ArrayList<>();
        for (Problem p : problems) {
          lines.add(p.key().name() + "=" + p.value() + ": " + p.reason());
        }
        throw new ConfigException(lines);
      }
      return new ServerConfig(values);
    }
  }
}
