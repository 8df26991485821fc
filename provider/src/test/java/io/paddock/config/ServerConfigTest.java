package io.paddock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.watch.WatchTable;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void builderWithoutAnyFile() {
    ServerConfig c =
        ServerConfig.builder(Path.of("/tmp/x"))
            .tickTimeMs(100)
            .clientPort(0)
            .serverId(3)
            .set(ConfigKeys.CONTAINER_CHECK_INTERVAL, 5L)
            .build();
    assertThat(c.tickTimeMs()).isEqualTo(100);
    assertThat(c.minSessionTimeoutMs()).as("2 × tick").isEqualTo(200);
    assertThat(c.maxSessionTimeoutMs()).as("20 × tick").isEqualTo(2000);
    assertThat(c.clientPort()).isZero();
    assertThat(c.serverId()).isEqualTo(3);
    assertThat(c.containerCheckIntervalMs()).isEqualTo(5);
    assertThat(c.dataLogDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.isSet(ConfigKeys.TICK_TIME)).isTrue();
    assertThat(c.isSet(ConfigKeys.JUTE_MAX_BUFFER)).isFalse();
  }

  @Test
  void builderCollectsEveryProblem() {
    assertThatThrownBy(
            () ->
                ServerConfig.builder(Path.of("/d"))
                    .clientPort(70_000)
                    .clientPortAddress("")
                    .set(ConfigKeys.MAX_WATCHES_PER_SESSION, 0)
                    .build())
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems())
        .isEqualTo(
            List.of(
                "clientPort=70000: must be between 0 and 65535",
                "clientPortAddress=: not an IP address or host name",
                "maxWatchesPerSession=0: must be >= 1"));
    assertThatThrownBy(
            () -> ServerConfig.builder(Path.of("/d")).sessionTimeoutsMs(5000, 4000).build())
        .hasMessage("minSessionTimeout=5000: greater than maxSessionTimeout (4000 ms)");
    assertThatThrownBy(() -> ServerConfig.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toBuilderAndUnset() {
    ServerConfig base = ServerConfig.builder(Path.of("/d")).clientPort(1).build();
    ServerConfig changed = base.toBuilder().clientPort(2).dataLogDir(Path.of("/l")).build();
    assertThat(base.clientPort()).isEqualTo(1);
    assertThat(changed.clientPort()).isEqualTo(2);
    assertThat(changed.dataLogDir()).isEqualTo(Path.of("/l"));
    assertThat(changed.toBuilder().set(ConfigKeys.CLIENT_PORT, null).build().clientPort())
        .isEqualTo(2181);
  }

  @Test
  void describeShowsEffectiveValuesInDeclarationOrder() {
    ServerConfig c = ServerConfig.builder(Path.of("/d")).build();
    assertThat(c.describe())
        .containsEntry("dataLogDir", "/d")
        .containsEntry("minSessionTimeout", "4000")
        .containsEntry("maxSessionTimeout", "40000")
        .containsEntry("4lw.commands.whitelist", "isro,mntr,ruok,srvr,wchs")
        .doesNotContainKey("superDigest");
    assertThat(c.describe().keySet()).first().isEqualTo("tickTime");
  }

  @Test
  void registryIsComplete() {
    Set<String> names = new HashSet<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(names.add(key.name())).as("duplicate %s", key.name()).isTrue();
      assertThat(key.doc()).as(key.name()).isNotBlank();
      assertThat(ConfigKeys.byName(key.name())).containsSame(key);
    }
    assertThat(ConfigKeys.byName("ticktime")).as("case-sensitive, like ZooKeeper").isEmpty();
    assertThat(ConfigKeys.TICK_TIME.unit()).isEqualTo("ms");
    assertThat(ConfigKeys.JUTE_MAX_BUFFER.defaultValue()).hasValue(0xfffff);
    assertThat(ConfigKeys.DATA_DIR.defaultValue()).isEmpty();
    assertThat(ConfigKeys.MAX_WATCHES_PER_SESSION.defaultValue())
        .hasValue(WatchTable.DEFAULT_WATCHES_PER_SESSION_MAX);
    assertThatThrownBy(
            () -> ServerConfig.builder(Path.of("/d")).build().get(ConfigKeys.SUPER_DIGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("superDigest");
  }
}
