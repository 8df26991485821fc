package io.paddock.bundles;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.framework.ServiceReference;

/**
 * The main class of one ensemble member's JVM in {@link FelixEnsembleIT}: boots an embedded Apache
 * Felix with SCR, Config Admin and the built bundles (as {@link FelixDeploymentIT} does), creates
 * the {@code io.paddock.server} configuration through ConfigurationAdmin, waits for the server
 * component to publish its {@code EmbeddedPaddock} (ports bound; a member serves once it has a
 * quorum), prints {@value #READY} and the connect string, and runs until its standard input ends:
 * the test closes it to stop the member cleanly, and it ends by itself if the test JVM dies, so no
 * member outlives its test.
 *
 * <p>Arguments: a name (for the framework's storage directory), then {@code key=value} Config Admin
 * properties. Values go in as text, as an {@code etc/*.cfg} file gives them, except {@code
 * clientPort} (an Integer) and {@code myid} (a Long), typed as a console following the metatype
 * sends them: both forms must work. Needs the system properties of {@link Felix#launch}.
 */
public final class FelixMember {
  /** The start of the line printed once the server component runs. */
  public static final String READY = "PADDOCK-MEMBER-READY";

  private static final String EMBEDDED = "io.paddock.embedded.EmbeddedPaddock";

  /** A member's configuration has a dozen properties; more is a broken command line. */
  private static final int PROPERTIES_MAX = 64;

  private FelixMember() {}

  /**
   * Runs one member; see the class comment for the arguments.
   *
   * @throws Exception if the framework, the bundles or the configuration fail (the test reads the
   *     stack trace in the member's log)
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > PROPERTIES_MAX + 1) {
      throw new IllegalArgumentException("usage: FelixMember name key=value...");
    }
    Map<String, Object> properties = properties(args);
    try (Felix felix = Felix.launch(args[0])) {
      felix.installAndStart(Felix.builtBundles());
      new ConfigAdmin(felix).update("io.paddock.server", properties);
      ServiceReference<?> server =
          felix.awaitService(EMBEDDED, "(paddock.clientPort=" + properties.get("clientPort") + ")");
      System.out.println(READY + " " + server.getProperty("paddock.connectString"));
      System.out.flush();
      awaitEndOfInput(System.in);
    }
  }

  static Map<String, Object> properties(String[] args) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not key=value: " + args[i]);
      }
      String key = args[i].substring(0, eq);
      String value = args[i].substring(eq + 1);
      properties.put(
          key,
          switch (key) {
            case "clientPort" -> Integer.valueOf(value);
            case "myid" -> Long.valueOf(value);
            default -> value;
          });
    }
    if (!properties.containsKey("clientPort")) {
      throw new IllegalArgumentException("clientPort is required: the ready check looks for it");
    }
    return properties;
  }

  private static void awaitEndOfInput(InputStream in) throws IOException {
    byte[] ignored = new byte[256];
    while (in.read(ignored) >= 0) {
      // Nothing is sent: only the end of the stream matters.
    }
  }
}
