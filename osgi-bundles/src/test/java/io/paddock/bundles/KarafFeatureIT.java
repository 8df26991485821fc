package io.paddock.bundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code feature:repo-add} + {@code feature:install paddock} in a real Apache Karaf 4.4 (minimal
 * distribution), then checks from both sides that the services are up: the registry (through the
 * Karaf shell) lists the server and client services, the server answers four-letter words on its
 * port, and the Karaf-side client holds a session. Then Karaf's {@code jndi} feature (Aries JNDI)
 * resolves a {@code paddock:} name through the provider's JNDI services. About 30-60 s; skip with
 * -Dpaddock.karaf.skip=true.
 */
class KarafFeatureIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void featureInstallStartsTheServerAndClientServices() throws Exception {
    assumeFalse(Boolean.getBoolean("paddock.karaf.skip"), "paddock.karaf.skip is set");
    String version = Felix.requiredProperty("paddock.version");
    Path work = Path.of(Felix.requiredProperty("paddock.osgi.workdir"));
    int port = Ports.free();
    // The feature's default configuration uses a fixed port; a free one keeps this test from
    // colliding with anything on the machine. Existing configurations win over the feature's.
    List<Karaf.EtcFile> configs =
        List.of(
            new Karaf.EtcFile(
                "io.paddock.server.cfg",
                "clientPortAddress = 127.0.0.1\nclientPort = " + port + "\n"),
            new Karaf.EtcFile("io.paddock.client.cfg", "connectString = 127.0.0.1:" + port + "\n"));
    try (Karaf karaf =
        Karaf.start(Path.of(Felix.requiredProperty("paddock.karaf.dist")), work, configs)) {
      for (Path jar : Felix.builtBundles()) {
        String file = jar.getFileName().toString();
        if (file.startsWith("paddock-")) {
          String artifactId = file.substring(0, file.length() - ("-" + version + ".jar").length());
          karaf.addToSystemRepository("io.paddock", artifactId, version, null, "jar", jar);
        }
      }
      karaf.addToSystemRepository(
          "io.paddock",
          "paddock-osgi-bundles",
          version,
          "features",
          "xml",
          Path.of(Felix.requiredProperty("paddock.osgi.features")));

      karaf.shell(
          "feature:repo-add mvn:io.paddock/paddock-osgi-bundles/" + version + "/xml/features",
          "feature:install paddock");

      String installed = karaf.shell("feature:list -i");
      assertThat(installed).containsPattern("(?m)^paddock\\s*\\|.*Started").contains("scr");
      String services = karaf.shell("bundle:services -p io.paddock.provider");
      assertThat(services)
          .contains("objectClass = [io.paddock.embedded.EmbeddedPaddock]")
          .contains(
              "objectClass = [javax.naming.spi.InitialContextFactory,"
                  + " io.paddock.naming.PaddockInitialContextFactory]")
          .contains("objectClass = [javax.naming.spi.ObjectFactory]")
          .contains("osgi.jndi.url.scheme = paddock")
          .contains("paddock.clientPort = " + port)
          .contains("objectClass = [io.paddock.api.PaddockClient]")
          .contains("objectClass = [io.paddock.api.recipes.Coordination]")
          .contains("objectClass = [io.paddock.api.PaddockClientFactory]");

      assertThat(Karaf.fourLetterWord(port, "ruok")).isEqualTo("imok");
      // The Karaf-side client's session is the server's only connection (4lw ones are not
      // counted).
      await().atMost(WAIT).until(() -> aliveConnections(Karaf.fourLetterWord(port, "mntr")) >= 1);
      assertThat(karaf.log()).contains("established on /127.0.0.1:" + port);

      checkJndi(karaf, port);
    }
    assertThat(Ports.isFree(port)).as("Karaf stopped, port released").isTrue();
  }

  /**
   * Karaf's {@code jndi} feature (Aries JNDI, from Karaf's enterprise features repository on Maven
   * Central) resolves {@code paddock:} names through the provider's URL ObjectFactory service: a
   * znode created by another client (Paddock's CLI, from outside Karaf) is listed and looked up by
   * {@code jndi:names}, which lists the URL's context through {@code new InitialContext()} and
   * looks every name up.
   */
  private static void checkJndi(Karaf karaf, int port) throws Exception {
    String karafVersion = Felix.requiredProperty("paddock.karaf.version");
    cli(port, "create /jndi", "create /jndi/karaf \"bound outside Karaf\"");
    karaf.shell(
        "feature:repo-add mvn:org.apache.karaf.features/enterprise/"
            + karafVersion
            + "/xml/features",
        "feature:install jndi");
    String url = "paddock://127.0.0.1:" + port + "/jndi";
    // The jndi:* commands register a moment after the feature's bundles start.
    String names =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofSeconds(2))
            .ignoreExceptions()
            .until(() -> karaf.shell("jndi:names " + url), out -> out.contains("/karaf"));
    assertThat(names).containsPattern("/karaf\\s*\\|\\s*java\\.lang\\.String");
  }

  /**
   * Runs Paddock's command-line client (from the built jars) against the server on {@code port}.
   */
  private static void cli(int port, String... commands) throws Exception {
    String classPath =
        Felix.builtBundles().stream()
            .filter(p -> p.getFileName().toString().startsWith("paddock-"))
            .map(Path::toString)
            .collect(Collectors.joining(File.pathSeparator));
    Path work = Path.of(Felix.requiredProperty("paddock.osgi.workdir"));
    Path script = Files.createTempFile(work, "cli", ".txt");
    Path out = Files.createTempFile(work, "cli", ".log");
    Files.writeString(script, String.join("\n", commands) + "\n");
    Process cli =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                "io.paddock.cli.CliMain",
                "-server",
                "127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectInput(script.toFile())
            .redirectOutput(out.toFile())
            .start();
    boolean done = cli.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      cli.destroyForcibly();
      cli.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    String output = Files.readString(out);
    assertThat(done).as("the Paddock CLI hung:\n" + output).isTrue();
    assertThat(cli.exitValue()).as(output).isZero();
  }

  private static int aliveConnections(String mntr) {
    Matcher m = Pattern.compile("(?m)^zk_num_alive_connections\\s+(\\d+)").matcher(mntr);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
