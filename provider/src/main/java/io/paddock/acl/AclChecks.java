package io.paddock.acl;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import java.util.List;

/**
 * Decides whether a caller may do something to a node. As in ZooKeeper: an empty ACL allows
 * everything; the {@code super} identity bypasses every check; otherwise some entry granting one of
 * the requested permission bits must match one of the caller's identities.
 */
public final class AclChecks {
  /** The identity a matching super digest grants. */
  public static final Id SUPER = new Id("super", "");

  private AclChecks() {}

  /**
   * Whether {@code authIds} may exercise any of the bits in {@code perm} on a node with {@code
   * acl}.
   */
  public static boolean allowed(List<Acl> acl, int perm, List<Id> authIds) {
    if (acl == null || acl.isEmpty()) {
      return true;
    }
    for (Id id : authIds) {
      if ("super".equals(id.scheme())) {
        return true;
      }
    }
    for (Acl entry : acl) {
      if ((entry.perms() & perm) == 0) {
        continue;
      }
      Id granted = entry.id();
      if ("world".equals(granted.scheme()) && "anyone".equals(granted.id())) {
        return true;
      }
      for (Id id : authIds) {
        if (matches(granted, id)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matches(Id granted, Id caller) {
    if (!granted.scheme().equals(caller.scheme())) {
      return false;
    }
    if ("ip".equals(granted.scheme())) {
      return IpRanges.matches(granted.id(), caller.id());
    }
    return granted.id().equals(caller.id());
  }
}
