package io.paddock.it.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paddock standalone ({@code io.paddock.server.ServerMain}) from the jars the reactor built: {@code
 * <paddock.home>/provider/target/paddock-provider.jar} plus {@code provider/target/lib/*}. The
 * settings ZooKeeper takes as system properties are zoo.cfg keys here (no system-property knobs).
 */
public final class PaddockServerProcess extends ServerProcess {
  public PaddockServerProcess(String name, List<String> extraJvmArgs) {
    super(name, extraJvmArgs);
  }

  public PaddockServerProcess(
      String name, List<String> extraJvmArgs, Map<String, String> extraConfig) {
    super(name, extraJvmArgs, extraConfig);
  }

  @Override
  protected String mainClass() {
    return "io.paddock.server.ServerMain";
  }

  @Override
  protected String classPath() {
    Path target = paddockHome().resolve("provider").resolve("target");
    Path jar = target.resolve("paddock-provider.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " missing: build the provider module first (mvn -pl it -am verify)");
    }
    // The JVM expands "dir/*" itself; ProcessBuilder passes it through unglobbed.
    return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
  }

  @Override
  protected List<String> serverJvmArgs() {
    return List.of();
  }

  @Override
  protected Map<String, String> serverConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("4lw.commands.whitelist", "*");
    config.put("znode.container.checkIntervalMs", "500");
    config.put("superDigest", SuperDigest.digestId(SuperDigest.SUPER_AUTH));
    return config;
  }

  private static Path paddockHome() {
    String home = System.getProperty("paddock.home");
    if (home == null) {
      throw new IllegalStateException("system property paddock.home is not set (see it/pom.xml)");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }
}
