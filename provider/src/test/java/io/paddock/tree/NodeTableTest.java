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

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20_240_601})
  void behavesLikeAMap(long seed) {
    Random random = new Random(seed);
    NodeTable table = new NodeTable(2);
    Map<String, Node> model = new HashMap<>();
    int keySpace = 1 + random.nextInt(3000);
    for (int step = 0; step < 20_000; step++) {
      String path = "/k" + random.nextInt(keySpace);
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
}
