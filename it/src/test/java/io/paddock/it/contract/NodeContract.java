package io.paddock.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/** Create and delete in every mode, exact Stat bookkeeping, the error codes, sequential names. */
public abstract class NodeContract extends ServerContract {
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void persistentCreateHasExactStatAndUpdatesParent() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    Stat parentCreated = new Stat();
    zk.create(parent, bytes("p"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, parentCreated);

    Stat created = new Stat();
    String path =
        zk.create(
            parent + "/a", bytes("hello"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);

    assertThat(path).isEqualTo(parent + "/a");
    assertThat(created.getCzxid()).isGreaterThan(parentCreated.getCzxid());
    assertThat(created.getMzxid()).isEqualTo(created.getCzxid());
    assertThat(created.getPzxid()).isEqualTo(created.getCzxid());
    assertThat(created.getCtime()).isEqualTo(created.getMtime()).isPositive();
    assertThat(created.getVersion()).isZero();
    assertThat(created.getCversion()).isZero();
    assertThat(created.getAversion()).isZero();
    assertThat(created.getEphemeralOwner()).isZero();
    assertThat(created.getDataLength()).isEqualTo(5);
    assertThat(created.getNumChildren()).isZero();
    assertThat(zk.exists(path, false)).isEqualTo(created);

    Stat parentNow = zk.exists(parent, false);
    assertThat(parentNow.getCzxid()).isEqualTo(parentCreated.getCzxid());
    assertThat(parentNow.getMzxid()).isEqualTo(parentCreated.getMzxid());
    assertThat(parentNow.getPzxid()).isEqualTo(created.getCzxid());
    assertThat(parentNow.getCversion()).isEqualTo(1);
    assertThat(parentNow.getVersion()).isZero();
    assertThat(parentNow.getNumChildren()).isEqualTo(1);
    assertThat(parentNow.getDataLength()).isEqualTo(1);
  }

  @Test
  void deleteUpdatesParentPzxidAndCversion() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Stat child = new Stat();
    zk.create(parent + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, child);
    zk.delete(parent + "/c", 0);

    Stat parentNow = zk.exists(parent, false);
    assertThat(parentNow.getCversion()).isEqualTo(2);
    assertThat(parentNow.getNumChildren()).isZero();
    assertThat(parentNow.getPzxid()).isGreaterThan(child.getCzxid());
    assertThat(parentNow.getMzxid()).isEqualTo(parentNow.getCzxid());
    assertThat(zk.exists(parent + "/c", false)).isNull();

    // The delete's zxid is the pzxid: the next write gets the next zxid.
    Stat next = new Stat();
    zk.create(uniquePath(), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, next);
    assertThat(next.getCzxid()).isEqualTo(parentNow.getPzxid() + 1);
  }

