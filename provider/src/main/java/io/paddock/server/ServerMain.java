package io.paddock.server;

import io.paddock.config.ConfigException;
import io.paddock.config.ConfigWarning;
import io.paddock.config.ZooCfg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The command-line entry point: {@code ServerMain [zoo.cfg | --version]}, or {@code ServerMain
 * --config-value zoo.cfg key} for the scripts. Without an argument it runs on the embedded default
 * configuration ({@code default-zoo.cfg} in this package: port 2181 on 127.0.0.1, data in {@code
 * ./data}). Exit codes: 0 after a normal stop, 2 for a bad configuration, 1 if the server could not
 * start.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
    // Before anything logs: the manager keeps the handlers until the graceful stop has logged.
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ServerLogManager.class.getName());
    }
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println("Paddock " + FourLetterCommands.VERSION);
      return;
    }
    if (args.length == 3 && args[0].equals("--config-value")) {
      System.exit(printConfigValue(Path.of(args[1]), args[2]));
      return;
    }
    if (args.length > 1) {
      System.err.println("Usage: ServerMain [zoo.cfg | --version | --config-value zoo.cfg key]");
      System.exit(2);
    }
    ZooCfg.Loaded loaded;
    try {
      loaded = args.length == 0 ? embeddedDefault() : ZooCfg.load(Path.of(args[0]));
    } catch (ConfigException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    for (ConfigWarning warning : loaded.warnings()) {
      System.err.println("WARNING: " + warning);
    }
    ServerSupervisor server; // brings a member back after a storage failure
    try {
      server = ServerSupervisor.start(loaded.config());
    } catch (IOException e) {
      System.err.println("Paddock failed to start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } finally {
                    ServerLogManager.serverStopped();
                    stopped.countDown();
                  }
                },
                "paddock-shutdown"));
    // After the hook is in: logging's own shutdown then waits for a stop that is sure to come.
    ServerLogManager.serverStarted();
    stopped.await();
  }

  /**
   * Prints the effective value of {@code key} in {@code file}, with variables resolved, for the
   * scripts, which cannot resolve environment or system property variables themselves. Exit code 0:
   * printed; 1: the key has no value; 2: the file is invalid.
   */
  private static int printConfigValue(Path file, String key) {
    try {
      String value = ZooCfg.load(file).config().describe().get(key);
      if (value == null) {
        return 1;
      }
      System.out.println(value);
      return 0;
    } catch (ConfigException e) {
      System.err.println("Invalid configuration: " + e.getMessage());
      return 2;
    }
  }

  private static ZooCfg.Loaded embeddedDefault() {
    try (InputStream in = ServerMain.class.getResourceAsStream("default-zoo.cfg")) {
      if (in == null) {
        throw new IllegalStateException("default-zoo.cfg is missing from the jar");
      }
      return ZooCfg.parse(
          "embedded default-zoo.cfg", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the embedded default configuration", e);
    }
  }
}
