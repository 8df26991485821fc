package io.paddock.acl;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * ACL checks and ACL fix-up, with ZooKeeper 3.9's semantics.
 *
 * <p>Schemes: {@code world} (only {@code anyone}), {@code auth} (a placeholder expanded at create /
 * setACL time into the caller's authenticated ids), {@code digest} ({@code user:base64hash}),
 * {@code ip} (address or CIDR) and {@code super} (an authenticated id that bypasses every check;
 * never valid inside an ACL). ACL entries with other schemes ({@code sasl}, {@code x509}) are
 * rejected by {@link #fixup} until a provider for them exists.
 */
public final class Acls {
  /** {@code world:anyone}. */
  public static final String WORLD = "world";

  /** The creator's identities, expanded by {@link #fixup}. */
  public static final String AUTH = "auth";

  /** {@code digest:user:base64(sha1(user:password))}. */
  public static final String DIGEST = "digest";

  /** {@code ip:address} or {@code ip:address/bits}. */
  public static final String IP = "ip";

  /** An authenticated id with this scheme passes every ACL check. */
  public static final String SUPER = "super";

  /** Authenticated schemes that {@code auth} ACL entries expand to (not ip, not super). */
  private static final List<String> AUTH_EXPANDABLE = List.of(DIGEST, "sasl", "x509");

  private Acls() {}

  /**
   * Whether a caller with {@code authIds} holds {@code perm} on a node with {@code nodeAcl}.
   *
   * <p>As ZooKeeper: {@code perm == 0} (exists) always passes; an empty ACL allows everything; a
   * {@code super} id allows everything; otherwise some entry must share a bit with {@code perm} and
   * match the caller: {@code world:anyone} matches everyone, {@code ip} entries match an {@code ip}
   * id whose address is in the range, other schemes match an id of the same scheme and equal text.
   *
   * @param perm bits from {@link io.paddock.api.Perms}; any one of them suffices
   */
  public static boolean allowed(List<Acl> nodeAcl, int perm, List<Id> authIds) {
    if (perm == 0 || nodeAcl == null || nodeAcl.isEmpty()) {
      return true;
    }
    for (Id authId : authIds) {
      if (SUPER.equals(authId.scheme())) {
        return true;
      }
    }
    for (Acl entry : nodeAcl) {
      if ((entry.perms() & perm) != 0 && matchesAny(entry.id(), authIds)) {
        return true;
      }
    }
    return false;
  }

  /** Shorthand for {@link #allowed(List, int, List)} with an op's permission. */
  public static boolean allowed(List<Acl> nodeAcl, OpPermission op, List<Id> authIds) {
    return allowed(nodeAcl, op.perm(), authIds);
  }

  private static boolean matchesAny(Id aclId, List<Id> authIds) {
    String scheme = aclId.scheme();
    if (WORLD.equals(scheme)) {
      return "anyone".equals(aclId.id());
    }
    for (Id authId : authIds) {
      if (!scheme.equals(authId.scheme())) {
        continue;
      }
      boolean match =
          IP.equals(scheme)
              ? IpAddresses.matches(aclId.id(), authId.id())
              : aclId.id().equals(authId.id());
      if (match) {
        return true;
      }
    }
    return false;
  }

  /**
   * Validates a requested ACL and expands {@code auth} entries, as ZooKeeper does for create and
   * setACL.
   *
   * <p>Duplicate entries are dropped (first occurrence kept). Then, in order: {@code world} only
   * with id {@code anyone}; each {@code auth} entry becomes one entry (same perms) per
   * authenticated digest/sasl/x509 id of the caller, and is invalid if there is none; {@code
   * digest} ids must be {@code user:hash} ({@link Digests#isValidId}); {@code ip} ids must parse
   * ({@link IpAddresses#isValidAclId}); any other scheme is invalid.
   *
   * @return the ACL to store, or an empty list if the requested ACL is invalid (the caller answers
   *     {@link io.paddock.api.ErrorCode#INVALID_ACL}); a valid result is never empty
   */
  public static List<Acl> fixup(List<Acl> requested, List<Id> authIds) {
    if (requested == null || requested.isEmpty()) {
      return List.of();
    }
    List<Acl> fixed = new ArrayList<>(requested.size());
    for (Acl entry : new LinkedHashSet<>(requested)) {
      Id id = entry.id();
      switch (id.scheme()) {
        case WORLD -> {
          if (!"anyone".equals(id.id())) {
            return List.of();
          }
          fixed.add(entry);
        }
        case AUTH -> {
          boolean any = false;
          for (Id authId : authIds) {
            if (AUTH_EXPANDABLE.contains(authId.scheme())) {
              fixed.add(new Acl(entry.perms(), authId));
              any = true;
            }
          }
          if (!any) {
            return List.of();
          }
        }
        case DIGEST -> {
          if (!Digests.isValidId(id.id())) {
            return List.of();
          }
          fixed.add(entry);
        }
        case IP -> {
          if (!IpAddresses.isValidAclId(id.id())) {
            return List.of();
          }
          fixed.add(entry);
        }
        default -> {
          return List.of();
        }
      }
    }
    return List.copyOf(fixed);
  }
}
