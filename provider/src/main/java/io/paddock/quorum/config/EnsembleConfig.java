package io.paddock.quorum.config;

import java.util.List;

/**
 * The ensemble a server belongs to, as configured.
 *
 * @param myId this server's id (from the myid file or key); 0 for a standalone server
 * @param servers every {@code server.N} line, by ascending id; empty for a standalone server
 * @param initLimitTicks ZooKeeper's {@code initLimit}
 * @param syncLimitTicks ZooKeeper's {@code syncLimit}
 */
public record EnsembleConfig(
    long myId, List<ServerSpec> servers, int initLimitTicks, int syncLimitTicks) {
  public EnsembleConfig {
    servers = List.copyOf(servers);
  }

  /** True when no {@code server.N} lines were given: an ensemble of one. */
  public boolean standalone() {
    return servers.isEmpty();
  }

  /** This server's line; null when standalone. */
  public ServerSpec me() {
    for (ServerSpec s : servers) {
      if (s.id() == myId) {
        return s;
      }
    }
    return null;
  }
}
