package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Asserts that two trees hold exactly the same state. */
public final class TreeAssert {
  private TreeAssert() {}

  private static List<String> paths(DataTree tree) {
    List<String> paths = new ArrayList<>();
    tree.forEachNode(n -> paths.add(n.path()));
    Collections.sort(paths);
    return paths;
  }

  /**
   * Same zxid, sessions, paths, and per node the same stat (raw cversion and owner too), data and
   * ACL; same indexes.
   */
  public static void assertSameState(DataTree actual, DataTree expected) {
    assertThat(actual.lastAppliedZxid()).as("last zxid").isEqualTo(expected.lastAppliedZxid());
    assertThat(actual.sessions()).as("sessions").isEqualTo(expected.sessions());
    List<String> paths = paths(expected);
    assertThat(paths(actual)).as("paths").isEqualTo(paths);
    for (String path : paths) {
      NodeView a = actual.get(path);
      NodeView e = expected.get(path);
      assertThat(a.stat()).as("stat of %s", path).isEqualTo(e.stat());
      assertThat(a.cversionRaw()).as("raw cversion of %s", path).isEqualTo(e.cversionRaw());
      assertThat(a.ephemeralOwnerRaw())
          .as("raw owner of %s", path)
          .isEqualTo(e.ephemeralOwnerRaw());
      assertThat(a.data()).as("data of %s", path).isEqualTo(e.data());
      assertThat(a.acl()).as("acl of %s", path).isEqualTo(e.acl());
      assertThat(actual.children(path))
          .as("children of %s", path)
          .containsExactlyInAnyOrderElementsOf(expected.children(path));
    }
    assertThat(actual.nodeCount()).isEqualTo(expected.nodeCount());
    assertThat(actual.aclCount()).isEqualTo(expected.aclCount());
    assertThat(actual.approximateDataBytes()).isEqualTo(expected.approximateDataBytes());
    assertThat(actual.containersToReap()).isEqualTo(expected.containersToReap());
    assertThat(actual.expiredTtlNodes(Long.MAX_VALUE))
        .isEqualTo(expected.expiredTtlNodes(Long.MAX_VALUE));
    for (long session : expected.sessions().keySet()) {
      assertThat(actual.ephemerals(session, "/")).isEqualTo(expected.ephemerals(session, "/"));
    }
  }
}
