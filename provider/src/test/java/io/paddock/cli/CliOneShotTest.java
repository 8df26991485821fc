package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot mode ({@code paddock-cli ... command args}): the output is just the result, and the exit
 * code says how it went (0 ok, 1 failed, 2 usage). Also the launcher ({@link CliMain#run}).
 */
class CliOneShotTest {
  @TempDir static Path dataDir;
  private static PaddockServer server;
  private static CliRunner cli;
  private static String address;

  @BeforeAll
  static void start() throws IOException {
    server = PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build());
    address = "127.0.0.1:" + server.clientPort();
    cli = new CliRunner(address, 10_000);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void successfulCommandsPrintOnlyTheirResultAndExitZero() throws InterruptedException {
    assertThat(cli.oneShot("create", "/os1", "hello world")).isEqualTo(ok("Created /os1\n"));
    assertThat(cli.oneShot("get", "/os1")).isEqualTo(ok("hello world\n"));
    assertThat(cli.oneShot("set", "/os1", "-1")).isEqualTo(ok(""));
    assertThat(cli.oneShot("get", "/os1")).isEqualTo(ok("-1\n"));
    assertThat(cli.oneShot("create", "-s", "/os1/n-")).isEqualTo(ok("Created /os1/n-0000000000\n"));
    assertThat(cli.oneShot("ls", "/os1")).isEqualTo(ok("[n-0000000000]\n"));
    assertThat(cli.oneShot("getAllChildrenNumber", "/os1")).isEqualTo(ok("1\n"));
    CliRunner.Result stat = cli.oneShot("stat", "/os1");
    assertThat(stat.exitCode()).isZero();
    assertThat(stat.out()).startsWith("cZxid = 0x").contains("\ndataVersion = 1\n");
    assertThat(cli.oneShot("deleteall", "/os1")).isEqualTo(ok(""));
    assertThat(cli.oneShot("help").out()).contains("\tls [-s] [-w] [-R] path\n");
  }

  @Test
  void failuresExitOneWithZkCliMessagesOnStderr() throws InterruptedException {
    assertThat(cli.oneShot("get", "/missing")).isEqualTo(failed("Node does not exist: /missing\n"));
    assertThat(cli.oneShot("create", "/os2/child"))
        .isEqualTo(failed("Node does not exist: /os2/child\n"));
    assertThat(cli.oneShot("create", "/os2").exitCode()).isZero();
    assertThat(cli.oneShot("create", "/os2")).isEqualTo(failed("Node already exists: /os2\n"));
    assertThat(cli.oneShot("create", "/os2/child").exitCode()).isZero();
    assertThat(cli.oneShot("delete", "/os2")).isEqualTo(failed("Node not empty: /os2\n"));
    assertThat(cli.oneShot("delete", "-v", "9", "/os2/child"))
        .isEqualTo(failed("version No is not valid : /os2/child\n"));
    assertThat(cli.oneShot("set", "-v", "3", "/os2", "x"))
        .isEqualTo(failed("version No is not valid : /os2\n"));
    assertThat(cli.oneShot("create", "/os2/locked", "x", "world:anyone:r").exitCode()).isZero();
    assertThat(cli.oneShot("set", "/os2/locked", "y"))
        .isEqualTo(failed("Insufficient permission : /os2/locked\n"));
    assertThat(cli.oneShot("get", "relative"))
        .isEqualTo(failed("invalid path 'relative': path must start with '/'\n"));
    assertThat(cli.oneShot("redo", "1")).isEqualTo(failed("Command index out of range\n"));
  }

  @Test
  void usageErrorsExitTwo() throws InterruptedException {
    assertThat(cli.oneShot("bogus", "/x"))
        .isEqualTo(
            new CliRunner.Result(
                2, "", "Command not found: bogus\nType 'help' to list the commands.\n"));
    assertThat(cli.oneShot("ls")).isEqualTo(usage("ls [-s] [-w] [-R] path\n"));
    assertThat(cli.oneShot("get", "-q", "/x"))
        .isEqualTo(usage("Unrecognized option: -q\nget [-s] [-w] [-b] path\n"));
    assertThat(cli.oneShot("delete", "-v", "abc", "/x"))
        .isEqualTo(usage("-v expects a number, got: abc\ndelete [-v version] path\n"));
    assertThat(cli.oneShot("create", "/x", "d", "world:anyone"))
        .isEqualTo(
            usage(
                """
                world:anyone does not have the form scheme:id:perm
                create [-s] [-e] [-c] [-t ttl] path [data] [acl]
                """));
    assertThat(cli.oneShot("printwatches", "maybe")).isEqualTo(usage("printwatches on|off\n"));
  }

  @Test
  void anUnreachableServerFailsWithinTheTimeout() throws Exception {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    CliRunner nobody = new CliRunner("127.0.0.1:" + freePort, 1_000);
    long startNs = System.nanoTime();
    CliRunner.Result r = nobody.oneShot("ls", "/");
    long tookMs = (System.nanoTime() - startNs) / 1_000_000;
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("Unable to connect to 127.0.0.1:" + freePort + " within 1000 ms\n");
    assertThat(tookMs).isLessThan(10_000);
    // Commands that need no server still work.
    assertThat(nobody.oneShot("printwatches").exitCode()).isZero();
  }

  @Test
  void launcherRunsOneShotAndInteractiveModes() throws InterruptedException {
    Run oneShot = launch("", "-server", address, "-timeout", "5000", "ls", "/");
    assertThat(oneShot.code()).isZero();
    assertThat(oneShot.out()).startsWith("[").contains("zookeeper").endsWith("]\n");

    Run piped = launch("create /main1 v\nget /main1\nquit\n", "-server", address);
    assertThat(piped.code()).isZero();
    assertThat(piped.out()).contains("Created /main1\nv\n").doesNotContain("[paddock:");

    Run failed = launch("", "-server", address, "get", "/absent-main");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.err()).isEqualTo("Node does not exist: /absent-main\n");
  }

  @Test
  void launcherUsageErrorsExitTwoAndHelpExitsZero() throws InterruptedException {
    Run bad = launch("", "-timeout");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("Missing value for -timeout\n" + CliOptions.USAGE + "\n");
    assertThat(launch("", "-nope").code()).isEqualTo(2);
    Run help = launch("", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out())
        .startsWith(CliOptions.USAGE + "\n")
        .contains("\tsetquota -n|-b val path\n");
  }

  private record Run(int code, String out, String err) {}

  private static Run launch(String stdin, String... args) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code =
        CliMain.run(
            List.of(args),
            in,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static CliRunner.Result ok(String out) {
    return new CliRunner.Result(0, out, "");
  }

  private static CliRunner.Result failed(String err) {
    return new CliRunner.Result(1, "", err);
  }

  private static CliRunner.Result usage(String err) {
    return new CliRunner.Result(2, "", err);
  }
}
