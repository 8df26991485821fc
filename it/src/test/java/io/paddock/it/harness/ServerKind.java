package io.paddock.it.harness;

import java.util.List;
import java.util.Map;

/** The server implementations the contract suite runs against. */
public enum ServerKind {
  ZOOKEEPER {
    @Override
    public ServerProcess create(
        String name, List<String> extraJvmArgs, Map<String, String> extraConfig) {
      return new ZooKeeperServerProcess("zookeeper-" + name, extraJvmArgs, extraConfig);
    }
  },
  PADDOCK {
    @Override
    public ServerProcess create(
        String name, List<String> extraJvmArgs, Map<String, String> extraConfig) {
      return new PaddockServerProcess("paddock-" + name, extraJvmArgs, extraConfig);
    }
  };

  /**
   * JVM flags for test servers: a small heap and quick start-up, the same for every kind so neither
   * gets an advantage on the shared 2-core machine.
   */
  public static final List<String> TEST_JVM_ARGS =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** A new, not yet started server of this kind. */
  public ServerProcess create(String name, List<String> extraJvmArgs) {
    return create(name, extraJvmArgs, Map.of());
  }

  /** A new, not yet started server of this kind with extra zoo.cfg keys (same for every kind). */
  public abstract ServerProcess create(
      String name, List<String> extraJvmArgs, Map<String, String> extraConfig);
}
