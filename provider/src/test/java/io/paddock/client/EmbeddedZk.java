package io.paddock.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A real Apache ZooKeeper 3.9.5 server on a loopback port, the client's oracle (test scope only).
 * {@link #restart} stops it and starts it again on the same port and data directory, so sessions
 * survive. ZooKeeperServerEmbedded rather than ZooKeeperServer: the latter carries SpotBugs
 * annotations whose classes are not on our classpath, which javac -Xlint -Werror rejects.
 */
final class EmbeddedZk implements AutoCloseable {
  private final Path baseDir;
  private final int port;
  private ZooKeeperServerEmbedded server;

  private EmbeddedZk(Path baseDir, int port) {
    this.baseDir = baseDir;
    this.port = port;
  }

  static EmbeddedZk start(Path baseDir) throws Exception {
    // TTL nodes need the extended types; the server reads this property when it starts.
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    EmbeddedZk zk = new EmbeddedZk(baseDir, freePort());
    zk.startServer();
    return zk;
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort(); // a free port; the tiny reuse race is acceptable in a test
    }
  }

  private void startServer() throws Exception {
    Properties config = new Properties();
    config.setProperty("clientPort", Integer.toString(port));
    config.setProperty("clientPortAddress", "127.0.0.1");
    config.setProperty("admin.enableServer", "false");
    config.setProperty("tickTime", "200");
    config.setProperty("maxSessionTimeout", "60000");
    config.setProperty("4lw.commands.whitelist", "*");
    server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(baseDir)
            .configuration(config)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    server.start(30_000);
  }

  int port() {
    return port;
  }

  String connectString() {
    return "127.0.0.1:" + port;
  }

  /**
   * Stops the server (clients see their connections drop) and starts it again, same port + data.
   */
  void restart() throws Exception {
    server.close();
    startServer();
  }

  @Override
  public void close() {
    server.close();
  }
}
