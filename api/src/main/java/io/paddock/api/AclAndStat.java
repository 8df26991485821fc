package io.paddock.api;

import java.util.List;

/**
 * A node's ACL with its stat, as returned by {@code getACL}.
 *
 * @param acl the ACL entries
 * @param stat the node's stat
 */
public record AclAndStat(List<Acl> acl, Stat stat) {
  public AclAndStat {
    acl = List.copyOf(acl);
  }
}
