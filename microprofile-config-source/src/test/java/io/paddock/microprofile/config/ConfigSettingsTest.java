package io.paddock.microprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigSettingsTest {
  private static Optional<ConfigSettings> from(Map<String, String> values) {
    return ConfigSettings.from(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void withoutAConnectStringThereIsNoSource() {
    assertThat(from(Map.of())).isEmpty();
    assertThat(from(Map.of(ConfigSettings.CONNECT, "  "))).isEmpty();
  }

  @Test
  void defaults() {
    ConfigSettings s = from(Map.of(ConfigSettings.CONNECT, "127.0.0.1:2181")).orElseThrow();
    assertThat(s.root()).isEqualTo("/config");
    assertThat(s.application()).isNull();
    assertThat(s.profile()).isNull();
    assertThat(s.ordinal()).isEqualTo(150);
    assertThat(s.sessionTimeoutMs()).isEqualTo(30_000);
    assertThat(s.initialLoadTimeoutMs()).isEqualTo(10_000);
    assertThat(s.failFast()).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    ConfigSettings s =
        from(Map.of(
                ConfigSettings.CONNECT, "h:1,h:2/chroot",
                ConfigSettings.ROOT, "/cfg",
                ConfigSettings.APPLICATION, "shop",
                ConfigSettings.PROFILE, "prod",
                ConfigSettings.ORDINAL, "275",
                ConfigSettings.SESSION_TIMEOUT_MS, "5000",
                ConfigSettings.INITIAL_LOAD_TIMEOUT_MS, "0",
                ConfigSettings.FAIL_FAST, "true"))
            .orElseThrow();
    assertThat(s)
        .isEqualTo(
            new ConfigSettings("h:1,h:2/chroot", "/cfg", "shop", "prod", 275, 5000, 0, true));
    assertThat(s.layout().contexts()).first().isEqualTo("/cfg/shop,prod");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(
            () -> from(Map.of(ConfigSettings.CONNECT, "h:1", ConfigSettings.ORDINAL, "x")))
        .hasMessageContaining(ConfigSettings.ORDINAL);
    assertThatThrownBy(
            () -> from(Map.of(ConfigSettings.CONNECT, "h:1", ConfigSettings.ROOT, "cfg")))
        .hasMessageContaining(ConfigSettings.ROOT);
    assertThatThrownBy(
            () -> from(Map.of(ConfigSettings.CONNECT, "h:1", ConfigSettings.APPLICATION, "a/b")))
        .hasMessageContaining(ConfigSettings.APPLICATION);
  }
}
