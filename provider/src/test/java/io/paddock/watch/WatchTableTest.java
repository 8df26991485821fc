package io.paddock.watch;

import static io.paddock.api.EventType.NODE_CHILDREN_CHANGED;
import static io.paddock.api.EventType.NODE_CREATED;
import static io.paddock.api.EventType.NODE_DATA_CHANGED;
import static io.paddock.api.EventType.NODE_DELETED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.KeeperState;
import io.paddock.api.Stat;
import io.paddock.api.WatchedEvent;
import io.paddock.api.WatcherType;
import io.paddock.watch.WatchTable.Delivery;
import io.paddock.watch.WatchTable.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WatchTableTest {

  private final WatchTable table = new WatchTable();

  private static Delivery delivery(long session, EventType type, String path, long zxid) {
    return new Delivery(session, new WatchedEvent(type, KeeperState.SYNC_CONNECTED, path, zxid));
  }

  @ParameterizedTest
  @EnumSource(
      value = EventType.class,
      names = {"NODE_CREATED", "NODE_DELETED", "NODE_DATA_CHANGED"})
  void dataAndExistWatchesFireOnceOnNodeEvents(EventType type) {
    table.add(1, "/a", Kind.DATA);
    table.add(2, "/a", Kind.EXIST);

    assertThat(table.trigger("/a", type, 7))
        .containsExactly(delivery(1, type, "/a", 7), delivery(2, type, "/a", 7));
    assertThat(table.trigger("/a", type, 8)).as("one-shot: removed after firing").isEmpty();
    assertThat(table.summary()).isEqualTo(new WatchTable.Summary(0, 0, 0));
  }

  @Test
  void dataWatchIgnoresChildrenChangedAndStays() {
    table.add(1, "/a", Kind.DATA);
    assertThat(table.trigger("/a", NODE_CHILDREN_CHANGED, 5)).isEmpty();
    assertThat(table.has(1, "/a", Kind.DATA)).isTrue();
  }

  @Test
  void childWatchFiresOnChildrenChangedAndOnDeleteOnly() {
    table.add(1, "/a", Kind.CHILD);
    assertThat(table.trigger("/a", NODE_DATA_CHANGED, 5)).isEmpty();
    assertThat(table.trigger("/a", NODE_CREATED, 6)).isEmpty();
    assertThat(table.trigger("/a", NODE_CHILDREN_CHANGED, 7))
        .containsExactly(delivery(1, NODE_CHILDREN_CHANGED, "/a", 7));
    assertThat(table.trigger("/a", NODE_CHILDREN_CHANGED, 8)).isEmpty();

    table.add(1, "/a", Kind.CHILD);
    assertThat(table.trigger("/a", NODE_DELETED, 9))
        .containsExactly(delivery(1, NODE_DELETED, "/a", 9));
    assertThat(table.has(1, "/a", WatcherType.CHILDREN)).isFalse();
  }

  @Test
  void watchesOnOtherPathsDoNotFire() {
    table.add(1, "/a", Kind.DATA);
    table.add(1, "/a", Kind.CHILD);
    assertThat(table.trigger("/a/b", NODE_DELETED, 3)).isEmpty();
    assertThat(table.trigger("/ab", NODE_DATA_CHANGED, 3)).isEmpty();
    assertThat(table.summary().watches()).isEqualTo(2);
  }

  @Test
  void oneEventPerSessionEvenWithSeveralMatchingRegistrations() {
    for (Kind kind : Kind.values()) {
      table.add(1, "/a", kind);
    }
    table.add(1, "/", Kind.PERSISTENT_RECURSIVE);
    table.add(2, "/a", Kind.CHILD);

    assertThat(table.trigger("/a", NODE_DELETED, 4))
        .containsExactly(delivery(1, NODE_DELETED, "/a", 4), delivery(2, NODE_DELETED, "/a", 4));
    // All one-shot kinds that matched went; both persistent kinds stayed.
    assertThat(table.has(1, "/a", WatcherType.DATA)).isFalse();
    assertThat(table.has(1, "/a", WatcherType.CHILDREN)).isFalse();
    assertThat(table.has(1, "/a", WatcherType.PERSISTENT)).isTrue();
    assertThat(table.has(1, "/a", WatcherType.PERSISTENT_RECURSIVE)).isTrue();
  }

  @Test
  void createFiresDataButNotChildWatchOfTheSamePath() {
    table.add(1, "/a", Kind.EXIST);
    table.add(1, "/a", Kind.CHILD);
    assertThat(table.trigger("/a", NODE_CREATED, 2))
        .containsExactly(delivery(1, NODE_CREATED, "/a", 2));
    assertThat(table.has(1, "/a", Kind.CHILD)).as("child watch untouched").isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = EventType.class,
      names = {"NODE_CREATED", "NODE_DELETED", "NODE_DATA_CHANGED", "NODE_CHILDREN_CHANGED"})
  void persistentWatchFiresOnEveryEventOfItsPathAndStays(EventType type) {
    table.add(1, "/a", Kind.PERSISTENT);
    for (long zxid = 1; zxid <= 3; zxid++) {
      assertThat(table.trigger("/a", type, zxid)).containsExactly(delivery(1, type, "/a", zxid));
    }
    assertThat(table.trigger("/a/b", type, 4)).as("not descendants").isEmpty();
  }

  @Test
  void recursiveWatchCoversDescendantsButNeverChildrenChanged() {
    table.add(1, "/a", Kind.PERSISTENT_RECURSIVE);

    assertThat(table.trigger("/a", NODE_DATA_CHANGED, 1))
        .containsExactly(delivery(1, NODE_DATA_CHANGED, "/a", 1));
    assertThat(table.trigger("/a/b/c", NODE_CREATED, 2))
        .containsExactly(delivery(1, NODE_CREATED, "/a/b/c", 2));
    assertThat(table.trigger("/a/b", NODE_DELETED, 3))
        .containsExactly(delivery(1, NODE_DELETED, "/a/b", 3));
    assertThat(table.trigger("/a", NODE_CHILDREN_CHANGED, 4)).isEmpty();
    assertThat(table.trigger("/a/b", NODE_CHILDREN_CHANGED, 5)).isEmpty();
    assertThat(table.trigger("/ab", NODE_CREATED, 6))
        .as("a sibling with a common prefix")
        .isEmpty();
    assertThat(table.trigger("/", NODE_DATA_CHANGED, 7)).as("not ancestors").isEmpty();
    assertThat(table.has(1, "/a", Kind.PERSISTENT_RECURSIVE)).isTrue();
  }

  @Test
  void recursiveWatchOnRootSeesEverything() {
    table.add(9, "/", Kind.PERSISTENT_RECURSIVE);
    assertThat(table.trigger("/x/y/z", NODE_DATA_CHANGED, 1))
        .containsExactly(delivery(9, NODE_DATA_CHANGED, "/x/y/z", 1));
    assertThat(table.trigger("/", NODE_DATA_CHANGED, 2))
        .containsExactly(delivery(9, NODE_DATA_CHANGED, "/", 2));
  }

  @Test
  void removeFollowsWatcherTypeAndReportsNoWatcher() {
    table.add(1, "/a", Kind.DATA);
    table.add(1, "/a", Kind.EXIST);
    table.add(1, "/a", Kind.CHILD);
    table.add(1, "/a", Kind.PERSISTENT);

    assertThat(table.remove(1, "/a", WatcherType.PERSISTENT_RECURSIVE))
        .isEqualTo(ErrorCode.NO_WATCHER);
    assertThat(table.remove(2, "/a", WatcherType.ANY)).isEqualTo(ErrorCode.NO_WATCHER);
    assertThat(table.remove(1, "/b", WatcherType.ANY)).isEqualTo(ErrorCode.NO_WATCHER);

    assertThat(table.remove(1, "/a", WatcherType.DATA)).isEqualTo(ErrorCode.OK);
    assertThat(table.has(1, "/a", Kind.DATA)).isFalse();
    assertThat(table.has(1, "/a", Kind.EXIST)).as("DATA removes exist watches too").isFalse();
    assertThat(table.remove(1, "/a", WatcherType.DATA)).isEqualTo(ErrorCode.NO_WATCHER);

    assertThat(table.remove(1, "/a", WatcherType.CHILDREN)).isEqualTo(ErrorCode.OK);
    assertThat(table.has(1, "/a", WatcherType.PERSISTENT)).isTrue();
    assertThat(table.remove(1, "/a", WatcherType.ANY))
        .as("ANY includes persistent kinds")
        .isEqualTo(ErrorCode.OK);
    assertThat(table.summary()).isEqualTo(new WatchTable.Summary(0, 0, 0));
  }

  @Test
  void removeRecursiveAlsoDisablesTheAncestorWalk() {
    table.add(1, "/a", Kind.PERSISTENT_RECURSIVE);
    assertThat(table.remove(1, "/a", WatcherType.PERSISTENT_RECURSIVE)).isEqualTo(ErrorCode.OK);
    assertThat(table.trigger("/a/b", NODE_CREATED, 1)).isEmpty();
  }

  @Test
  void removeSessionDropsEverythingOfThatSessionOnly() {
    table.add(1, "/a", Kind.DATA);
    table.add(1, "/b", Kind.PERSISTENT_RECURSIVE);
    table.add(2, "/a", Kind.DATA);

    assertThat(table.removeSession(1)).isEqualTo(2);
    assertThat(table.removeSession(1)).isZero();
    assertThat(table.trigger("/b/c", NODE_CREATED, 1)).isEmpty();
    assertThat(table.trigger("/a", NODE_DELETED, 2))
        .containsExactly(delivery(2, NODE_DELETED, "/a", 2));
  }

  @Test
  void limitPerSessionIsAnErrorValue() {
    WatchTable small = new WatchTable(2);
    assertThat(small.add(1, "/a", Kind.DATA)).isEqualTo(ErrorCode.OK);
    assertThat(small.add(1, "/a", Kind.CHILD)).isEqualTo(ErrorCode.OK);
    assertThat(small.add(1, "/a", Kind.DATA))
        .as("already held: no new slot")
        .isEqualTo(ErrorCode.OK);
    assertThat(small.add(1, "/b", Kind.DATA)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(small.add(2, "/b", Kind.DATA))
        .as("other sessions unaffected")
        .isEqualTo(ErrorCode.OK);
    assertThat(small.watchCount(1)).isEqualTo(2);

    small.trigger("/a", NODE_DATA_CHANGED, 1);
    assertThat(small.add(1, "/b", Kind.DATA))
        .as("a fired watch frees its slot")
        .isEqualTo(ErrorCode.OK);
    assertThatThrownBy(() -> new WatchTable(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsAndDumps() {
    table.add(2, "/b", Kind.DATA);
    table.add(1, "/b", Kind.CHILD);
    table.add(1, "/a", Kind.DATA);
    table.add(1, "/a", Kind.PERSISTENT);

    assertThat(table.summary()).isEqualTo(new WatchTable.Summary(2, 2, 4));
    assertThat(table.dumpByPath()).isEqualTo(Map.of("/a", List.of(1L), "/b", List.of(1L, 2L)));
    assertThat(table.dumpBySession()).isEqualTo(Map.of(1L, List.of("/a", "/b"), 2L, List.of("/b")));
    assertThat(table.dumpByPath().firstKey()).isEqualTo("/a");
  }

  @Test
  void rejectsRelativePathsAndNonNodeEvents() {
    assertThatThrownBy(() -> table.add(1, "a", Kind.DATA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a");
    assertThatThrownBy(() -> table.trigger("/a", EventType.NONE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NONE");
  }

  @Test
  void parentOfWalksToTheRoot() {
    assertThat(WatchTable.parentOf("/a/b/c")).isEqualTo("/a/b");
    assertThat(WatchTable.parentOf("/a")).isEqualTo("/");
    assertThat(WatchTable.parentOf("/")).isNull();
  }

  private static Stat stat(long mzxid, long pzxid) {
    return new Stat(1, mzxid, 0, 0, 0, 0, 0, 0, 0, 0, pzxid);
  }

  @Test
  void reregisterAppliesZooKeeperRules() {
    Map<String, Stat> tree =
        Map.of(
            "/same", stat(10, 10),
            "/dataNewer", stat(11, 10),
            "/kidsNewer", stat(10, 11));
    WatchTable.Reregistered r =
        table.reregister(
            5,
            10,
            List.of("/gone", "/dataNewer", "/same"),
            List.of("/same", "/absent"),
            List.of("/gone2", "/kidsNewer", "/same"),
            List.of("/p"),
            List.of("/r"),
            tree::get);

    assertThat(r.deliveries())
        .containsExactly(
            delivery(5, NODE_DELETED, "/gone", -1),
            delivery(5, NODE_DATA_CHANGED, "/dataNewer", -1),
            delivery(5, NODE_CREATED, "/same", -1),
            delivery(5, NODE_DELETED, "/gone2", -1),
            delivery(5, NODE_CHILDREN_CHANGED, "/kidsNewer", -1));
    assertThat(r.droppedOverLimit()).isZero();
    assertThat(table.dumpBySession().get(5L)).containsExactly("/absent", "/p", "/r", "/same");
    assertThat(table.has(5, "/same", Kind.DATA)).isTrue();
    assertThat(table.has(5, "/same", Kind.CHILD)).isTrue();
    assertThat(table.has(5, "/absent", Kind.EXIST)).isTrue();
    assertThat(table.has(5, "/dataNewer", WatcherType.ANY))
        .as("fired, so not registered")
        .isFalse();
    assertThat(table.has(5, "/p", Kind.PERSISTENT)).isTrue();
    assertThat(table.has(5, "/r", Kind.PERSISTENT_RECURSIVE)).isTrue();
  }

  @Test
  void reregisterCountsWatchesDroppedByTheLimit() {
    WatchTable small = new WatchTable(1);
    WatchTable.Reregistered r =
        small.reregister(
            5, 0, List.of(), List.of("/x", "/y"), List.of(), List.of("/p"), List.of(), p -> null);
    assertThat(r.droppedOverLimit()).isEqualTo(2);
    assertThat(small.has(5, "/x", Kind.EXIST)).isTrue();
  }
}
