package io.paddock.cli;

import io.paddock.api.PaddockClients;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

/** Runs the CLI in-process with captured stdout and stderr, as a script or one command. */
final class CliRunner {
  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {}

  private final String connectString;
  private final int timeoutMs;

  CliRunner(String connectString, int timeoutMs) {
    this.connectString = connectString;
    this.timeoutMs = timeoutMs;
  }

  private CliSession.Settings settings() {
    return new CliSession.Settings(
        connectString, timeoutMs, false, ZoneId.of("UTC"), PaddockClients::connect);
  }

  /** Feeds {@code script} to an interactive session as piped stdin. */
  Result script(String script) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (CliSession session =
        new CliSession(
            settings(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      code =
          session.runInteractive(new PlainLineSource(new BufferedReader(new StringReader(script))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs one command in one-shot mode. */
  Result oneShot(String... words) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (CliSession session =
        new CliSession(
            settings(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      code = session.runOneShot(List.of(words));
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
