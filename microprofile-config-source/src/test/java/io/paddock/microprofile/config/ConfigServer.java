package io.paddock.microprofile.config;

import io.paddock.api.Acl;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.api.PaddockException;
import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** An in-process Paddock server and an admin client that writes the configuration tree. */
final class ConfigServer implements AutoCloseable {
  private final Path dataDir;
  private PaddockServer server;
  private int port;
  private PaddockClient admin;

  ConfigServer(Path dataDir) {
    this.dataDir = dataDir;
    start(0);
    this.admin =
        PaddockClients.connect(
            ClientConfig.builder(connectString()).sessionTimeoutMs(10_000).build());
  }

  private void start(int wantedPort) {
    try {
      server = PaddockServer.start(ServerConfig.builder(dataDir).clientPort(wantedPort).build());
      port = server.clientPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String connectString() {
    return "127.0.0.1:" + port;
  }

  PaddockClient admin() {
    return admin;
  }

  void stopServer() {
    server.close();
  }

  /** Creates or updates {@code path} (and its parents) with {@code value}. */
  void put(String path, String value) throws PaddockException, InterruptedException {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    if (admin.exists(path) != null) {
      admin.setData(path, data, -1);
      return;
    }
    StringBuilder at = new StringBuilder();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length - 1; i++) {
      at.append('/').append(parts[i]);
      try {
        admin.create(at.toString(), new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } catch (PaddockException.NodeExists e) {
        // there already
      }
    }
    admin.create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  @Override
  public void close() {
    admin.close();
    server.close();
  }
}
