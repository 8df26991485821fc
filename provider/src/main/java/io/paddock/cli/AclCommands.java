package io.paddock.cli;

import io.paddock.api.Acl;
import io.paddock.api.AclAndStat;
import io.paddock.api.ClientInfo;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The access-control commands: ACLs, credentials, identity. */
final class AclCommands {
  private AclCommands() {}

  static Status getAcl(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    AclAndStat acl = s.client().getAcl(a.arg(0, "/"));
    s.print(AclText.render(acl.acl()));
    if (a.has('s')) {
      s.print(StatText.render(acl.stat(), s.zone()));
    }
    return Status.OK;
  }

  /**
   * {@code setAcl [-s] [-v version] [-R] path acl}. With {@code -R} the ACL is set on every node of
   * the subtree, parents first; the version check applies to {@code path} itself only.
   */
  static Status setAcl(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, UsageException, CommandFailed {
    String path = a.arg(0, "/");
    List<Acl> acl = AclText.parse(a.arg(1, ""));
    int version = a.intValue('v', -1);
    PaddockClient client = s.client();
    Stat stat = client.setAcl(path, acl, version);
    if (a.has('R')) {
      List<String> nodes = NodeCommands.subtree(client, path, false);
      for (String p : nodes.subList(1, nodes.size())) {
        try {
          client.setAcl(p, acl, -1);
        } catch (PaddockException.NoNode e) {
          // Deleted since the walk: nothing left to protect.
        }
      }
    }
    if (a.has('s')) {
      s.print(StatText.render(stat, s.zone()));
    }
    return Status.OK;
  }

  /** {@code addauth scheme auth}: adds credentials, e.g. {@code addauth digest user:password}. */
  static Status addAuth(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    byte[] auth = a.arg(1, "").getBytes(StandardCharsets.UTF_8);
    s.client().addAuthInfo(a.arg(0, ""), auth);
    return Status.OK;
  }

  /** {@code whoami}: the identities the server has authenticated, in zkCli's layout. */
  static Status whoAmI(CliSession s, ParsedArgs a)
      throws PaddockException, InterruptedException, CommandFailed {
    List<ClientInfo> ids = s.client().whoAmI();
    StringBuilder sb = new StringBuilder("Auth scheme: User\n");
    for (ClientInfo id : ids) {
      sb.append(id.authScheme()).append(": ").append(id.user()).append('\n');
    }
    s.print(sb.toString());
    return Status.OK;
  }
}
