package io.paddock.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One coordination server running as a separate JVM process on a loopback port, with its own data
 * directory, generated {@code zoo.cfg} and a log file (stdout + stderr) under {@code target/}.
 *
 * <p>The process is only ever signalled through the {@link Process} handle this object created, so
 * it can never hit another process. Subclasses say which main class and classpath to run and which
 * configuration keys and JVM flags the server needs; everything else (port, readiness, stop,
 * restart, crash) lives here so every server kind behaves the same in the tests.
 */
public abstract class ServerProcess implements AutoCloseable {
  /** The session tick of every test server; session timeouts are 2..20 ticks of it. */
  public static final int TICK_TIME_MS = 2000;

  private static final Duration START_DEADLINE = Duration.ofSeconds(60);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES_MAX = 60;

  private final String name;
  private final Path workDir;
  private final Path dataDir;
  private final Path configFile;
  private final Path logFile;
  private final List<String> extraJvmArgs;
  private final Map<String, String> extraConfig;
  private final int port;
  private List<String> launcher = List.of();
  private Process process;

  /**
   * Reserves a loopback port and creates the work directory; does not start anything yet.
   *
   * @param name short name used in directory and log names, e.g. {@code zookeeper-CrudIT}
   * @param extraJvmArgs JVM flags added before the main class (heap, GC, JIT), same for all kinds
   */
  protected ServerProcess(String name, List<String> extraJvmArgs) {
    this(name, extraJvmArgs, Map.of());
  }

  /**
   * Like {@link #ServerProcess(String, List)}, with zoo.cfg keys written after the server's own
   * (e.g. {@code forceSync}, {@code snapCount} for benchmarks). ZooKeeper turns keys it does not
   * know into {@code zookeeper.<key>} system properties, so its system-property settings can be
   * given this way too.
   *
   * @param extraConfig zoo.cfg keys and values, in iteration order
   */
  protected ServerProcess(String name, List<String> extraJvmArgs, Map<String, String> extraConfig) {
    this.name = name;
    this.extraJvmArgs = List.copyOf(extraJvmArgs);
    this.extraConfig = new LinkedHashMap<>(extraConfig);
    try {
      Path root = Path.of(System.getProperty("paddock.it.workdir", "target/it-servers"));
      Files.createDirectories(root);
      String stamp =
          DateTimeFormatter.ofPattern("HHmmss")
              .format(java.time.LocalTime.now(java.time.ZoneOffset.UTC));
      this.workDir = Files.createTempDirectory(root, name + "-" + stamp + "-").toAbsolutePath();
      this.dataDir = Files.createDirectories(workDir.resolve("data"));
      this.configFile = workDir.resolve("zoo.cfg");
      this.logFile = workDir.resolve("server.log");
      this.port = freeLoopbackPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare server directory for " + name, e);
    }
  }

  /** The main class to run, e.g. {@code org.apache.zookeeper.server.ZooKeeperServerMain}. */
  protected abstract String mainClass();

  /** The {@code -cp} value for the server JVM. */
  protected abstract String classPath();

  /** Server-specific {@code -D} flags and other JVM arguments. */
  protected abstract List<String> serverJvmArgs();

  /** Server-specific zoo.cfg keys, added after tickTime/dataDir/clientPort/clientPortAddress. */
  protected abstract Map<String, String> serverConfig();

  /**
   * Runs the JVM through {@code launcher} from the next start on, e.g. {@code nsenter ... --} to
   * put the server into another mount namespace ({@link SmallDisk}). The launcher must exec the JVM
   * in its own process, not fork it, so that {@link #pid()} and every signal the harness sends are
   * the server's.
   */
  public synchronized void launchThrough(List<String> launcher) {
    this.launcher = List.copyOf(launcher);
  }

  /**
   * Writes zoo.cfg (first start only) and starts the process; returns when it serves clients (see
   * {@link FourLetterWords#isServing}).
   */
  public synchronized ServerProcess start() {
    launch();
    awaitReady();
    return this;
  }

  /**
   * Writes zoo.cfg (first start only) and starts the process without waiting for it to serve (an
   * ensemble member cannot serve before a quorum of its peers runs); see {@link #awaitReady()}.
   */
  public synchronized void launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " already running as pid " + process.pid());
    }
    try {
      if (!Files.exists(configFile)) {
        Files.writeString(configFile, configText(), StandardCharsets.UTF_8);
      }
      List<String> command = new ArrayList<>(launcher);
      command.add(javaExecutable());
      command.addAll(extraJvmArgs);
      command.addAll(serverJvmArgs());
      command.add("-cp");
      command.add(classPath());
      command.add(mainClass());
      command.add(configFile.toString());
      Files.writeString(
          logFile,
          "=== " + Instant.now() + " starting: " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.directory(workDir.toFile());
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + "; log: " + logFile, e);
    }
  }

  /** Waits until the launched process serves clients; kills it if it does not in time. */
  public synchronized void awaitReady() {
    Instant deadline = Instant.now().plus(START_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " before ready; " + describeLog());
      }
      if (FourLetterWords.isServing(port)) {
        return;
      }
      pause(Duration.ofMillis(50));
    }
    kill9();
    throw new IllegalStateException(
        name + " not ready within " + START_DEADLINE + "; " + describeLog());
  }

  /** {@code 127.0.0.1:port}, the client connect string. */
  public String connectString() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The PID of the running server process. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String name() {
    return name;
  }

  /** Sends a four-letter word and returns the whole reply. */
  public String fourLetterWord(String word) {
    return FourLetterWords.send(port, word);
  }

  /** Graceful stop: SIGTERM to our own PID, SIGKILL if it is still alive after the deadline. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Crash: SIGKILL to our own PID, waits until it is gone. Data dir stays for a restart. */
  public synchronized void kill9() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops gracefully and starts again on the same port with the same data dir. */
  public synchronized ServerProcess restart() {
    stop();
    return start();
  }

  @Override
  public void close() {
    stop();
  }

  /** The log path plus its last lines, for failure messages. */
  public String describeLog() {
    StringBuilder text = new StringBuilder("server log: ").append(logFile);
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - LOG_TAIL_LINES_MAX);
      text.append("\n--- last ").append(lines.size() - from).append(" lines ---\n");
      lines.subList(from, lines.size()).forEach(line -> text.append(line).append('\n'));
    } catch (IOException | UncheckedIOException e) {
      text.append(" (unreadable: ").append(e).append(')');
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return name + "@" + connectString() + " (log " + logFile + ")";
  }

  private String configText() {
    StringBuilder text = new StringBuilder();
    text.append("tickTime=").append(TICK_TIME_MS).append('\n');
    text.append("dataDir=").append(dataDir).append('\n');
    text.append("clientPort=").append(port).append('\n');
    text.append("clientPortAddress=127.0.0.1\n");
    serverConfig().forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    extraConfig.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  /** The java launcher of this JVM, so servers run on exactly the JDK the tests run on. */
  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(command -> command.endsWith("java"))
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static int freeLoopbackPort() {
    return FreePorts.next();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
