package io.paddock.naming;

import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code paddock://host:port[,host:port...][/path]} URL: the ensemble and an absolute znode path
 * ("/" if none). Parsed by hand because {@link java.net.URI} rejects several hosts in one
 * authority.
 *
 * @param connectString the ensemble
 * @param path the absolute znode path
 */
public record PaddockUrl(String connectString, String path) {
  static final String PREFIX = NamingSettings.SCHEME + "://";

  /** Longest URL accepted. */
  static final int URL_CHARS_MAX = 8_192;

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException if it is not a paddock URL
   */
  public static PaddockUrl parse(String url) {
    if (url == null || url.length() > URL_CHARS_MAX || !url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a " + PREFIX + "host:port[/path] URL: " + url);
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    if (hosts.isEmpty() || hosts.contains(" ")) {
      throw new IllegalArgumentException("no host:port in " + url);
    }
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.contains("//")) {
      throw new IllegalArgumentException("empty path segment in " + url);
    }
    return new PaddockUrl(hosts, path);
  }

  /**
   * Whether two {@code host:port[,host:port...]} lists name the same ensemble: the same servers, in
   * any order.
   */
  public static boolean sameEnsemble(String a, String b) {
    return servers(a).equals(servers(b));
  }

  /**
   * {@code ensemble} if it is a {@code host:port[,host:port...]} list without a chroot.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireEnsemble(String ensemble) {
    if (ensemble == null || ensemble.isBlank() || ensemble.contains("/")) {
      throw new IllegalArgumentException("not a host:port[,host:port...] list: " + ensemble);
    }
    return ensemble;
  }

  private static Set<String> servers(String ensemble) {
    Set<String> out = new TreeSet<>();
    for (String s : ensemble.split(",", -1)) {
      out.add(s.trim());
    }
    return out;
  }
}
