package io.paddock.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed connect string {@code host:port[,host:port...][/chroot]}. Hosts stay unresolved here so
 * a DNS change is picked up on the next connection attempt. IPv6 literals are written in brackets
 * ({@code [::1]:2181}); a missing port means 2181.
 *
 * @param hosts the servers, in the order written, at least one
 * @param chroot the chroot ({@code ""} for none; never {@code "/"})
 */
record ConnectString(List<InetSocketAddress> hosts, String chroot) {
  static final int DEFAULT_PORT = 2181;

  /** More hosts than any real ensemble has; a bound so a garbage string cannot make us spin. */
  static final int HOSTS_MAX = 1_000;

  ConnectString {
    hosts = List.copyOf(hosts);
  }

  /**
   * Parses a connect string.
   *
   * @throws IllegalArgumentException with the offending part when the string is malformed
   */
  static ConnectString parse(String connectString) {
    String s = connectString.trim();
    int slash = s.indexOf('/');
    String hostPart = slash < 0 ? s : s.substring(0, slash);
    String chroot = slash < 0 ? "" : s.substring(slash);
    if (chroot.equals("/")) {
      chroot = "";
    }
    if (!chroot.isEmpty()) {
      String problem = ClientPaths.problem(chroot, false);
      if (problem != null) {
        throw new IllegalArgumentException(
            "invalid chroot '"
                + chroot
                + "' in connect string '"
                + connectString
                + "': "
                + problem);
      }
    }
    String[] parts = hostPart.split(",", -1);
    if (parts.length > HOSTS_MAX) {
      throw new IllegalArgumentException(
          "connect string names " + parts.length + " hosts, more than " + HOSTS_MAX);
    }
    List<InetSocketAddress> hosts = new ArrayList<>(parts.length);
    for (String part : parts) {
      hosts.add(parseHost(part.trim(), connectString));
    }
    return new ConnectString(hosts, chroot);
  }

  private static InetSocketAddress parseHost(String part, String whole) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("empty host in connect string '" + whole + "'");
    }
    String host;
    String portText = null;
    if (part.startsWith("[")) {
      int close = part.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException(
            "unclosed '[' in host '" + part + "' of '" + whole + "'");
      }
      host = part.substring(1, close);
      String rest = part.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("junk after ']' in host '" + part + "'");
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = part.indexOf(':');
      if (colon >= 0 && part.indexOf(':', colon + 1) >= 0) {
        throw new IllegalArgumentException(
            "host '" + part + "' has several ':'; write IPv6 literals as [addr]:port");
      }
      host = colon < 0 ? part : part.substring(0, colon);
      portText = colon < 0 ? null : part.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host name in '" + part + "' of '" + whole + "'");
    }
    return InetSocketAddress.createUnresolved(host, parsePort(portText, part));
  }

  private static int parsePort(String text, String part) {
    if (text == null) {
      return DEFAULT_PORT;
    }
    int port;
    try {
      port = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port '" + text + "' in host '" + part + "'", e);
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException(
          "port " + port + " of '" + part + "' is not in [1, 65535]");
    }
    return port;
  }
}
