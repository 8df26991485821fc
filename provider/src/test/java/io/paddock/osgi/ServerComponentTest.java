package io.paddock.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ServerConfig;
import io.paddock.embedded.ServerProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServerComponent}'s activation does with the properties SCR hands it, for an ensemble
 * member: the framework's own properties go, the zoo.cfg keys (dotted {@code server.N} names, typed
 * or text values) reach the parser and make the member's config. The deployed path (three Felix
 * JVMs) is FelixEnsembleIT in osgi-bundles.
 */
class ServerComponentTest {

  /** What SCR passes for PID io.paddock.server set from a console (typed values). */
  private static Map<String, Object> fromConsole() {
    Map<String, Object> p = new HashMap<>();
    p.put("service.pid", "io.paddock.server");
    p.put("component.name", "io.paddock.server");
    p.put("component.id", 7L);
    p.put("dataDir", "/var/paddock/member-2");
    p.put("clientPort", 2182);
    p.put("myid", 2L);
    p.put("quorum.tickMs", 20);
    p.put("initLimit", 4);
    p.put("server.1", "127.0.0.1:2888:3888");
    p.put("server.2", "127.0.0.1:2889:3889");
    p.put("server.3", "127.0.0.1:2890:3890");
    return p;
  }

  private static ServerConfig parse(Map<String, Object> properties) {
    ServerProperties.Parsed parsed =
        ServerProperties.parse(
            "Config Admin io.paddock.server",
            ServerComponent.withDefaults(null, "io.paddock.server", properties));
    assertThat(parsed.warnings()).as("framework properties are not zoo.cfg keys").isEmpty();
    return parsed.config();
  }

  @Test
  void typedConsolePropertiesMakeAnEnsembleMember() {
    ServerConfig c = parse(fromConsole());
    assertThat(c.ensemble().standalone()).isFalse();
    assertThat(c.ensemble().myId()).isEqualTo(2);
    assertThat(c.ensemble().servers()).hasSize(3);
    assertThat(c.ensemble().me().quorumPort()).isEqualTo(2889);
    assertThat(c.ensemble().initLimitTicks()).isEqualTo(4);
    assertThat(c.quorumTickMs()).isEqualTo(20);
    assertThat(c.clientPort()).isEqualTo(2182);
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/paddock/member-2"));
  }

  @Test
  void textPropertiesAsKarafCfgFileGivesThemMakeTheSameMember() {
    Map<String, Object> text = new HashMap<>();
    fromConsole().forEach((k, v) -> text.put(k, k.startsWith("component.") ? v : v.toString()));
    text.put("felix.fileinstall.filename", "file:/opt/karaf/etc/io.paddock.server.cfg");
    assertThat(parse(text)).isEqualTo(parse(fromConsole()));
    assertThat(parse(text).describe()).containsEntry("server.3", "127.0.0.1:2890:3890");
  }

  @Test
  void theClientPortMayComeFromTheMembersServerLine() {
    Map<String, Object> p = fromConsole();
    p.remove("clientPort");
    p.put("server.2", "127.0.0.1:2889:3889;127.0.0.1:2192");
    ServerConfig c = parse(p);
    assertThat(c.clientPort()).isEqualTo(2192);
    assertThat(c.clientPortAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void serverLinesAreNotMistakenForFrameworkProperties() {
    assertThat(ServerComponent.isFrameworkKey("server.1")).isFalse();
    assertThat(ServerComponent.isFrameworkKey("service.pid")).isTrue();
    assertThat(ServerComponent.isFrameworkKey("felix.fileinstall.filename")).isTrue();
  }
}
