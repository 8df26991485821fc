package io.paddock.bundles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One ensemble member: a JVM running {@link FelixMember}, started and signalled only through the
 * {@link Process} handle this object created (never by name or pid lookup), with its output in a
 * log file under target/ (one file per start, so a restart's log is not mixed with the first).
 */
final class MemberProcess implements AutoCloseable {
  /** Felix, SCR and the bundles start in a few seconds; the machine may be busy. */
  static final Duration START_DEADLINE = Duration.ofSeconds(60);

  private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
  private static final int FOUR_LETTER_TIMEOUT_MS = 2000;
  private static final int REPLY_BYTES_MAX = 64 * 1024;
  private static final int LOG_TAIL_CHARS_MAX = 4000;

  /** Small heap, quick JIT: three of these share two cores with the build. */
  private static final List<String> JVM_FLAGS =
      List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final int id;
  private final int clientPort;
  private final Path workDir;
  private final Map<String, String> properties;
  private Process process;
  private Path log;
  private int starts;

  /**
   * A member not started yet.
   *
   * @param properties its {@code io.paddock.server} configuration; must include {@code clientPort}
   */
  MemberProcess(int id, Path workDir, Map<String, String> properties) {
    this.id = id;
    this.workDir = workDir;
    this.properties = Map.copyOf(properties);
    this.clientPort = Integer.parseInt(properties.get("clientPort"));
  }

  int id() {
    return id;
  }

  String connectString() {
    return "127.0.0.1:" + clientPort;
  }

  /** Starts the JVM; see {@link #awaitReady()}. */
  void launch() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("member " + id + " already runs");
    }
    starts++;
    log = workDir.resolve("member-" + id + "-start-" + starts + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    for (String name : List.of("paddock.osgi.bundles", "paddock.osgi.workdir")) {
      command.add("-D" + name + "=" + Felix.requiredProperty(name));
    }
    // Under failsafe this is the test class path (its launcher jar is in surefire.real.class.path):
    // Felix, the launcher and Awaitility; Paddock's jars are excluded from it, as in the tests.
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FelixMember.class.getName());
    command.add("member-" + id);
    properties.forEach((k, v) -> command.add(k + "=" + v));
    Files.writeString(log, String.join(" ", command) + "\n", UTF_8);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Standard input stays a pipe: closing it is how the member is asked to stop.
    process = builder.start();
  }

  /** Waits for the ready line; fails with the log's tail if the JVM exits or takes too long. */
  void awaitReady() {
    await()
        .atMost(START_DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "member " + id + " exited with " + process.exitValue() + ": " + logTail());
              }
              return Files.readString(log, UTF_8).contains(FelixMember.READY + " ");
            });
  }

  /** SIGKILL, through the handle: the JVM gets no chance to stop anything. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("member " + id + " survived SIGKILL");
    }
  }

  /**
   * Asks the member to stop (end of its standard input: the framework stops, which deactivates the
   * server) and returns its exit code; kills it if it does not exit in time, returning -1.
   */
  int stop() throws InterruptedException {
    if (process == null) {
      return 0;
    }
    if (process.isAlive()) {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // The pipe is already broken: the JVM is on its way out.
      }
    }
    if (process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    kill9();
    return -1;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * The {@code Mode:} that {@code srvr} reports (leader, follower...), or "" when the member does
   * not answer or does not serve.
   */
  String mode() {
    try {
      for (String line : fourLetterWord("srvr").split("\n", -1)) {
        if (line.startsWith("Mode: ")) {
          return line.substring("Mode: ".length()).trim();
        }
      }
      return "";
    } catch (UncheckedIOException e) {
      return "";
    }
  }

  /** Sends {@code word} to the client port and returns the whole reply. */
  String fourLetterWord(String word) {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort),
          FOUR_LETTER_TIMEOUT_MS);
      socket.setSoTimeout(FOUR_LETTER_TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(word.getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        reply.write(buffer, 0, read);
        if (reply.size() > REPLY_BYTES_MAX) {
          throw new IOException("reply longer than " + REPLY_BYTES_MAX + " bytes");
        }
      }
      return reply.toString(UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(word + " to member " + id, e);
    }
  }

  /** The end of the current log, for failure messages. */
  String logTail() {
    try {
      String text = Files.readString(log, UTF_8);
      return log
          + ":\n"
          + text.substring(Math.max(0, text.length() - LOG_TAIL_CHARS_MAX), text.length());
    } catch (IOException e) {
      return log + ": unreadable: " + e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  @Override
  public String toString() {
    return "member " + id + " (" + connectString() + ")";
  }
}
