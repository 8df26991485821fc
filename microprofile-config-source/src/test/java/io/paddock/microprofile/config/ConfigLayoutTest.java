package io.paddock.microprofile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConfigLayoutTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void contextsGoFromMostSpecificToShared() {
    assertThat(new ConfigLayout("/config", "myapp", "dev").contexts())
        .containsExactly(
            "/config/myapp,dev", "/config/myapp", "/config/application,dev", "/config/application");
    assertThat(new ConfigLayout("/config", "myapp", null).contexts())
        .containsExactly("/config/myapp", "/config/application");
    assertThat(new ConfigLayout("/", null, null).contexts()).containsExactly("/application");
    assertThat(new ConfigLayout("/c", "application", "dev").contexts())
        .containsExactly("/c/application,dev", "/c/application");
  }

  @Test
  void nodesBecomePropertiesAndTheMostSpecificContextWins() {
    Map<String, byte[]> nodes = new TreeMap<>();
    nodes.put("/config/application", b(""));
    nodes.put("/config/application/db", new byte[0]);
    nodes.put("/config/application/db/url", b("shared-url"));
    nodes.put("/config/application/db/pool", b("5"));
    nodes.put("/config/application,dev/db/pool", b("1"));
    nodes.put("/config/myapp/db/url", b("app-url"));
    nodes.put("/config/myapp,dev/feature.flag", b("on"));
    nodes.put("/config/otherapp/db/url", b("not ours"));
    nodes.put("/config/myapp", b("context nodes are no properties"));

    Map<String, String> props = new ConfigLayout("/config", "myapp", "dev").properties(nodes);

    assertThat(props)
        .containsOnly(
            Map.entry("db.url", "app-url"),
            Map.entry("db.pool", "1"),
            Map.entry("feature.flag", "on"));
    assertThat(new ConfigLayout("/config", "myapp", null).properties(nodes))
        .containsOnly(Map.entry("db.url", "app-url"), Map.entry("db.pool", "5"));
  }
}
