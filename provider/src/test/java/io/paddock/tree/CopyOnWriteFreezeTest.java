package io.paddock.tree;

import static io.paddock.tree.TreeAssert.assertSameState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.txn.Txn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The copy-on-write freeze: a view read while the tree goes on changing is exactly the state at the
 * freeze zxid, as a tree rebuilt by replaying the same transactions up to it; releasing it leaves
 * nothing behind.
 */
class CopyOnWriteFreezeTest {
  private static final TreeConfig MAX = new TreeConfig(1 << 20);

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 60);
  }

  private static DataTree replay(List<Txn> txns) {
    DataTree tree = new DataTree(MAX);
    txns.forEach(tree::apply);
    return tree;
  }

  private static DataTree restore(long zxid, FrozenTree view, List<NodeRecord> records) {
    TreeRestorer r = DataTree.restorer(MAX, zxid);
    view.sessions().forEach(r::session);
    records.forEach(r::node);
    return r.finish();
  }

  /**
   * The reader's walk and the owner's applies interleave at every step, on one thread: the visitor
   * applies a few transactions (a random number, often none) each time it is handed a node, so
   * changes land between any two nodes of the walk, including to nodes not yet reached, nodes
   * already read, and parents whose children the walk is going through.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void aViewReadWhileTheTreeChangesIsTheStateAtTheFreeze(long seed) {
    Random random = new Random(seed);
    List<Txn> all = new TreeTxnGen(seed).next(2500);
    int frozenAt = 300 + random.nextInt(1500);
    DataTree live = replay(all.subList(0, frozenAt));
    FrozenTree view = live.freeze();
    assertThat(view.zxid()).isEqualTo(frozenAt);
    Iterator<Txn> rest = all.subList(frozenAt, all.size()).iterator();
    List<NodeRecord> records = new ArrayList<>();
    view.forEachNode(
        r -> {
          records.add(r);
          for (int k = random.nextInt(4) - 1; k > 0 && rest.hasNext(); k--) {
            live.apply(rest.next());
          }
        });
    rest.forEachRemaining(live::apply);
    DataTree expected = replay(all.subList(0, frozenAt));
    assertThat(records).hasSize(view.nodeCount());
    assertSameState(restore(view.zxid(), view, records), expected);
    // Read again after every change: still the frozen state.
    List<NodeRecord> again = new ArrayList<>();
    view.forEachNode(again::add);
    assertSameState(restore(view.zxid(), view, again), expected);
    assertThat(live.pendingMerge())
        .as("pre-freeze states saved: one per changed node that existed at the freeze")
        .isPositive()
        .isLessThanOrEqualTo(view.nodeCount());

    live.release(view);
    assertReleasedWithoutResidue(live, view);
    assertSameState(live, replay(all));
  }

  private static void assertReleasedWithoutResidue(DataTree live, FrozenTree view) {
    assertThat(live.pendingMerge()).isZero();
    assertThat(view.copyOnWrite().savedCount()).as("the side map is dropped").isZero();
    assertThat(live.mergeStep(10_000)).as("nothing to merge back").isFalse();
    assertThatThrownBy(() -> view.forEachNode(r -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void freezingAgainAfterAReleaseStartsClean(long seed) {
    List<Txn> all = new TreeTxnGen(seed).next(1801);
    DataTree live = replay(all.subList(0, 600));
    for (int round = 1; round <= 2; round++) {
      int frozenAt = 600 * round;
      FrozenTree view = live.freeze();
      all.subList(frozenAt, frozenAt + 600).forEach(live::apply);
      List<NodeRecord> records = new ArrayList<>();
      view.forEachNode(records::add);
      assertSameState(restore(view.zxid(), view, records), replay(all.subList(0, frozenAt)));
      live.release(view);
      assertReleasedWithoutResidue(live, view);
    }
    // With no view out, changes save nothing.
    live.apply(all.get(1800));
    assertThat(live.pendingMerge()).isZero();
    assertSameState(live, replay(all));
  }

  @Test
  void nothingIsSavedForNodesCreatedAfterTheFreeze() {
    TreeTxnGen gen = new TreeTxnGen(7);
    List<Txn> bulk = gen.bulk(3000);
    DataTree live = replay(bulk);
    FrozenTree view = live.freeze();
    // Three new parents with children below them: only the root (the new parents' parent) changes
    // among the nodes of the view.
    List<Txn> more = gen.bulk(3000);
    more.forEach(live::apply);
    assertThat(live.pendingMerge()).isEqualTo(1);
    List<NodeRecord> records = new ArrayList<>();
    view.forEachNode(records::add);
    assertSameState(restore(view.zxid(), view, records), replay(bulk));
    live.release(view);
  }

  /**
   * A replica installs its leader's state while a local snapshot is being read: the view still
   * reads the old state (whose nodes nothing changes any more), stops collecting saved states, and
   * is released as usual.
   */
  @Test
  void replaceContentsLeavesAnOutstandingViewOnTheOldState() {
    List<Txn> mine = new TreeTxnGen(3).next(1500);
    List<Txn> leaders = new TreeTxnGen(4).next(2000);
    DataTree live = replay(mine.subList(0, 1000));
    FrozenTree view = live.freeze();
    mine.subList(1000, 1500).forEach(live::apply);
    int savedBefore = live.pendingMerge();
    live.replaceContents(replay(leaders.subList(0, 1800)));
    leaders.subList(1800, 2000).forEach(live::apply);
    assertThat(live.pendingMerge()).as("nothing saved after the swap").isEqualTo(savedBefore);
    assertThatThrownBy(live::freeze).isInstanceOf(IllegalStateException.class);
    List<NodeRecord> records = new ArrayList<>();
    view.forEachNode(records::add);
    assertSameState(restore(view.zxid(), view, records), replay(mine.subList(0, 1000)));
    live.release(view);
    assertReleasedWithoutResidue(live, view);
    assertSameState(live, replay(leaders));
    FrozenTree next = live.freeze();
    List<NodeRecord> now = new ArrayList<>();
    next.forEachNode(now::add);
    assertSameState(restore(next.zxid(), next, now), replay(leaders));
    live.release(next);
  }

  @Test
  void aFullCopyNeedsNoReleaseAndCanBeTakenWhileAViewIsOut() {
    List<Txn> all = new TreeTxnGen(5).next(2000);
    DataTree live = replay(all.subList(0, 1000));
    FrozenTree view = live.freeze();
    all.subList(1000, 1500).forEach(live::apply);
    FrozenTree copy = live.copyView();
    all.subList(1500, 2000).forEach(live::apply);
    List<NodeRecord> copied = new ArrayList<>();
    copy.forEachNode(copied::add);
    assertSameState(restore(copy.zxid(), copy, copied), replay(all.subList(0, 1500)));
    List<NodeRecord> frozen = new ArrayList<>();
    view.forEachNode(frozen::add);
    assertSameState(restore(view.zxid(), view, frozen), replay(all.subList(0, 1000)));
    live.release(view);
  }

  /**
   * A real reader thread walks the view while this thread applies. The reader stops halfway until
   * this thread has applied a share of the changes, so the two surely overlap; everything is
   * bounded by deadlines.
   */
  @ParameterizedTest
  @MethodSource("concurrentSeeds")
  void aReaderThreadSeesTheFrozenStateWhileTheOwnerApplies(long seed) throws Exception {
    TreeTxnGen gen = new TreeTxnGen(seed);
    List<Txn> before = new ArrayList<>(gen.bulk(20_000));
    before.addAll(gen.next(2000));
    List<Txn> after = gen.next(20_000);
    DataTree live = replay(before);
    FrozenTree view = live.freeze();
    CountDownLatch halfway = new CountDownLatch(1);
    CountDownLatch applied = new CountDownLatch(1);
    AtomicInteger visited = new AtomicInteger();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<List<NodeRecord>> read =
          reader.submit(
              () -> {
                List<NodeRecord> records = new ArrayList<>();
                view.forEachNode(
                    r -> {
                      records.add(r);
                      if (visited.incrementAndGet() == view.nodeCount() / 2) {
                        halfway.countDown();
                        awaitOrFail(applied);
                      }
                    });
                return records;
              });
      int done = 0;
      for (Txn txn : after) {
        live.apply(txn);
        if (++done == after.size() / 4) {
          applied.countDown(); // the rest is applied while the reader goes on
        }
      }
      assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
      List<NodeRecord> records = read.get(60, TimeUnit.SECONDS);
      assertSameState(restore(view.zxid(), view, records), replay(before));
    } finally {
      reader.shutdownNow();
    }
    live.release(view);
    List<Txn> all = new ArrayList<>(before);
    all.addAll(after);
    assertSameState(live, replay(all));
  }

  static LongStream concurrentSeeds() {
    return LongStream.rangeClosed(101, 104);
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the owner did not apply in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
