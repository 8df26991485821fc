package io.paddock.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueueRulesTest {
  private static final String A = "0f8fad5b-d9cb-469f-a165-70867728950e";
  private static final String B = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
  private static final String C = "16fd2706-8baf-433b-82eb-8c7fada847da";
  private static final String D = "886313e1-3b8a-5372-9b90-0c9aee199e5d";

  private static String name(String id, String kind, int seq) {
    return QueueNode.prefix(id, kind) + String.format("%010d", seq);
  }

  @Test
  void parsesOwnNamesAndIgnoresOthers() {
    assertThat(QueueNode.parse(name(A, "lock", 42)))
        .hasValueSatisfying(
            n -> {
              assertThat(n.id()).isEqualTo(A);
              assertThat(n.kind()).isEqualTo("lock");
              assertThat(n.sequence()).isEqualTo(42);
            });
    assertThat(QueueNode.parse("lock-0000000001")).isEmpty();
    assertThat(QueueNode.parse("_c_" + A + "-lock-00000000x1")).isEmpty();
    assertThat(QueueNode.parse("_c_-lock-0000000001")).isEmpty();
    assertThat(QueueNode.parse("_c_" + A + "-0000000001")).isEmpty();
    assertThat(QueueNode.parse("leases")).isEmpty();
    assertThatThrownBy(() -> QueueNode.prefix(A, "a-b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueueNode.prefix("x/y", "lock"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersBySequenceNotByName() {
    List<QueueNode> ordered =
        QueueRules.ordered(
            List.of(name(C, "lock", 3), name(A, "lock", 10), "junk", name(B, "lock", 7)));
    assertThat(ordered).extracting(QueueNode::id).containsExactly(C, B, A);
  }

  @Test
  void exclusiveHoldsWhenFirstElseWatchesTheNodeJustBefore() {
    List<QueueNode> q =
        QueueRules.ordered(List.of(name(A, "lock", 1), name(B, "lock", 2), name(C, "lock", 5)));
    assertThat(QueueRules.EXCLUSIVE.decide(q, 0).holds()).isTrue();
    assertThat(QueueRules.EXCLUSIVE.decide(q, 1).watch()).isEqualTo(name(A, "lock", 1));
    assertThat(QueueRules.EXCLUSIVE.decide(q, 2).watch()).isEqualTo(name(B, "lock", 2));
  }

  @Test
  void readersWaitOnlyForTheLastWriterBeforeThem() {
    List<QueueNode> q =
        QueueRules.ordered(
            List.of(
                name(A, "read", 1), name(B, "write", 2), name(C, "read", 3), name(D, "read", 4)));
    assertThat(QueueRules.SHARED.decide(q, 0).holds()).isTrue();
    assertThat(QueueRules.SHARED.decide(q, 2).watch()).isEqualTo(name(B, "write", 2));
    assertThat(QueueRules.SHARED.decide(q, 3).watch()).isEqualTo(name(B, "write", 2));
    // the writer waits for the reader before it
    assertThat(QueueRules.EXCLUSIVE.decide(q, 1).watch()).isEqualTo(name(A, "read", 1));
    List<QueueNode> readers = QueueRules.ordered(List.of(name(A, "read", 1), name(C, "read", 3)));
    assertThat(QueueRules.SHARED.decide(readers, 1).holds()).isTrue();
  }

  @Test
  void findsTheNodeOfOneCreateById() {
    List<String> names = List.of(name(A, "lock", 1), name(B, "lock", 2));
    assertThat(QueueRules.findById(names, B)).contains(name(B, "lock", 2));
    assertThat(QueueRules.findById(names, C)).isEmpty();
    assertThat(QueueRules.indexOf(QueueRules.ordered(names), name(B, "lock", 2))).isEqualTo(1);
    assertThat(QueueRules.indexOf(QueueRules.ordered(names), "nope")).isEqualTo(-1);
  }
}
