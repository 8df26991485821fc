package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.EventType;
import io.paddock.api.Watcher;
import io.paddock.api.WatcherType;
import io.paddock.wire.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Client-side watch bookkeeping and setWatches batching. Pure. */
class ClientWatchRegistryTest {
  private final ClientWatchRegistry reg = new ClientWatchRegistry();
  private final Watcher a = e -> {};
  private final Watcher b = e -> {};

  @Test
  void oneShotWatchesFireOnceForTheMatchingEvents() {
    reg.add(WatchKind.DATA, "/n", a);
    reg.add(WatchKind.EXIST, "/m", b);
    reg.add(WatchKind.CHILD, "/n", b);
    assertThat(reg.materialize(EventType.NODE_CHILDREN_CHANGED, "/m")).isEmpty();
    assertThat(reg.materialize(EventType.NODE_CREATED, "/m")).containsExactly(b);
    assertThat(reg.materialize(EventType.NODE_CREATED, "/m")).isEmpty();
    assertThat(reg.materialize(EventType.NODE_DATA_CHANGED, "/n")).containsExactly(a);
    assertThat(reg.materialize(EventType.NODE_DATA_CHANGED, "/n")).isEmpty();
    assertThat(reg.materialize(EventType.NODE_CHILDREN_CHANGED, "/n")).containsExactly(b);
    assertThat(reg.snapshot().isEmpty()).isTrue();
  }

  @Test
  void deletionFiresDataExistAndChildWatchesOncePerWatcher() {
    reg.add(WatchKind.DATA, "/n", a);
    reg.add(WatchKind.CHILD, "/n", a);
    reg.add(WatchKind.CHILD, "/n", b);
    assertThat(reg.materialize(EventType.NODE_DELETED, "/n")).containsExactlyInAnyOrder(a, b);
    assertThat(reg.materialize(EventType.NODE_DELETED, "/n")).isEmpty();
  }

  @Test
  void persistentAndRecursiveWatchesStayAndMatchAsZooKeeperDoes() {
    reg.add(WatchKind.PERSISTENT, "/p", a);
    reg.add(WatchKind.PERSISTENT_RECURSIVE, "/", b);
    assertThat(reg.materialize(EventType.NODE_CHILDREN_CHANGED, "/p")).containsExactly(a);
    assertThat(reg.materialize(EventType.NODE_DATA_CHANGED, "/p")).containsExactly(a, b);
    assertThat(reg.materialize(EventType.NODE_DATA_CHANGED, "/p")).containsExactly(a, b);
    assertThat(reg.materialize(EventType.NODE_CREATED, "/p/q/r")).containsExactly(b);
    assertThat(reg.materialize(EventType.NODE_CHILDREN_CHANGED, "/p/q")).isEmpty();
    assertThat(reg.materialize(EventType.NONE, "/p")).isEmpty();
  }

  @Test
  void removalFindsByWatcherAndType() {
    reg.add(WatchKind.DATA, "/n", a);
    reg.add(WatchKind.EXIST, "/n", b);
    reg.add(WatchKind.CHILD, "/n", a);
    reg.add(WatchKind.PERSISTENT_RECURSIVE, "/n", a);
    assertThat(reg.find("/n", a, WatcherType.DATA))
        .containsExactly(new ClientWatchRegistry.Removed(a, WatchKind.DATA));
    assertThat(reg.find("/n", null, WatcherType.DATA)).hasSize(2);
    assertThat(reg.find("/n", b, WatcherType.CHILDREN)).isEmpty();
    assertThat(reg.remove("/n", a, WatcherType.ANY))
        .extracting(ClientWatchRegistry.Removed::kind)
        .containsExactly(WatchKind.DATA, WatchKind.CHILD, WatchKind.PERSISTENT_RECURSIVE);
    assertThat(reg.anyLeft("/n", WatcherType.DATA)).isTrue();
    assertThat(reg.anyLeft("/n", WatcherType.CHILDREN)).isFalse();
    assertThat(reg.remove("/n", null, WatcherType.DATA)).hasSize(1);
    assertThat(reg.snapshot().isEmpty()).isTrue();
    assertThat(WatchKind.EXIST.removalEvent()).isEqualTo(EventType.DATA_WATCH_REMOVED);
    assertThat(WatchKind.PERSISTENT.removalEvent()).isEqualTo(EventType.PERSISTENT_WATCH_REMOVED);
  }

  @Test
  void parentWalksUpToTheRoot() {
    assertThat(ClientWatchRegistry.parent("/a/b")).isEqualTo("/a");
    assertThat(ClientWatchRegistry.parent("/a")).isEqualTo("/");
    assertThat(ClientWatchRegistry.parent("/")).isNull();
  }

  @Test
  void setWatchesBatchesFitTheBudgetAndKeepEveryPath() {
    List<String> data = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      data.add("/data/" + i);
    }
    ClientWatchRegistry.Snapshot s =
        new ClientWatchRegistry.Snapshot(
            data, List.of("/e"), List.of("/c"), List.of("/p"), List.of("/r"));
    int budget = 200;
    List<Request> batches = SetWatchesBatcher.batches(77, s, budget);
    assertThat(batches.size()).isGreaterThan(5);
    List<String> seen = new ArrayList<>();
    for (Request r : batches) {
      int bytes = SetWatchesBatcher.FIXED_BYTES;
      List<List<String>> lists =
          r instanceof Request.SetWatches2 w2
              ? List.of(
                  w2.dataWatches(),
                  w2.existWatches(),
                  w2.childWatches(),
                  w2.persistentWatches(),
                  w2.persistentRecursiveWatches())
              : List.of(
                  ((Request.SetWatches) r).dataWatches(),
                  ((Request.SetWatches) r).existWatches(),
                  ((Request.SetWatches) r).childWatches());
      for (List<String> l : lists) {
        for (String p : l) {
          bytes += 4 + p.length();
          seen.add(p);
        }
      }
      assertThat(bytes).isLessThanOrEqualTo(budget);
    }
    assertThat(seen).hasSize(104);
    assertThat(batches.get(0)).isInstanceOf(Request.SetWatches.class);
    assertThat(batches.get(batches.size() - 1)).isInstanceOf(Request.SetWatches2.class);
    assertThat(((Request.SetWatches) batches.get(0)).relativeZxid()).isEqualTo(77);
    assertThat(SetWatchesBatcher.batches(1, reg.snapshot(), budget)).isEmpty();
    // One path bigger than the budget still goes out, alone.
    String huge = "/" + "x".repeat(500);
    assertThat(
            SetWatchesBatcher.batches(
                1,
                new ClientWatchRegistry.Snapshot(
                    List.of("/a", huge, "/b"), List.of(), List.of(), List.of(), List.of()),
                budget))
        .hasSize(3);
  }
}
