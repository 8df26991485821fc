package io.paddock.microprofile.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The bootstrap settings of the config source, read through MicroProfile Config itself (system
 * properties, environment variables, {@code META-INF/microprofile-config.properties}). Every key,
 * its default and its unit is declared here and nowhere else.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code paddock.config.connect}</td><td>none: without it the source is not
 *       installed</td><td>the ensemble, {@code host:port[,host:port...][/chroot]}</td></tr>
 *   <tr><td>{@code paddock.config.root}</td><td>{@code /config}</td><td>the parent of the
 *       contexts</td></tr>
 *   <tr><td>{@code paddock.config.application}</td><td>none: the shared context
 *       only</td><td>the application's context name</td></tr>
 *   <tr><td>{@code mp.config.profile}</td><td>none</td><td>the active profile (one
 *       name)</td></tr>
 *   <tr><td>{@code paddock.config.ordinal}</td><td>150</td><td>the source's ordinal: above
 *       {@code microprofile-config.properties} (100), below environment variables (300) and
 *       system properties (400), so operators can still override a value</td></tr>
 *   <tr><td>{@code paddock.config.sessionTimeoutMs}</td><td>30000</td><td>the requested
 *       session timeout</td></tr>
 *   <tr><td>{@code paddock.config.initialLoadTimeoutMs}</td><td>10000</td><td>how long start-up
 *       waits for the first snapshot</td></tr>
 *   <tr><td>{@code paddock.config.failFast}</td><td>false</td><td>whether a missing first
 *       snapshot fails start-up; otherwise the source starts empty and fills once the ensemble
 *       answers</td></tr>
 * </table>
 *
 * @param connectString the ensemble
 * @param root the parent of the contexts
 * @param application the application's context name, or null
 * @param profile the active profile, or null
 * @param ordinal the source's ordinal
 * @param sessionTimeoutMs the requested session timeout
 * @param initialLoadTimeoutMs how long start-up waits for the first snapshot
 * @param failFast whether a missing first snapshot fails start-up
 */
public record ConfigSettings(
    String connectString,
    String root,
    String application,
    String profile,
    int ordinal,
    int sessionTimeoutMs,
    long initialLoadTimeoutMs,
    boolean failFast) {

  public static final String CONNECT = "paddock.config.connect";
  public static final String ROOT = "paddock.config.root";
  public static final String APPLICATION = "paddock.config.application";
  public static final String PROFILE = "mp.config.profile";
  public static final String ORDINAL = "paddock.config.ordinal";
  public static final String SESSION_TIMEOUT_MS = "paddock.config.sessionTimeoutMs";
  public static final String INITIAL_LOAD_TIMEOUT_MS = "paddock.config.initialLoadTimeoutMs";
  public static final String FAIL_FAST = "paddock.config.failFast";

  public static final String ROOT_DEFAULT = "/config";
  public static final int ORDINAL_DEFAULT = 150;
  public static final int SESSION_TIMEOUT_MS_DEFAULT = 30_000;
  public static final long INITIAL_LOAD_TIMEOUT_MS_DEFAULT = 10_000;

  /** Longest context name we accept (application or profile). */
  static final int NAME_CHARS_MAX = 255;

  public ConfigSettings {
    if (connectString == null || connectString.isBlank()) {
      throw new IllegalArgumentException(CONNECT + " must name at least one host:port");
    }
    if (root == null || !root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))) {
      throw new IllegalArgumentException(ROOT + " must be an absolute znode path: " + root);
    }
    checkName(APPLICATION, application);
    checkName(PROFILE, profile);
    if (sessionTimeoutMs <= 0) {
      throw new IllegalArgumentException(SESSION_TIMEOUT_MS + " must be > 0: " + sessionTimeoutMs);
    }
    if (initialLoadTimeoutMs < 0) {
      throw new IllegalArgumentException(
          INITIAL_LOAD_TIMEOUT_MS + " must be >= 0: " + initialLoadTimeoutMs);
    }
  }

  private static void checkName(String key, String name) {
    if (name == null) {
      return;
    }
    if (name.isEmpty()
        || name.length() > NAME_CHARS_MAX
        || name.contains("/")
        || name.contains(",")) {
      throw new IllegalArgumentException(
          key
              + " must be one path segment without ',' (at most "
              + NAME_CHARS_MAX
              + " chars): "
              + name);
    }
  }

  /**
   * The settings from {@code lookup} (a property name to its value, if set), or empty when {@link
   * #CONNECT} is not set.
   *
   * @throws IllegalArgumentException naming the key whose value is invalid
   */
  public static Optional<ConfigSettings> from(Function<String, Optional<String>> lookup) {
    Optional<String> connect = lookup.apply(CONNECT).map(String::trim).filter(s -> !s.isEmpty());
    if (connect.isEmpty()) {
      return Optional.empty();
    }
    String application = lookup.apply(APPLICATION).map(String::trim).orElse(null);
    return Optional.of(
        new ConfigSettings(
            connect.get(),
            lookup.apply(ROOT).map(String::trim).orElse(ROOT_DEFAULT),
            application == null || application.isEmpty() ? null : application,
            lookup.apply(PROFILE).map(String::trim).filter(s -> !s.isEmpty()).orElse(null),
            (int) number(lookup, ORDINAL, ORDINAL_DEFAULT),
            (int) number(lookup, SESSION_TIMEOUT_MS, SESSION_TIMEOUT_MS_DEFAULT),
            number(lookup, INITIAL_LOAD_TIMEOUT_MS, INITIAL_LOAD_TIMEOUT_MS_DEFAULT),
            lookup.apply(FAIL_FAST).map(v -> Boolean.parseBoolean(v.trim())).orElse(false)));
  }

  private static long number(
      Function<String, Optional<String>> lookup, String key, long defaultValue) {
    Optional<String> text = lookup.apply(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.get().trim());
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(key + " out of range: " + text.get());
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " is not a number: " + text.get(), e);
    }
  }

  /** The layout these settings describe. */
  ConfigLayout layout() {
    return new ConfigLayout(root, application, profile);
  }
}