  @Test
  void zxidsIncreaseByOnePerWrite() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    Stat created = new Stat();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, created);
    Stat set = zk.setData(path, bytes("x"), 0);
    assertThat(set.getMzxid()).isEqualTo(created.getCzxid() + 1);
    assertThat(set.getCzxid()).isEqualTo(created.getCzxid());
    assertThat(set.getPzxid()).isEqualTo(created.getCzxid());
    assertThat(set.getVersion()).isEqualTo(1);
    assertThat(set.getDataLength()).isEqualTo(1);
    assertThat(set.getMtime()).isGreaterThanOrEqualTo(created.getMtime());
    assertThat(set.getCtime()).isEqualTo(created.getCtime());
  }

  @Test
  void ephemeralNodeIsOwnedBySession() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    Stat created = new Stat();
    zk.create(path, bytes("e"), Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, created);
    assertThat(created.getEphemeralOwner()).isEqualTo(zk.getSessionId());
    assertThat(zk.exists(path, false).getEphemeralOwner()).isEqualTo(zk.getSessionId());
  }

  @Test
  void ephemeralNodeCannotHaveChildren() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    assertThatThrownBy(
            () -> zk.create(path + "/child", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOfSatisfying(
            KeeperException.class,
            e -> {
              assertThat(e.code()).isEqualTo(KeeperException.Code.NOCHILDRENFOREPHEMERALS);
              assertThat(e.getPath()).isEqualTo(path + "/child");
            });
  }

  @Test
  void containerNodeReportsNoEphemeralOwner() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    Stat created = new Stat();
    zk.create(path, bytes("c"), Ids.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, created);
    // ZooKeeper keeps an internal marker for containers but reports ephemeralOwner 0 to clients.
    assertThat(created.getEphemeralOwner()).isZero();
    assertThat(created.getMzxid()).isEqualTo(created.getCzxid());
    assertThat(created.getVersion()).isZero();
    assertThat(created.getDataLength()).isEqualTo(1);
    assertThat(zk.exists(path, false)).isEqualTo(created);
  }

  @Test
  void ttlNodeReportsNoEphemeralOwner() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    Stat created = new Stat();
    zk.create(
        path, bytes("t"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, created, 60_000L);
    // Like containers: the TTL lives in an internal marker, clients see ephemeralOwner 0.
    assertThat(created.getEphemeralOwner()).isZero();
    assertThat(created.getVersion()).isZero();
    assertThat(created.getDataLength()).isEqualTo(1);
    assertThat(zk.exists(path, false)).isEqualTo(created);

    Stat sequential = new Stat();
    String seqPath =
        zk.create(
            path + "/s-",
            null,
            Ids.OPEN_ACL_UNSAFE,
            CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL,
            sequential,
            1234L);
    assertThat(seqPath).isEqualTo(path + "/s-0000000000");
    assertThat(sequential.getEphemeralOwner()).isZero();
  }

  @Test
  void sequentialNamesCountChildCreatesWithTenDigits() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    String first =
        zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    assertThat(first).isEqualTo(parent + "/s-0000000000");

    zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    String second =
        zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    assertThat(second).isEqualTo(parent + "/s-0000000002");
    assertThat(zk.exists(parent, false).getCversion()).isEqualTo(3);

    String noPrefix =
        zk.create(parent + "/", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    assertThat(noPrefix).isEqualTo(parent + "/0000000003");
    assertThat(zk.getChildren(parent, false))
        .containsExactlyInAnyOrder("s-0000000000", "plain", "s-0000000002", "0000000003");
    assertThat(zk.exists(second, false).getEphemeralOwner()).isEqualTo(zk.getSessionId());
  }

  /**
   * Observed in ZooKeeper 3.9.5: a child delete raises the parent's cversion, but the sequential
   * suffix is the number of child creates so far, i.e. (cversion + numChildren) / 2 (after create,
   * create, delete: cversion 3, suffix 2). The same holds after a server restart.
   */
  @Test
  void sequentialSuffixIgnoresChildDeletes() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    zk.create(parent + "/plain", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.delete(parent + "/plain", -1);
    assertThat(zk.exists(parent, false).getCversion()).isEqualTo(3);
    assertThat(
            zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
        .isEqualTo(parent + "/s-0000000002");
    zk.delete(parent + "/s-0000000000", -1);
    assertThat(zk.exists(parent, false).getCversion()).isEqualTo(5);
    assertThat(
            zk.create(parent + "/s-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL))
        .isEqualTo(parent + "/s-0000000003");
  }

  @Test
  void createExistingFailsWithNodeExists() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThatThrownBy(() -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL))
        .isInstanceOfSatisfying(
            KeeperException.NodeExistsException.class,
            e -> assertThat(e.getPath()).isEqualTo(path));
  }

  @Test
  void createWithoutParentFailsWithNoNode() {
    ZooKeeper zk = clients.connect();
    String path = uniquePath() + "/child";
    assertThatThrownBy(() -> zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOfSatisfying(
            KeeperException.NoNodeException.class, e -> assertThat(e.getPath()).isEqualTo(path));
  }

  @Test
  void deleteChecksVersionExistenceAndChildren() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.setData(path, bytes("v1"), -1);

    assertThatThrownBy(() -> zk.delete(path, 0))
        .isInstanceOf(KeeperException.BadVersionException.class);
    zk.create(path + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThatThrownBy(() -> zk.delete(path, 1))
        .isInstanceOfSatisfying(
            KeeperException.NotEmptyException.class, e -> assertThat(e.getPath()).isEqualTo(path));
    zk.delete(path + "/c", -1);
    zk.delete(path, -1);
    assertThat(zk.exists(path, false)).isNull();
    assertThatThrownBy(() -> zk.delete(path, -1))
        .isInstanceOfSatisfying(
            KeeperException.NoNodeException.class, e -> assertThat(e.getPath()).isEqualTo(path));
  }

  @Test
  void setDataChecksVersionAndExistence() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.setData(path, bytes("a"), 0).getVersion()).isEqualTo(1);
    assertThatThrownBy(() -> zk.setData(path, bytes("b"), 0))
        .isInstanceOfSatisfying(
            KeeperException.BadVersionException.class,
            e -> assertThat(e.getPath()).isEqualTo(path));
    assertThat(zk.setData(path, bytes("c"), -1).getVersion()).isEqualTo(2);
    assertThatThrownBy(() -> zk.setData(path + "/missing", bytes("b"), -1))
        .isInstanceOf(KeeperException.NoNodeException.class);
    assertThatThrownBy(() -> zk.getData(path + "/missing", false, null))
        .isInstanceOf(KeeperException.NoNodeException.class);
    assertThatThrownBy(() -> zk.getChildren(path + "/missing", false))
        .isInstanceOf(KeeperException.NoNodeException.class);
    assertThat(zk.exists(path + "/missing", false)).isNull();
  }

  @Test
  void reservedZookeeperNodeExists() throws Exception {
    ZooKeeper zk = clients.connect();
    assertThat(zk.getChildren("/", false)).contains("zookeeper");
    assertThat(zk.getChildren("/zookeeper", false)).containsExactlyInAnyOrder("quota", "config");
    Stat root = zk.exists("/", false);
    assertThat(root.getCzxid()).isZero();
    assertThat(root.getEphemeralOwner()).isZero();
    Stat zookeeper = zk.exists("/zookeeper", false);
    assertThat(zookeeper.getCzxid()).isZero();
    assertThat(zookeeper.getEphemeralOwner()).isZero();
    assertThatThrownBy(() -> zk.delete("/zookeeper", -1)).isInstanceOf(KeeperException.class);
  }
}
