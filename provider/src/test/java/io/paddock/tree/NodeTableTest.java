package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The custom hash set against a HashMap, through compact and hashed modes and many removals. */
class NodeTableTest {
  // Stored paths are UTF-8 bytes: ASCII lookups compare chars to bytes, others encode first.
  private static final String[] PREFIXES = {"/k", "/grüße-", "/日本/", "/\uD83D\uDE00-"};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20_240_601})
  void behavesLikeAMap(long seed) {
    Random random = new Random(seed);
    NodeTable table = new NodeTable(2);
    Map<String, Node> model = new HashMap<>();
    int keySpace = 1 + random.nextInt(3000);
    for (int step = 0; step < 20_000; step++) {
      String path = PREFIXES[random.nextInt(PREFIXES.length)] + random.nextInt(keySpace);
      int action = random.nextInt(3);
      if (action == 0) {
        Node n = Node.of(path, null, List.of(), 0, step, step);
        if (!model.containsKey(path) && random.nextBoolean()) {
          table.addNew(n); // the caller knows it is absent
        } else {
          boolean added = table.add(n);
          assertThat(added).isEqualTo(!model.containsKey(path));
        }
        model.putIfAbsent(path, n);
      } else if (action == 1) {
        assertThat(table.remove(path)).isEqualTo(model.remove(path) != null);
      } else {
        assertThat(table.get(path)).isSameAs(model.get(path));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (Map.Entry<String, Node> e : model.entrySet()) {
      assertThat(table.get(e.getKey())).isSameAs(e.getValue());
    }
    List<Node> seen = new ArrayList<>();
    table.forEach(seen::add);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(model.values());
  }

  @org.junit.jupiter.api.Test
  void pathsHashAlikeInBothFormsAndCompareByContent() {
    for (String p : List.of("/", "/a", "/zookeeper/quota", "/grüße", "/日本/x", "/\uD83D\uDE00")) {
      byte[] utf8 = Paths.utf8(p);
      byte[] given = Paths.isAscii(p) ? null : utf8;
      assertThat(Paths.hash(p, given)).as(p).isEqualTo(Paths.hash(utf8));
      assertThat(Paths.same(utf8, p, given)).as(p).isTrue();
      assertThat(Paths.same(Paths.utf8(p + "x"), p, given)).as(p).isFalse();
      assertThat(Paths.string(utf8)).isEqualTo(p);
    }
    // A stored non-ASCII byte never equals an ASCII char, even when the lengths agree.
    assertThat(Paths.same(Paths.utf8("/ü"), "/ab", null)).isFalse();
    assertThat(Paths.startsWith(Paths.utf8("/zookeeper/quota/x"), "/zookeeper/quota/")).isTrue();
    assertThat(Paths.startsWith(Paths.utf8("/zoo"), "/zookeeper/")).isFalse();
    Node child = Node.of("/日本/名前", null, List.of(), 0, 1, 1);
    assertThat(child.name(Paths.utf8("/日本").length)).isEqualTo("名前");
    assertThat(Node.of("/a", null, List.of(), 0, 1, 1).name(1)).isEqualTo("a");
  }
}
