package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Asserts that two trees hold exactly the same state. */
public final class TreeAssert {
  private TreeAssert() {}

  /** Same zxid, sessions, paths, and per node the same stat, data and ACL. */
  public static void assertSameState(DataTree actual, DataTree expected) {
    assertThat(actual.lastAppliedZxid()).as("last zxid").isEqualTo(expected.lastAppliedZxid());
    assertThat(actual.sessions()).as("sessions").isEqualTo(expected.sessions());
    List<String> paths = expected.paths();
    assertThat(actual.paths()).as("paths").isEqualTo(paths);
    for (String path : paths) {
      NodeView a = actual.get(path);
      NodeView e = expected.get(path);
      assertThat(a.stat()).as("stat of %s", path).isEqualTo(e.stat());
      assertThat(a.data()).as("data of %s", path).isEqualTo(e.data());
      assertThat(a.acl()).as("acl of %s", path).isEqualTo(e.acl());
      assertThat(actual.children(path))
          .as("children of %s", path)
          .containsExactlyInAnyOrderElementsOf(expected.children(path));
    }
    assertThat(actual.nodeCount()).isEqualTo(expected.nodeCount());
    assertThat(actual.ephemeralCount()).isEqualTo(expected.ephemeralCount());
    assertThat(actual.approximateDataBytes()).isEqualTo(expected.approximateDataBytes());
    for (long session : expected.sessions().keySet()) {
      assertThat(actual.ephemerals(session, "/")).isEqualTo(expected.ephemerals(session, "/"));
    }
  }
}
