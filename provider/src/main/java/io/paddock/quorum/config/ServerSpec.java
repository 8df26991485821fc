package io.paddock.quorum.config;

import java.util.Objects;

/**
 * One {@code
 * server.N=host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]} line.
 *
 * @param id the server id N
 * @param host where peers reach it (a name, an IPv4 address, or an IPv6 address without brackets)
 * @param quorumPort the port followers connect to when it leads
 * @param electionPort the port for leader election
 * @param type participant (default) or observer
 * @param clientHost the client address when given after the semicolon, else null
 * @param clientPort the client port when given after the semicolon, else -1
 */
public record ServerSpec(
    long id,
    String host,
    int quorumPort,
    int electionPort,
    PeerType type,
    String clientHost,
    int clientPort) {
  public ServerSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(type, "type");
  }

  /**
   * The text of this {@code server.N} line, {@code host:quorumPort:electionPort:type[;[clientHost:]
   * clientPort]} (IPv6 hosts in brackets); the parser reads it back unchanged.
   */
  public String configValue() {
    StringBuilder out = new StringBuilder();
    out.append(bracketed(host))
        .append(':')
        .append(quorumPort)
        .append(':')
        .append(electionPort)
        .append(':')
        .append(type.configName());
    if (clientPort > 0) {
      out.append(';');
      if (clientHost != null) {
        out.append(bracketed(clientHost)).append(':');
      }
      out.append(clientPort);
    }
    return out.toString();
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
