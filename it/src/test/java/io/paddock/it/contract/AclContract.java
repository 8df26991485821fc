package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.it.harness.SuperDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** ACL schemes (world, digest, auth, ip, super), NoAuth per permission, InvalidACL, whoAmI. */
public abstract class AclContract extends ServerContract {
  private static final String ALICE = "alice:secret";

  /** A mutable list: the ZooKeeper client calls {@code contains(null)}, which List.of rejects. */
  private static List<ACL> acl(int perms, String scheme, String id) {
    List<ACL> acl = new ArrayList<>();
    acl.add(new ACL(perms, new Id(scheme, id)));
    return acl;
  }

  private static void assertNoAuth(ThrowingCall call, String path) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KeeperException.NoAuthException.class, e -> assertThat(e.getPath()).isEqualTo(path));
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void worldReadOnlyAclAllowsReadsOnly() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, bytes("r"), Ids.READ_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.getData(path, false, null)).isEqualTo(bytes("r"));
    assertThat(zk.getChildren(path, false)).isEmpty();
    assertNoAuth(() -> zk.setData(path, bytes("w"), -1), path);
    assertNoAuth(
        () -> zk.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
        path + "/c");
    assertNoAuth(() -> zk.setACL(path, Ids.OPEN_ACL_UNSAFE, -1), path);
    // Delete needs DELETE on the parent, not on the node itself.
    zk.delete(path, -1);
  }

  @Test
  void getAclReturnsAclAndSetAclChecksAversion() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Stat stat = new Stat();
    assertThat(zk.getACL(path, stat)).containsExactlyElementsOf(Ids.OPEN_ACL_UNSAFE);
    assertThat(stat.getAversion()).isZero();

    List<ACL> readWrite = acl(Perms.READ | Perms.WRITE | Perms.ADMIN, "world", "anyone");
    Stat changed = zk.setACL(path, readWrite, 0);
    assertThat(changed.getAversion()).isEqualTo(1);
    assertThat(changed.getVersion()).isZero();
    assertThat(changed.getMzxid()).isEqualTo(stat.getMzxid());
    assertThat(zk.getACL(path, stat)).containsExactlyElementsOf(readWrite);
    assertThatThrownBy(() -> zk.setACL(path, Ids.OPEN_ACL_UNSAFE, 0))
        .isInstanceOf(KeeperException.BadVersionException.class);
    assertThatThrownBy(() -> zk.getACL(path + "/missing", new Stat()))
        .isInstanceOf(KeeperException.NoNodeException.class);
  }

  @Test
  void digestAclNeedsMatchingAuth() throws Exception {
    ZooKeeper owner = clients.connect();
    owner.addAuthInfo("digest", bytes(ALICE));
    String path = uniquePath();
    List<ACL> aliceOnly = acl(Perms.ALL, "digest", SuperDigest.digestId(ALICE));
    owner.create(path, bytes("secret"), aliceOnly, CreateMode.PERSISTENT);
    assertThat(owner.getData(path, false, null)).isEqualTo(bytes("secret"));

    ZooKeeper stranger = clients.connect();
    assertNoAuth(() -> stranger.getData(path, false, null), path);
    assertNoAuth(() -> stranger.getChildren(path, false), path);
    assertNoAuth(() -> stranger.setData(path, bytes("x"), -1), path);
    // ZooKeeper 3.9 checks READ on exists of an existing node too.
    assertNoAuth(() -> stranger.exists(path, false), path);
    stranger.addAuthInfo("digest", bytes("alice:wrong"));
    assertNoAuth(() -> stranger.getData(path, false, null), path);
    stranger.addAuthInfo("digest", bytes(ALICE));
    assertThat(stranger.getData(path, false, null)).isEqualTo(bytes("secret"));
  }

  @Test
  void authSchemeBecomesTheCreatorsIdentity() throws Exception {
    ZooKeeper zk = clients.connect();
    zk.addAuthInfo("digest", bytes(ALICE));
    String path = uniquePath();
    zk.create(path, null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    assertThat(zk.getACL(path, new Stat()))
        .containsExactly(new ACL(Perms.ALL, new Id("digest", SuperDigest.digestId(ALICE))));

    String viaAuth = uniquePath();
    zk.create(viaAuth, null, acl(Perms.READ | Perms.ADMIN, "auth", ""), CreateMode.PERSISTENT);
    assertThat(zk.getACL(viaAuth, new Stat()))
        .containsExactly(
            new ACL(Perms.READ | Perms.ADMIN, new Id("digest", SuperDigest.digestId(ALICE))));

    // Without ADMIN, getACL masks the digest's password hash as "x".
    String readOnly = uniquePath();
    zk.create(readOnly, null, acl(Perms.READ, "auth", ""), CreateMode.PERSISTENT);
    assertThat(zk.getACL(readOnly, new Stat()))
        .containsExactly(new ACL(Perms.READ, new Id("digest", "alice:x")));
  }

  @Test
  void creatorAclWithoutAuthIsInvalid() {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    assertThatThrownBy(() -> zk.create(path, null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT))
        .isInstanceOfSatisfying(
            KeeperException.InvalidACLException.class,
            e -> assertThat(e.getPath()).isEqualTo(path));
  }

  @Test
  void malformedAclsAreInvalid() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    List<List<ACL>> invalid = new ArrayList<>();
    invalid.add(new ArrayList<>());
    invalid.add(acl(Perms.ALL, "digest", "no-colon"));
    invalid.add(acl(Perms.ALL, "nosuchscheme", "x"));
    invalid.add(acl(Perms.ALL, "ip", "not-an-ip"));
    for (List<ACL> acl : invalid) {
      assertThatThrownBy(() -> zk.create(path, null, acl, CreateMode.PERSISTENT))
          .as("create with %s", acl)
          .isInstanceOf(KeeperException.InvalidACLException.class);
    }
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThatThrownBy(() -> zk.setACL(path, new ArrayList<>(), -1))
        .isInstanceOf(KeeperException.InvalidACLException.class);
    assertThat(zk.exists(path, false).getAversion()).isZero();
  }

  @Test
  void ipAclMatchesTheClientAddress() throws Exception {
    ZooKeeper zk = clients.connect();
    String mine = uniquePath();
    String other = uniquePath();
    String subnet = uniquePath();
    zk.create(mine, bytes("m"), acl(Perms.ALL, "ip", "127.0.0.1"), CreateMode.PERSISTENT);
    zk.create(other, bytes("o"), acl(Perms.ALL, "ip", "10.1.2.3"), CreateMode.PERSISTENT);
    zk.create(subnet, bytes("s"), acl(Perms.READ, "ip", "127.0.0.0/8"), CreateMode.PERSISTENT);
    assertThat(zk.getData(mine, false, null)).isEqualTo(bytes("m"));
    assertNoAuth(() -> zk.getData(other, false, null), other);
    assertThat(zk.getData(subnet, false, null)).isEqualTo(bytes("s"));
    assertNoAuth(() -> zk.setData(subnet, bytes("x"), -1), subnet);
  }

  @Test
  void eachPermissionIsCheckedOnItsOperation() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    int allButCreateDelete = Perms.ALL & ~Perms.CREATE & ~Perms.DELETE;
    zk.setACL(parent, acl(allButCreateDelete, "world", "anyone"), -1);
    assertNoAuth(
        () -> zk.create(parent + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
        parent + "/d");
    assertNoAuth(() -> zk.delete(parent + "/c", -1), parent + "/c");

    zk.setACL(parent, acl(Perms.CREATE | Perms.DELETE | Perms.ADMIN, "world", "anyone"), -1);
    assertNoAuth(() -> zk.getData(parent, false, null), parent);
    assertNoAuth(() -> zk.getChildren(parent, false), parent);
    assertNoAuth(() -> zk.setData(parent, bytes("x"), -1), parent);
    zk.create(parent + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.delete(parent + "/c", -1);
    // getACL needs no READ permission (only ADMIN or READ, as documented for 3.9).
    assertThat(zk.getACL(parent, new Stat())).hasSize(1);
  }

  @Test
  void superUserBypassesEveryAcl() throws Exception {
    ZooKeeper owner = clients.connect();
    owner.addAuthInfo("digest", bytes(ALICE));
    String path = uniquePath();
    owner.create(
        path,
        bytes("x"),
        acl(Perms.ALL, "digest", SuperDigest.digestId(ALICE)),
        CreateMode.PERSISTENT);
    owner.create(
        path + "/c", null, acl(0, "digest", SuperDigest.digestId(ALICE)), CreateMode.PERSISTENT);

    ZooKeeper admin = clients.connect();
    admin.addAuthInfo("digest", bytes(SuperDigest.SUPER_AUTH));
    assertThat(admin.getData(path, false, null)).isEqualTo(bytes("x"));
    admin.setData(path, bytes("y"), -1);
    admin.setACL(path + "/c", Ids.OPEN_ACL_UNSAFE, -1);
    admin.delete(path + "/c", -1);
    admin.delete(path, -1);
    assertThat(admin.exists(path, false)).isNull();
  }

  @Test
  void whoAmIListsTheSessionsIdentities() throws Exception {
    ZooKeeper zk = clients.connect();
    assertThat(zk.whoAmI()).containsExactly(new ClientInfo("ip", "127.0.0.1"));
    zk.addAuthInfo("digest", bytes(ALICE));
    assertThat(zk.whoAmI())
        .containsExactlyInAnyOrder(
            new ClientInfo("ip", "127.0.0.1"), new ClientInfo("digest", "alice"));
    zk.addAuthInfo("digest", bytes(SuperDigest.SUPER_AUTH));
    assertThat(zk.whoAmI())
        .containsExactlyInAnyOrder(
            new ClientInfo("ip", "127.0.0.1"),
            new ClientInfo("digest", "alice"),
            new ClientInfo("super", ""),
            new ClientInfo("digest", "super"));
  }
}
