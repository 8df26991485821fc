package io.paddock.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.config.ConfigException;
import io.paddock.config.ConfigKeys;
import io.paddock.config.ServerConfig;
import io.paddock.config.ZooCfg;
import io.paddock.server.PaddockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin.* keys, and how a server starts (or refuses to) with them. */
class AdminConfigTest {
  @TempDir Path dataDir;

  @Test
  void defaultsAreOffLoopback8080AndCommands() {
    ServerConfig c = ServerConfig.builder(dataDir).build();
    assertThat(c.get(ConfigKeys.ADMIN_ENABLE_SERVER)).isFalse();
    assertThat(c.get(ConfigKeys.ADMIN_SERVER_ADDRESS)).isEqualTo("127.0.0.1");
    assertThat(c.get(ConfigKeys.ADMIN_SERVER_PORT)).isEqualTo(8080);
    assertThat(c.get(ConfigKeys.ADMIN_COMMAND_URL)).isEqualTo("/commands");
    assertThat(c.describe()).containsEntry("admin.enableServer", "false");
  }

  @Test
  void zooCfgReadsTheAdminKeysWithoutWarnings() {
    ZooCfg.Loaded loaded =
        ZooCfg.parse(
            "t.cfg",
            """
            dataDir=/tmp/x
            admin.enableServer=TRUE
            admin.serverAddress=localhost
            admin.serverPort=9090
            admin.commandURL=/zk/admin
            admin.idleTimeout=1000
            """);
    ServerConfig c = loaded.config();
    assertThat(c.get(ConfigKeys.ADMIN_ENABLE_SERVER)).isTrue();
    assertThat(c.get(ConfigKeys.ADMIN_SERVER_ADDRESS)).isEqualTo("localhost");
    assertThat(c.get(ConfigKeys.ADMIN_SERVER_PORT)).isEqualTo(9090);
    assertThat(c.get(ConfigKeys.ADMIN_COMMAND_URL)).isEqualTo("/zk/admin");
    // only the admin key we do not implement is warned about, as a ZooKeeper key
    assertThat(loaded.warnings()).hasSize(1);
    assertThat(loaded.warnings().get(0).toString())
        .contains("admin.idleTimeout")
        .contains("not supported by Paddock yet");
  }

  @Test
  void badAdminValuesAreErrorsWithLineAndReason() {
    assertThatThrownBy(
            () ->
                ZooCfg.parse(
                    "t.cfg",
                    """
                    dataDir=/tmp/x
                    admin.enableServer=yes
                    admin.serverPort=70000
                    admin.commandURL=commands
                    admin.serverAddress=not an address
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("t.cfg:2: admin.enableServer=yes: must be true or false")
        .hasMessageContaining("t.cfg:3: admin.serverPort=70000: must be between 0 and 65535")
        .hasMessageContaining("t.cfg:4: admin.commandURL=commands: must be a URL path")
        .hasMessageContaining("t.cfg:5: admin.serverAddress=not an address");
    assertThatThrownBy(
            () ->
                ServerConfig.builder(dataDir).set(ConfigKeys.ADMIN_COMMAND_URL, "/metrics").build())
        .hasMessageContaining("/metrics is where the admin server serves metrics");
    assertThatThrownBy(
            () -> ServerConfig.builder(dataDir).set(ConfigKeys.ADMIN_COMMAND_URL, "/a/").build())
        .hasMessageContaining("must be a URL path");
  }

  @Test
  void disabledAdminServerBindsNoPort() throws IOException {
    try (PaddockServer server =
        PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build())) {
      assertThat(server.adminPort()).isEmpty();
    }
    try (PaddockServer server =
        PaddockServer.start(
            ServerConfig.builder(dataDir)
                .clientPort(0)
                .set(ConfigKeys.ADMIN_ENABLE_SERVER, false)
                .set(ConfigKeys.ADMIN_SERVER_PORT, 0)
                .build())) {
      assertThat(server.adminPort()).isEmpty();
    }
  }

  @Test
  void customCommandUrlMovesTheCommands() throws Exception {
    try (PaddockServer server =
        PaddockServer.start(
            ServerConfig.builder(dataDir)
                .clientPort(0)
                .set(ConfigKeys.ADMIN_ENABLE_SERVER, true)
                .set(ConfigKeys.ADMIN_SERVER_PORT, 0)
                .set(ConfigKeys.ADMIN_COMMAND_URL, "/zk/admin")
                .build())) {
      assertThat(AdminTestSupport.get(server, "/zk/admin/ruok").status()).isEqualTo(200);
      assertThat(AdminTestSupport.get(server, "/commands/ruok").status()).isEqualTo(404);
      assertThat(AdminTestSupport.get(server, "/metrics").status()).isEqualTo(200);
    }
  }

  @Test
  void busyAdminPortFailsTheStartNamingThePortAndReleasesTheClientPort() throws Exception {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    try (ServerSocket taken = new ServerSocket(0, 1, loopback)) {
      int clientPort;
      try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
        clientPort = probe.getLocalPort();
      }
      ServerConfig config =
          ServerConfig.builder(dataDir)
              .clientPort(clientPort)
              .set(ConfigKeys.ADMIN_ENABLE_SERVER, true)
              .set(ConfigKeys.ADMIN_SERVER_PORT, taken.getLocalPort())
              .build();
      assertThatThrownBy(() -> PaddockServer.start(config))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("admin.serverPort")
          .hasMessageContaining("admin.enableServer=false");
      // the failed start closed its client port again
      try (ServerSocket again = new ServerSocket()) {
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(loopback, clientPort));
        assertThat(again.isBound()).isTrue();
      }
    }
  }
}
