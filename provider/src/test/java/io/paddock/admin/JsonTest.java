package io.paddock.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void writesScalarsAndKeepsKeyOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", -9_007_199_254_740_993L);
    m.put("d", 2.5);
    m.put("t", true);
    m.put("n", null);
    m.put("s", "x");
    m.put("list", List.of(1L, "two", List.of()));
    m.put("empty", Map.of());
    String json = Json.write(m);
    Map<String, Object> expected = new LinkedHashMap<>(m);
    expected.put("z", 1L); // integers come back as longs
    expected.put("list", List.of(1L, "two", List.of()));
    assertThat(MiniJson.object(json)).containsExactlyEntriesOf(expected);
    assertThat(json).startsWith("{\n  \"z\" : 1,\n").endsWith("\n}\n");
  }

  @Test
  void prettyPrintsLikeZooKeepersAdminServer() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(Map.of("b", 1), 2));
    m.put("error", null);
    assertThat(Json.write(m))
        .isEqualTo(
            """
            {
              "a" : [ {
                "b" : 1
              }, 2 ],
              "error" : null
            }
            """);
  }

  @Test
  void escapesEverythingJsonForbidsRaw() {
    String nasty = "q\"b\\s/\n\r\t\b\f\u0000\u001f\u2028é😀";
    String json = Json.write(Map.of("k", nasty));
    assertThat(json).contains("\\u0000").contains("\\u001f").contains("\\u2028").contains("\\\"");
    assertThat(MiniJson.object(json)).containsEntry("k", nasty);
  }

  @Test
  void loneSurrogatesAreEscapedSoUtf8CanCarryThem() {
    String lone = "a\ud800b\udc00";
    String json = Json.write(List.of(lone));
    assertThat(json).contains("\\ud800").contains("\\udc00");
    assertThat(MiniJson.parse(json)).isEqualTo(List.of(lone));
  }

  @Test
  void nonFiniteDoublesBecomeNull() {
    assertThat(MiniJson.parse(Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY))))
        .isEqualTo(Arrays.asList(null, null));
  }

  @Test
  void rejectsWhatItCannotWrite() {
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
    assertThatThrownBy(() -> Json.write(Map.of(1, "x")))
        .hasMessageContaining("keys must be strings");
    List<Object> deep = new ArrayList<>();
    List<Object> cur = deep;
    for (int d = 0; d < Json.DEPTH_MAX + 2; d++) {
      List<Object> next = new ArrayList<>();
      cur.add(next);
      cur = next;
    }
    assertThatThrownBy(() -> Json.write(deep)).hasMessageContaining("deeper than");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024})
  void randomStringsRoundTrip(long seed) {
    Random random = new Random(seed);
    for (int n = 0; n < 200; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(20);
      for (int c = 0; c < len; c++) {
        sb.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
      }
      String s = sb.toString();
      assertThat(MiniJson.parse(Json.write(List.of(s)))).isEqualTo(List.of(s));
    }
  }
}
