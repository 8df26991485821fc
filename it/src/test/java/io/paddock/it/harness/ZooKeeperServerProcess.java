package io.paddock.it.harness;

import java.util.List;
import java.util.Map;

/**
 * Apache ZooKeeper 3.9.5 standalone ({@code ZooKeeperServerMain}), the oracle, run from the jars on
 * this JVM's classpath (test scope).
 */
public final class ZooKeeperServerProcess extends ServerProcess {
  public ZooKeeperServerProcess(String name, List<String> extraJvmArgs) {
    super(name, extraJvmArgs);
  }

  public ZooKeeperServerProcess(
      String name, List<String> extraJvmArgs, Map<String, String> extraConfig) {
    super(name, extraJvmArgs, extraConfig);
  }

  @Override
  protected String mainClass() {
    return "org.apache.zookeeper.server.ZooKeeperServerMain";
  }

  @Override
  protected String classPath() {
    return System.getProperty("java.class.path");
  }

  @Override
  protected List<String> serverJvmArgs() {
    return List.of(
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-Dzookeeper.admin.enableServer=false",
        "-Dzookeeper.4lw.commands.whitelist=*",
        "-Dzookeeper.extendedTypesEnabled=true",
        "-Dznode.container.checkIntervalMs=500",
        "-Dzookeeper.DigestAuthenticationProvider.superDigest="
            + SuperDigest.digestId(SuperDigest.SUPER_AUTH));
  }

  @Override
  protected Map<String, String> serverConfig() {
    return Map.of();
  }
}
