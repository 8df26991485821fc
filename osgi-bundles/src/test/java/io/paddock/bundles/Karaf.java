package io.paddock.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Apache Karaf (the minimal distribution the build unpacked into target/), copied to a fresh
 * directory, bound to loopback on free ports, given a user (it ships none), run as a child process
 * and driven through {@code bin/client} in batch mode. {@link #close()} stops it with {@code
 * bin/stop} and, failing that, ends the processes this test started, by handle.
 */
final class Karaf implements AutoCloseable {
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final Duration CLIENT_WAIT = Duration.ofSeconds(90);

  private final Path home;
  private final int sshPort;
  private final Process process;

  private Karaf(Path home, int sshPort, Process process) {
    this.home = home;
    this.sshPort = sshPort;
    this.process = process;
  }

  /** Copies the distribution, configures it, drops {@code etcFiles} into etc/, and starts it. */
  static Karaf start(Path distribution, Path work, List<EtcFile> etcFiles) throws IOException {
    Path home = work.resolve("karaf-" + System.nanoTime());
    copyTree(distribution, home);
    int sshPort = Ports.free();
    Files.writeString(
        home.resolve("etc/users.properties"),
        """

        karaf = karaf,_g_:admingroup
        _g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh
        """,
        StandardOpenOption.APPEND);
    Path shell = home.resolve("etc/org.apache.karaf.shell.cfg");
    Files.writeString(
        shell,
        Files.readString(shell)
            .replaceAll("(?m)^sshPort\\s*=.*$", "sshPort = " + sshPort)
            .replaceAll("(?m)^sshHost\\s*=.*$", "sshHost = 127.0.0.1"));
    for (EtcFile f : etcFiles) {
      Files.writeString(home.resolve("etc").resolve(f.name()), f.content());
    }
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("console.log").toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return new Karaf(home, sshPort, pb.start());
  }

  /** A file for etc/, e.g. a configuration ({@code <pid>.cfg}). */
  record EtcFile(String name, String content) {}

  Path home() {
    return home;
  }

  /**
   * Installs a Maven artifact into the distribution's system/ repository, where Karaf resolves
   * {@code mvn:} URLs first: the build never installs into ~/.m2, and this keeps the test offline
   * for our own artifacts.
   */
  void addToSystemRepository(
      String groupId, String artifactId, String version, String classifier, String type, Path file)
      throws IOException {
    Path dir =
        home.resolve("system")
            .resolve(groupId.replace('.', '/'))
            .resolve(artifactId)
            .resolve(version);
    Files.createDirectories(dir);
    String name =
        artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
    Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Runs shell commands through {@code bin/client} in batch mode (which stops at the first failing
   * command), retrying the connection while Karaf boots.
   *
   * @return the client's output
   * @throws AssertionError if the client fails or hangs
   */
  String shell(String... commands) throws IOException, InterruptedException {
    Path script = Files.createTempFile(home, "script", ".txt");
    Files.writeString(script, String.join("\n", commands) + "\n");
    Path out = Files.createTempFile(home, "client", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                home.resolve("bin/client").toString(),
                "-h",
                "127.0.0.1",
                "-a",
                Integer.toString(sshPort),
                "-u",
                "karaf",
                "-p",
                "karaf",
                "-r",
                "60",
                "-d",
                "1",
                "-b")
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectInput(script.toFile())
            .redirectOutput(out.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process client = pb.start();
    boolean done = client.waitFor(CLIENT_WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      endTree(client);
    }
    String output = Files.readString(out);
    if (!done || client.exitValue() != 0) {
      throw new AssertionError(
          "bin/client "
              + (done ? "exited " + client.exitValue() : "hung")
              + " on "
              + List.of(commands)
              + ":\n"
              + output
              + "\nkaraf.log:\n"
              + log());
    }
    return output;
  }

  /** data/log/karaf.log, or "" before Karaf wrote it. */
  String log() throws IOException {
    Path log = home.resolve("data/log/karaf.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Sends a four-letter word to a server on loopback and returns the answer. */
  static String fourLetterWord(int port, String word) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(home.resolve("bin/stop").toString())
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      pb.start().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        endTree(process);
      }
    }
  }

  /** Ends a process this test started and everything it started, by handle. */
  private static void endTree(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
