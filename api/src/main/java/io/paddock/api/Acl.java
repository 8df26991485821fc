package io.paddock.api;

import java.util.List;
import java.util.Objects;

/**
 * One access control entry: the permission bits granted to an identity.
 *
 * @param perms bits from {@link Perms}
 * @param id who is granted them
 */
public record Acl(int perms, Id id) {
  /** Everyone may do everything. */
  public static final List<Acl> OPEN_ACL_UNSAFE = List.of(new Acl(Perms.ALL, Id.ANYONE));

  /** The creator's authenticated identities may do everything. */
  public static final List<Acl> CREATOR_ALL_ACL = List.of(new Acl(Perms.ALL, Id.AUTH));

  /** Everyone may read. */
  public static final List<Acl> READ_ACL_UNSAFE = List.of(new Acl(Perms.READ, Id.ANYONE));

  public Acl {
    Objects.requireNonNull(id, "id");
  }

  @Override
  public String toString() {
    return id + ":" + Perms.toLetters(perms);
  }
}
