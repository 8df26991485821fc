package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.it.harness.FourLetterWords;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data and children reads/writes, sizes, multi and multiRead, sync. */
public abstract class DataContract extends ServerContract {
  /** jute.maxbuffer's default: the largest frame a default server or client accepts. */
  static final int FRAME_BYTES_MAX = 1024 * 1024 - 1;

  /** Large data that still fits in one default frame together with path, header and Stat. */
  static final int DATA_BYTES_LARGE = FRAME_BYTES_MAX - 1024;

  @Test
  void nullAndEmptyDataAreDistinct() throws Exception {
    ZooKeeper zk = clients.connect();
    String nullPath = uniquePath();
    String emptyPath = uniquePath();
    zk.create(nullPath, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(emptyPath, new byte[0], Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Stat stat = new Stat();
    assertThat(zk.getData(nullPath, false, stat)).isNull();
    assertThat(stat.getDataLength()).isZero();
    assertThat(zk.getData(emptyPath, false, stat)).isEmpty();
    assertThat(stat.getDataLength()).isZero();

    zk.setData(emptyPath, null, -1);
    assertThat(zk.getData(emptyPath, false, null)).isNull();
    zk.setData(nullPath, new byte[0], -1);
    assertThat(zk.getData(nullPath, false, null)).isEmpty();
  }

  @Test
  void largestDataRoundTrips() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    byte[] data = new byte[DATA_BYTES_LARGE];
    Arrays.fill(data, (byte) 7);
    data[0] = 1;
    data[data.length - 1] = 2;
    Stat set = zk.setData(path, data, -1);
    assertThat(set.getDataLength()).isEqualTo(DATA_BYTES_LARGE);
    Stat read = new Stat();
    assertThat(zk.getData(path, false, read)).isEqualTo(data);
    assertThat(read).isEqualTo(set);
  }

  /** 1 MB - 1 of data does not fit: the frame also carries header, path and version. */
  @ParameterizedTest
  @ValueSource(ints = {FRAME_BYTES_MAX, FRAME_BYTES_MAX + 1024, 4 * FRAME_BYTES_MAX})
  void oversizedSetDataLosesConnectionAndServerKeepsServing(int dataBytes) throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, bytes("before"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    byte[] tooBig = new byte[dataBytes];
    assertThatThrownBy(() -> zk.setData(path, tooBig, -1))
        .isInstanceOf(KeeperException.ConnectionLossException.class);

    assertThat(FourLetterWords.send(server.port(), "ruok")).isEqualTo("imok");
    ZooKeeper other = clients.connect();
    assertThat(other.getData(path, false, null)).isEqualTo(bytes("before"));
    other.create(path + "/after", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    // The same client reconnects to its session and goes on.
    assertThat(zk.getChildren(path, false)).containsExactly("after");
  }

  @Test
  void getChildrenWithAndWithoutStat() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, bytes("pp"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    for (String name : List.of("b", "a", "c")) {
      zk.create(parent + "/" + name, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    }
    assertThat(zk.getChildren(parent, false)).containsExactlyInAnyOrder("a", "b", "c");
    Stat stat = new Stat();
    assertThat(zk.getChildren(parent, false, stat)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(stat).isEqualTo(zk.exists(parent, false));
    assertThat(stat.getNumChildren()).isEqualTo(3);
    assertThat(stat.getCversion()).isEqualTo(3);
    assertThat(stat.getDataLength()).isEqualTo(2);
    assertThat(zk.getChildren(parent + "/a", false)).isEmpty();
  }

  @Test
  void allChildrenNumberCountsDescendants() throws Exception {
    ZooKeeper zk = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/a/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/a/b/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    zk.create(parent + "/d", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(zk.getAllChildrenNumber(parent)).isEqualTo(4);
    assertThat(zk.getAllChildrenNumber(parent + "/a")).isEqualTo(2);
    assertThat(zk.getAllChildrenNumber(parent + "/d")).isZero();
    assertThatThrownBy(() -> zk.getAllChildrenNumber(parent + "/missing"))
        .isInstanceOf(KeeperException.NoNodeException.class);
  }

  @Test
  void getEphemeralsListsOnlyThisSessionsEphemerals() throws Exception {
    ZooKeeper zk = clients.connect();
    ZooKeeper other = clients.connect();
    String parent = uniquePath();
    zk.create(parent, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(parent + "/e1", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    zk.create(parent + "/e2", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    zk.create(parent + "/p", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    other.create(parent + "/o", null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    String outside = uniquePath();
    zk.create(outside, null, Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

    assertThat(zk.getEphemerals())
        .containsExactlyInAnyOrder(parent + "/e1", parent + "/e2", outside);
    assertThat(zk.getEphemerals(parent)).containsExactlyInAnyOrder(parent + "/e1", parent + "/e2");
    assertThat(zk.getEphemerals(parent + "/e1")).containsExactly(parent + "/e1");
    assertThat(other.getEphemerals()).containsExactly(parent + "/o");
  }

  @Test
  void multiSuccessReturnsPerOpResults() throws Exception {
    ZooKeeper zk = clients.connect();
    String base = uniquePath();
    zk.create(base, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(base + "/old", bytes("o"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    List<OpResult> results =
        zk.multi(
            List.of(
                Op.create(base + "/new", bytes("n"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(
                    base + "/seq-", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                Op.setData(base + "/old", bytes("changed"), 0),
                Op.check(base + "/old", 1),
                Op.delete(base + "/old", 1)));

    assertThat(results).hasSize(5);
    assertThat(results.get(0)).isInstanceOf(OpResult.CreateResult.class);
    assertThat(((OpResult.CreateResult) results.get(0)).getPath()).isEqualTo(base + "/new");
    assertThat(((OpResult.CreateResult) results.get(1)).getPath())
        .isEqualTo(base + "/seq-0000000002");
    OpResult.SetDataResult setData = (OpResult.SetDataResult) results.get(2);
    assertThat(setData.getStat().getVersion()).isEqualTo(1);
    assertThat(setData.getStat().getDataLength()).isEqualTo(7);
    assertThat(results.get(3)).isInstanceOf(OpResult.CheckResult.class);
    assertThat(results.get(4)).isInstanceOf(OpResult.DeleteResult.class);

    // All ops of one multi share one zxid.
    Stat created = zk.exists(base + "/new", false);
    assertThat(setData.getStat().getMzxid()).isEqualTo(created.getCzxid());
    assertThat(zk.exists(base + "/old", false)).isNull();
    assertThat(zk.exists(base, false).getPzxid()).isEqualTo(created.getCzxid());
  }

  @Test
  void multiFailureReportsFailingOpAndChangesNothing() throws Exception {
    ZooKeeper zk = clients.connect();
    String base = uniquePath();
    zk.create(base, bytes("b"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Stat before = zk.exists(base, false);

    List<Op> ops =
        List.of(
            Op.create(base + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.setData(base, bytes("x"), 0),
            Op.check(base + "/missing", -1),
            Op.create(base + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    KeeperException failure = null;
    try {
      zk.multi(ops);
    } catch (KeeperException e) {
      failure = e;
    }
    assertThat(failure).isInstanceOf(KeeperException.NoNodeException.class);
    List<OpResult> results = failure.getResults();
    assertThat(results).hasSize(4);
    assertThat(results)
        .allSatisfy(result -> assertThat(result).isInstanceOf(OpResult.ErrorResult.class));
    assertThat(results.stream().map(r -> ((OpResult.ErrorResult) r).getErr()))
        .containsExactly(
            KeeperException.Code.OK.intValue(),
            KeeperException.Code.OK.intValue(),
            KeeperException.Code.NONODE.intValue(),
            KeeperException.Code.RUNTIMEINCONSISTENCY.intValue());

    assertThat(zk.exists(base + "/a", false)).isNull();
    assertThat(zk.exists(base, false)).isEqualTo(before);
    assertThat(zk.getData(base, false, null)).isEqualTo(bytes("b"));
  }

  @Test
  void multiReadReturnsEachReadsResultOrError() throws Exception {
    ZooKeeper zk = clients.connect();
    String base = uniquePath();
    zk.create(base, bytes("data"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.create(base + "/k", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    List<OpResult> results =
        zk.multi(
            List.of(
                Op.getChildren(base),
                Op.getData(base),
                Op.getData(base + "/missing"),
                Op.getChildren(base + "/k")));
    assertThat(results).hasSize(4);
    assertThat(((OpResult.GetChildrenResult) results.get(0)).getChildren()).containsExactly("k");
    OpResult.GetDataResult data = (OpResult.GetDataResult) results.get(1);
    assertThat(data.getData()).isEqualTo(bytes("data"));
    assertThat(data.getStat()).isEqualTo(zk.exists(base, false));
    assertThat(((OpResult.ErrorResult) results.get(2)).getErr())
        .isEqualTo(KeeperException.Code.NONODE.intValue());
    assertThat(((OpResult.GetChildrenResult) results.get(3)).getChildren()).isEmpty();
  }

  @Test
  void syncCompletesWithOkAndPath() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    CompletableFuture<String> done = new CompletableFuture<>();
    zk.sync(path, (rc, syncedPath, ctx) -> done.complete(rc + " " + syncedPath + " " + ctx), "ctx");
    assertThat(done.get(20, TimeUnit.SECONDS)).isEqualTo("0 " + path + " ctx");
  }
}
