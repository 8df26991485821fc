package io.paddock.quorum.config;

import io.paddock.quorum.core.Membership;
import java.util.ArrayList;
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

  /** The membership the replication core runs with (a standalone server is participant 1). */
  public Membership membership() {
    if (servers.isEmpty()) {
      return Membership.of(1L);
    }
    List<Long> participants = new ArrayList<>();
    List<Long> observers = new ArrayList<>();
    for (ServerSpec s : servers) {
      (s.type() == PeerType.OBSERVER ? observers : participants).add(s.id());
    }
    return new Membership(participants, observers);
  }
}
