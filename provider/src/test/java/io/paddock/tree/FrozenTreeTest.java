package io.paddock.tree;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnGen;
import io.paddock.txn.TxnOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrozenTreeTest {
  private static final TreeConfig MAX = new TreeConfig(1 << 20);

  private static List<Txn> txns(long seed, int count) {
    TxnGen gen = new TxnGen(seed, 1);
    List<Txn> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(gen.next());
    }
    return out;
  }

  private static DataTree applied(List<Txn> txns) {
    DataTree tree = new DataTree(MAX);
    txns.forEach(tree::apply);
    return tree;
  }

  /** A new tree with the frozen view's contents, as a snapshot load would build it. */
  static DataTree restore(FrozenTree view) {
    TreeRestorer r = DataTree.restorer(MAX, view.zxid());
    view.sessions().forEach(r::session);
    view.forEachNode(r::node);
    return r.finish();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void aFrozenViewKeepsTheStateOfItsZxidWhileTheTreeChanges(long seed) {
    List<Txn> all = txns(seed, 3000);
    DataTree live = new DataTree(MAX);
    all.subList(0, 1000).forEach(live::apply);
    FrozenTree view = live.freeze();
    all.subList(1000, 2000).forEach(live::apply);
    assertThat(live.pendingMerge()).as("pre-freeze states of the changed nodes").isPositive();
    assertSameState(restore(view), applied(all.subList(0, 1000)));
    assertSameState(live, applied(all.subList(0, 2000)));
    live.release(view);
    assertThat(live.pendingMerge()).as("release drops them").isZero();
    assertThat(live.mergeStep(7)).isFalse();
    all.subList(2000, 2500).forEach(live::apply);
    FrozenTree second = live.freeze();
    assertThat(live.pendingMerge()).as("nothing changed yet").isZero();
    all.subList(2500, 3000).forEach(live::apply);
    assertSameState(restore(second), applied(all.subList(0, 2500)));
    live.release(second);
    assertThat(live.pendingMerge()).isZero();
    assertThat(live.mergeStep(100)).isFalse();
    assertSameState(live, applied(all));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void anotherThreadCanReadTheViewWhileTheOwnerApplies(long seed) throws Exception {
    List<Txn> all = txns(seed, 20_000);
    DataTree live = new DataTree(MAX);
    all.subList(0, 10_000).forEach(live::apply);
    FrozenTree view = live.freeze();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<DataTree> restored = reader.submit(() -> restore(view));
      all.subList(10_000, 20_000).forEach(live::apply);
      assertSameState(restored.get(), applied(all.subList(0, 10_000)));
    } finally {
      reader.shutdown();
    }
    live.release(view);
    assertSameState(live, applied(all));
  }

  @Test
  void freezeTwiceOrReleaseTheWrongViewIsABug() {
    DataTree tree = new DataTree(MAX);
    FrozenTree view = tree.freeze();
    assertThatThrownBy(tree::freeze).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new DataTree(MAX).release(view))
        .isInstanceOf(IllegalStateException.class);
    tree.release(view);
    assertThatThrownBy(() -> tree.release(view)).isInstanceOf(IllegalStateException.class);
    FrozenTree next = tree.freeze();
    assertThatThrownBy(() -> tree.release(view)).isInstanceOf(IllegalStateException.class);
    tree.release(next);
  }

  @Test
  void theViewListsTheReservedNodesAndSessions() {
    DataTree tree = new DataTree(MAX);
    tree.apply(new Txn(1, 5, 9, 0, List.of(), new io.paddock.txn.TxnOp.CreateSession(9, 3000)));
    FrozenTree view = tree.freeze();
    List<String> paths = new ArrayList<>();
    view.forEachNode(n -> paths.add(n.path()));
    assertThat(paths)
        .containsExactlyInAnyOrder("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");
    assertThat(view.sessions()).isEqualTo(Map.of(9L, 3000));
    assertThat(view.zxid()).isEqualTo(1);
    assertThat(view.nodeCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void restoreBuildsTheSameTreeWhateverTheOrderOfTheRecords(long seed) {
    DataTree live = applied(txns(seed, 2000));
    FrozenTree view = live.freeze();
    List<NodeRecord> records = new ArrayList<>();
    view.forEachNode(records::add);
    Collections.shuffle(records, new Random(seed)); // children before parents
    TreeRestorer r = DataTree.restorer(MAX, view.zxid());
    view.sessions().forEach(r::session);
    records.forEach(r::node);
    assertSameState(r.finish(), live);
    TreeRestorer duplicate = DataTree.restorer(MAX, view.zxid());
    records.forEach(duplicate::node);
    NodeRecord again = records.get(records.size() / 2);
    assertThatThrownBy(() -> duplicate.node(again)).hasMessageContaining("twice");
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22})
  void restoreInWriteOrderWithASizedIndexFindsParentsAndDuplicates(long seed) {
    DataTree live = applied(txns(seed, 3000));
    FrozenTree view = live.freeze();
    List<NodeRecord> records = new ArrayList<>();
    view.forEachNode(records::add); // the order a snapshot has: siblings one after the other
    TreeRestorer r = DataTree.restorer(MAX, view.zxid());
    r.expectNodes(records.size());
    view.sessions().forEach(r::session);
    records.forEach(r::node);
    assertSameState(r.finish(), live);
    // A damaged count must not make the restorer reserve memory for it.
    TreeRestorer huge = DataTree.restorer(MAX, view.zxid());
    huge.expectNodes(Integer.MAX_VALUE);
    view.sessions().forEach(huge::session);
    records.forEach(huge::node);
    assertSameState(huge.finish(), live);
    // A path repeated right after itself hits the remembered parent, not the index.
    TreeRestorer duplicate = DataTree.restorer(MAX, view.zxid());
    duplicate.expectNodes(records.size());
    NodeRecord last = null;
    for (NodeRecord rec : records) {
      duplicate.node(rec);
      last = rec;
    }
    NodeRecord again = last;
    assertThatThrownBy(() -> duplicate.node(again)).hasMessageContaining("twice");
  }

  @Test
  void restoreRejectsOrphansDuplicatesAndAMissingRoot() {
    NodeRecord root = record("/");
    TreeRestorer orphan = DataTree.restorer(MAX, 1);
    orphan.node(root);
    orphan.node(record("/a/b"));
    assertThatThrownBy(orphan::finish).hasMessageContaining("/a/b has no parent");
    TreeRestorer twice = DataTree.restorer(MAX, 1);
    twice.node(root);
    assertThatThrownBy(() -> twice.node(root)).hasMessageContaining("twice");
    TreeRestorer rootless = DataTree.restorer(MAX, 1);
    rootless.node(record("/a"));
    assertThatThrownBy(rootless::finish).hasMessageContaining("no root");
    assertThatThrownBy(() -> DataTree.restorer(MAX, 1).node(record("a")))
        .hasMessageContaining("not a znode path");
  }

  private static Txn txn(long zxid, long session, TxnOp op) {
    return new Txn(zxid, 1000 + zxid, session, (int) zxid, List.of(), op);
  }

  private static TxnOp create(String path, String data, CreateMode mode) {
    long ttlMs = mode.isTtl() ? 60_000 : 0;
    return new TxnOp.Create(
        path, data.getBytes(StandardCharsets.UTF_8), Acl.OPEN_ACL_UNSAFE, mode, ttlMs);
  }

  @Test
  void restoreBringsBackQuotaRootsRawCountersAndIndexes() {
    TreeConfig enforced = new TreeConfig(1 << 20, true);
    DataTree live = new DataTree(enforced);
    long z = 0;
    live.apply(txn(++z, 7, new TxnOp.CreateSession(7, 3000)));
    live.apply(txn(++z, 7, create("/zz", "", CreateMode.PERSISTENT)));
    live.apply(txn(++z, 7, create("/zz/a", "12345", CreateMode.PERSISTENT)));
    live.apply(txn(++z, 7, create("/zz/b", "", CreateMode.PERSISTENT)));
    live.apply(txn(++z, 7, new TxnOp.Delete("/zz/b", -1))); // raw cversion 2, visible 3
    live.apply(txn(++z, 7, create("/zz/e", "", CreateMode.EPHEMERAL)));
    live.apply(txn(++z, 7, create("/c", "", CreateMode.CONTAINER)));
    live.apply(txn(++z, 7, create("/t", "", CreateMode.PERSISTENT_WITH_TTL)));
    live.apply(txn(++z, 7, create("/zookeeper/quota/zz", "", CreateMode.PERSISTENT)));
    live.apply(
        txn(
            ++z,
            7,
            create(
                "/zookeeper/quota/zz/zookeeper_limits",
                "count=-1,bytes=-1,countHardLimit=4,byteHardLimit=-1",
                CreateMode.PERSISTENT)));
    live.apply(
        txn(++z, 7, create("/zookeeper/quota/zz/zookeeper_stats", "", CreateMode.PERSISTENT)));
    FrozenTree view = live.freeze();
    DataTree restored = restore(view, enforced);
    live.release(view);
    assertSameState(restored, live);
    assertThat(restored.get("/zz").cversionRaw()).isEqualTo(3);
    assertThat(restored.get("/zookeeper/quota/zz/zookeeper_stats").data())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("count=3,bytes=5");
    // The quota root came back: the fifth node is over the hard limit of 4 in both, the usage moves
    // the same way.
    for (DataTree tree : List.of(live, restored)) {
      assertThat(tree.apply(txn(z + 1, 7, create("/zz/f", "", CreateMode.PERSISTENT))).ok())
          .isTrue();
      assertThat(tree.apply(txn(z + 2, 7, create("/zz/g", "", CreateMode.PERSISTENT))).error())
          .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    }
    assertSameState(restored, live);
  }

  static DataTree restore(FrozenTree view, TreeConfig config) {
    TreeRestorer r = DataTree.restorer(config, view.zxid());
    view.sessions().forEach(r::session);
    view.forEachNode(r::node);
    return r.finish();
  }

  private static NodeRecord record(String path) {
    return new NodeRecord(path, new byte[0], Acl.OPEN_ACL_UNSAFE, 1, 1, 1, 0, 0, 0, 0, 0, 0);
  }
}
