package io.paddock.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import io.paddock.api.Perms;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AclsTest {
  private static final Id BOB = new Id("digest", Digests.digest("bob", "pw"));
  private static final Id EVE = new Id("digest", Digests.digest("eve", "pw"));
  private static final Id LOCAL = new Id("ip", "127.0.0.1");

  @Test
  void worldAnyoneMatchesEveryone() {
    assertThat(Acls.allowed(Acl.OPEN_ACL_UNSAFE, Perms.WRITE, List.of())).isTrue();
    assertThat(Acls.allowed(Acl.READ_ACL_UNSAFE, Perms.READ, List.of(LOCAL))).isTrue();
    assertThat(Acls.allowed(Acl.READ_ACL_UNSAFE, Perms.WRITE, List.of(LOCAL))).isFalse();
  }

  @Test
  void digestMatchesBySchemeAndId() {
    List<Acl> bobOnly = List.of(new Acl(Perms.READ | Perms.WRITE, BOB));
    assertThat(Acls.allowed(bobOnly, Perms.WRITE, List.of(LOCAL, BOB))).isTrue();
    assertThat(Acls.allowed(bobOnly, Perms.ADMIN, List.of(BOB))).isFalse();
    assertThat(Acls.allowed(bobOnly, Perms.READ, List.of(EVE, LOCAL))).isFalse();
    // Same text under another scheme does not match.
    assertThat(Acls.allowed(bobOnly, Perms.READ, List.of(new Id("sasl", BOB.id())))).isFalse();
  }

  @Test
  void ipMatchesByRange() {
    List<Acl> lan = List.of(new Acl(Perms.ALL, new Id("ip", "10.0.0.0/8")));
    assertThat(Acls.allowed(lan, Perms.READ, List.of(new Id("ip", "10.3.4.5")))).isTrue();
    assertThat(Acls.allowed(lan, Perms.READ, List.of(LOCAL))).isFalse();
    List<Acl> v6 = List.of(new Acl(Perms.ALL, new Id("ip", "::1")));
    assertThat(Acls.allowed(v6, Perms.READ, List.of(new Id("ip", "0:0:0:0:0:0:0:1")))).isTrue();
  }

  @Test
  void superBypassesEverything() {
    List<Acl> nobody = List.of(new Acl(0, Id.ANYONE));
    assertThat(Acls.allowed(nobody, Perms.ADMIN, List.of(LOCAL))).isFalse();
    assertThat(Acls.allowed(nobody, Perms.ADMIN, List.of(LOCAL, new Id("super", "")))).isTrue();
  }

  @Test
  void anyBitOfAMultiBitPermissionSuffices() {
    List<Acl> readOnly = List.of(new Acl(Perms.READ, Id.ANYONE));
    List<Acl> adminOnly = List.of(new Acl(Perms.ADMIN, Id.ANYONE));
    List<Acl> writeOnly = List.of(new Acl(Perms.WRITE, Id.ANYONE));
    assertThat(Acls.allowed(readOnly, OpPermission.GET_ACL, List.of())).isTrue();
    assertThat(Acls.allowed(adminOnly, OpPermission.GET_ACL, List.of())).isTrue();
    assertThat(Acls.allowed(writeOnly, OpPermission.GET_ACL, List.of())).isFalse();
  }

  @Test
  void existsNeedsNothingAndEmptyAclAllowsAll() {
    List<Acl> nobody = List.of(new Acl(0, Id.ANYONE));
    assertThat(Acls.allowed(nobody, OpPermission.EXISTS, List.of())).isTrue();
    assertThat(Acls.allowed(List.of(), Perms.ADMIN, List.of())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(OpPermission.class)
  void opPermissionsAreZooKeepers(OpPermission op) {
    int expected =
        switch (op) {
          case CREATE -> Perms.CREATE;
          case DELETE -> Perms.DELETE;
          case SET_DATA -> Perms.WRITE;
          case SET_ACL -> Perms.ADMIN;
          case GET_DATA, GET_CHILDREN, GET_ALL_CHILDREN_NUMBER, CHECK -> Perms.READ;
          case GET_ACL -> Perms.READ | Perms.ADMIN;
          case EXISTS -> 0;
        };
    assertThat(op.perm()).isEqualTo(expected);
    assertThat(op.onParent()).isEqualTo(op == OpPermission.CREATE || op == OpPermission.DELETE);
  }

  @Test
  void fixupKeepsValidEntriesAndDropsDuplicates() {
    List<Acl> requested =
        List.of(
            new Acl(Perms.ALL, Id.ANYONE),
            new Acl(Perms.ALL, Id.ANYONE),
            new Acl(Perms.READ, Id.ANYONE),
            new Acl(Perms.READ, BOB),
            new Acl(Perms.ALL, new Id("ip", "10.0.0.0/8")));
    assertThat(Acls.fixup(requested, List.of()))
        .containsExactly(
            new Acl(Perms.ALL, Id.ANYONE),
            new Acl(Perms.READ, Id.ANYONE),
            new Acl(Perms.READ, BOB),
            new Acl(Perms.ALL, new Id("ip", "10.0.0.0/8")));
  }

  @Test
  void fixupExpandsAuthToEachAuthenticatedNonIpId() {
    Id sasl = new Id("sasl", "alice@REALM");
    List<Id> auth = List.of(LOCAL, BOB, new Id("super", ""), sasl);
    assertThat(Acls.fixup(Acl.CREATOR_ALL_ACL, auth))
        .containsExactly(new Acl(Perms.ALL, BOB), new Acl(Perms.ALL, sasl));
    assertThat(Acls.fixup(List.of(new Acl(Perms.READ, new Id("auth", "ignored"))), auth))
        .containsExactly(new Acl(Perms.READ, BOB), new Acl(Perms.READ, sasl));
  }

  @Test
  void fixupRejectsInvalidAcls() {
    assertThat(Acls.fixup(null, List.of())).isEmpty();
    assertThat(Acls.fixup(List.of(), List.of())).isEmpty();
    assertThat(Acls.fixup(Acl.CREATOR_ALL_ACL, List.of(LOCAL))).isEmpty();
    assertThat(Acls.fixup(Acl.CREATOR_ALL_ACL, List.of(new Id("super", "")))).isEmpty();
    for (Id bad :
        List.of(
            new Id("world", "foo"),
            new Id("digest", "bob"),
            new Id("digest", "a:b:c"),
            new Id("ip", "10.0.0.256"),
            new Id("ip", "localhost"),
            new Id("super", ""),
            new Id("sasl", "alice"),
            new Id("nope", "x"))) {
      List<Acl> requested = List.of(new Acl(Perms.ALL, Id.ANYONE), new Acl(Perms.ALL, bad));
      assertThat(Acls.fixup(requested, List.of(BOB))).as(bad.toString()).isEmpty();
    }
  }

  @Test
  void zeroPermsAreAValidAcl() {
    // ZooKeeper accepts world:anyone with no permissions (the node is then unreadable).
    assertThat(Acls.fixup(List.of(new Acl(0, Id.ANYONE)), List.of())).hasSize(1);
  }
}
