package io.paddock.acl;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a requested ACL and expands the {@code auth} scheme into the caller's authenticated
 * identities, as ZooKeeper does at create and setACL.
 */
public final class AclFixup {
  private AclFixup() {}

  /**
   * The ACL to store, or null if the request is invalid (the caller answers INVALID_ACL): empty,
   * unknown schemes, {@code world} other than {@code anyone}, malformed digest or ip ids, bad
   * permission bits, or {@code auth} without any authenticated non-ip identity.
   */
  public static List<Acl> fixup(List<Acl> requested, List<Id> authIds) {
    if (requested == null || requested.isEmpty()) {
      return null;
    }
    Set<Acl> out = new LinkedHashSet<>();
    for (Acl acl : requested) {
      if ((acl.perms() & ~Perms.ALL) != 0) {
        return null;
      }
      Id id = acl.id();
      switch (id.scheme()) {
        case "world" -> {
          if (!"anyone".equals(id.id())) {
            return null;
          }
          out.add(acl);
        }
        case "auth" -> {
          boolean any = false;
          for (Id caller : authIds) {
            if (isAuthenticatedScheme(caller.scheme())) {
              out.add(new Acl(acl.perms(), caller));
              any = true;
            }
          }
          if (!any) {
            return null;
          }
        }
        case "digest" -> {
          int colon = id.id().indexOf(':');
          if (colon <= 0 || colon == id.id().length() - 1) {
            return null;
          }
          out.add(acl);
        }
        case "ip" -> {
          if (!IpRanges.isValid(id.id())) {
            return null;
          }
          out.add(acl);
        }
        default -> {
          return null;
        }
      }
    }
    return List.copyOf(new ArrayList<>(out));
  }

  /** Schemes whose identities stand for a proven user (ip does not: it is only an address). */
  private static boolean isAuthenticatedScheme(String scheme) {
    return "digest".equals(scheme) || "sasl".equals(scheme) || "x509".equals(scheme);
  }
}
