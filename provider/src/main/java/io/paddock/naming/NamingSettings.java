package io.paddock.naming;

import io.paddock.api.PaddockClient;
import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.ConfigurationException;
import javax.naming.Context;

/**
 * The provider's settings, read from a JNDI environment (an {@code InitialContext}'s, which also
 * merges {@code jndi.properties}). Every key, default and unit is declared here.
 *
 * <table>
 *   <caption>Environment keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code java.naming.provider.url}</td><td>none</td><td>{@code
 *       paddock://host:port[,host:port...][/root]}: the ensemble and, optionally, the root</td></tr>
 *   <tr><td>{@code paddock.naming.connect}</td><td>from the provider URL</td><td>the ensemble,
 *       {@code host:port[,host:port...]}; wins over the URL</td></tr>
 *   <tr><td>{@code paddock.naming.root}</td><td>from the URL, else {@code /jndi}</td><td>the znode
 *       under which names live</td></tr>
 *   <tr><td>{@code paddock.naming.sessionTimeoutMs}</td><td>30000</td><td>the requested session
 *       timeout of a client the provider starts</td></tr>
 *   <tr><td>{@code paddock.naming.objectFactories}</td><td>none</td><td>comma-separated class
 *       names of the {@code ObjectFactory}s allowed to turn bound references into objects; a
 *       reference naming any other factory is returned as is</td></tr>
 *   <tr><td>{@code paddock.naming.serialFilter}</td><td>{@value #SERIAL_ALLOW_DEFAULT}</td><td>the
 *       {@link ObjectInputFilter} patterns of the classes a serialized binding may contain;
 *       everything else is rejected</td></tr>
 *   <tr><td>{@code paddock.naming.ephemeral}</td><td>false</td><td>whether {@code bind} and
 *       {@code rebind} make ephemeral bindings, which vanish when the context's session
 *       ends</td></tr>
 *   <tr><td>{@code paddock.naming.client}</td><td>none</td><td>a {@link PaddockClient} object to
 *       use instead of starting one (it is not closed with the context)</td></tr>
 * </table>
 *
 * @param connectString the ensemble, or null if a client is given
 * @param root the znode under which names live
 * @param sessionTimeoutMs the requested session timeout
 * @param objectFactories the allowed {@code ObjectFactory} class names
 * @param serialFilter the filter every deserialization goes through
 * @param ephemeral whether binds are ephemeral
 * @param client a client to use, or null to start one
 */
public record NamingSettings(
    String connectString,
    String root,
    int sessionTimeoutMs,
    Set<String> objectFactories,
    ObjectInputFilter serialFilter,
    boolean ephemeral,
    PaddockClient client) {

  public static final String SCHEME = "paddock";
  public static final String CONNECT = "paddock.naming.connect";
  public static final String ROOT = "paddock.naming.root";
  public static final String SESSION_TIMEOUT_MS = "paddock.naming.sessionTimeoutMs";
  public static final String OBJECT_FACTORIES = "paddock.naming.objectFactories";
  public static final String SERIAL_FILTER = "paddock.naming.serialFilter";
  public static final String EPHEMERAL = "paddock.naming.ephemeral";
  public static final String CLIENT = "paddock.naming.client";

  public static final String ROOT_DEFAULT = "/jndi";
  public static final int SESSION_TIMEOUT_MS_DEFAULT = 30_000;

  /** Value types and collections of the JDK only. */
  public static final String SERIAL_ALLOW_DEFAULT =
      "java.lang.*;java.util.*;java.time.*;java.math.*";

  /** Limits every deserialization gets whatever the allow-list says. */
  static final String SERIAL_LIMITS =
      "maxdepth=32;maxrefs=100000;maxbytes=1048576;maxarray=1000000";

  public NamingSettings {
    if (client == null && (connectString == null || connectString.isBlank())) {
      throw new IllegalArgumentException(
          "no ensemble: set " + CONNECT + " or " + Context.PROVIDER_URL);
    }
    if (root == null || !root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))) {
      throw new IllegalArgumentException(ROOT + " must be an absolute znode path: " + root);
    }
    if (sessionTimeoutMs <= 0) {
      throw new IllegalArgumentException(SESSION_TIMEOUT_MS + " must be > 0: " + sessionTimeoutMs);
    }
    objectFactories = Set.copyOf(objectFactories);
  }

  /**
   * The settings in a JNDI environment.
   *
   * @throws ConfigurationException naming the key whose value is missing or invalid
   */
  public static NamingSettings from(Map<?, ?> env) throws ConfigurationException {
    try {
      String url = text(env, Context.PROVIDER_URL);
      String urlConnect = null;
      String urlRoot = null;
      if (url != null) {
        PaddockUrl parsed = PaddockUrl.parse(url);
        urlConnect = parsed.connectString();
        urlRoot = "/".equals(parsed.path()) ? null : parsed.path();
      }
      String connect = text(env, CONNECT);
      String root = text(env, ROOT);
      Object client = env.get(CLIENT);
      if (client != null && !(client instanceof PaddockClient)) {
        throw new IllegalArgumentException(
            CLIENT + " must be a PaddockClient: " + client.getClass());
      }
      String factories = text(env, OBJECT_FACTORIES);
      String filter = text(env, SERIAL_FILTER);
      String timeout = text(env, SESSION_TIMEOUT_MS);
      return new NamingSettings(
          connect != null ? connect : urlConnect,
          root != null ? root : urlRoot != null ? urlRoot : ROOT_DEFAULT,
          timeout == null ? SESSION_TIMEOUT_MS_DEFAULT : Integer.parseInt(timeout),
          factories == null
              ? Set.of()
              : Arrays.stream(factories.split(","))
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .collect(Collectors.toUnmodifiableSet()),
          serialFilter(filter == null ? SERIAL_ALLOW_DEFAULT : filter),
          Boolean.parseBoolean(text(env, EPHEMERAL)),
          (PaddockClient) client);
    } catch (IllegalArgumentException e) {
      ConfigurationException failure = new ConfigurationException(e.getMessage());
      failure.setRootCause(e);
      throw failure;
    }
  }

  /** The filter for {@code allow} patterns: limits first, then the allow-list, then reject all. */
  static ObjectInputFilter serialFilter(String allow) {
    String patterns = allow.trim();
    if (patterns.contains("!*") || patterns.startsWith("*") || patterns.contains(";*")) {
      // a catch-all in the allow-list would defeat the point of having one
      throw new IllegalArgumentException(SERIAL_FILTER + " must list classes, not '*': " + allow);
    }
    String spec = SERIAL_LIMITS + (patterns.isEmpty() ? "" : ";" + patterns) + ";!*";
    return ObjectInputFilter.Config.createFilter(spec);
  }

  private static String text(Map<?, ?> env, String key) {
    Object value = env.get(key);
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }

  /** A copy of {@code env} as JNDI contexts keep it. */
  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  static Hashtable<String, Object> copy(Map<?, ?> env) {
    Hashtable<String, Object> out = new Hashtable<>();
    if (env != null) {
      env.forEach((k, v) -> out.put(k.toString(), v));
    }
    return out;
  }
}
