package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SiblingBatchTest {

  private static Node node(String path) {
    return Node.of(path, null, List.of(), 0, 1, 1);
  }

  @Test
  void findsRepeatsAmongManySiblingsAndHandsThemAllToTheParent() {
    SiblingBatch batch = new SiblingBatch();
    Node parent = node("/p");
    int count = 100_000; // beyond 2^16 index slots: every hash bit must spread the homes
    for (int i = 0; i < count; i++) {
      Node child = node("/p/c" + i);
      int hash = Paths.hash(child.pathBytes());
      assertThat(batch.contains(child.pathBytes(), hash)).isFalse();
      batch.add(child, hash);
    }
    for (int i = 0; i < count; i += 997) {
      byte[] again = Paths.utf8("/p/c" + i);
      assertThat(batch.contains(again, Paths.hash(again))).isTrue();
    }
    byte[] absent = Paths.utf8("/p/c" + count);
    assertThat(batch.contains(absent, Paths.hash(absent))).isFalse();
    batch.moveTo(parent);
    assertThat(batch.size()).isZero();
    assertThat(parent.numChildren()).isEqualTo(count);
    assertThat(parent.children().get("/p/c12345").path()).isEqualTo("/p/c12345");
    // Emptied for the next parent: nothing of the last batch is found any more.
    byte[] old = Paths.utf8("/p/c7");
    assertThat(batch.contains(old, Paths.hash(old))).isFalse();
    Node other = node("/q");
    Node only = node("/q/x");
    batch.add(only, Paths.hash(only.pathBytes()));
    batch.moveTo(other);
    assertThat(other.numChildren()).isEqualTo(1);
  }
}
