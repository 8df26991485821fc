package io.paddock.bundles;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import javax.naming.spi.ObjectFactory;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Paddock deployed in Apache Felix with SCR and Config Admin, configured as an operator would:
 * through Config Admin. A server and a client come up, serve a create/get, follow a changed
 * configuration, serve JNDI through the registry (spec ch. 126), and stopping the bundle releases
 * the port, unregisters everything and ends every Paddock thread.
 */
class FelixDeploymentIT {
  private static final String EMBEDDED = "io.paddock.embedded.EmbeddedPaddock";
  private static final String CLIENT = "io.paddock.api.PaddockClient";
  private static final String COORDINATION = "io.paddock.api.recipes.Coordination";
  private static final String LOCK = "io.paddock.api.recipes.DistributedLock";
  private static final String LEASE = "io.paddock.api.recipes.Lease";
  private static final String OBJECT_FACTORY = "javax.naming.spi.ObjectFactory";
  private static final String INITIAL_FACTORY = "javax.naming.spi.InitialContextFactory";
  private static final String PADDOCK_INITIAL_FACTORY =
      "io.paddock.naming.PaddockInitialContextFactory";
  private static final String URL_SCHEME = "(osgi.jndi.url.scheme=paddock)";

  @Test
  void serverAndClientConfiguredThroughConfigAdminServeAndStopCleanly() throws Exception {
    assertThat(Ports.paddockThreads()).as("nothing of ours runs before").isEmpty();
    try (Felix felix = Felix.launch("deployment")) {
      felix.installAndStart(Felix.builtBundles());
      ConfigAdmin config = new ConfigAdmin(felix);
      Path work = Path.of(Felix.requiredProperty("paddock.osgi.workdir"));

      int port = Ports.free();
      config.update(
          "io.paddock.server",
          Map.of(
              "clientPortAddress",
              "127.0.0.1",
              "clientPort",
              port, // typed, as a console sends it
              "tickTime",
              "500", // text, as a .cfg file gives it
              "dataDir",
              work.resolve("felix-data-" + port).toString()));
      ServiceReference<?> server =
          felix.awaitService(EMBEDDED, "(paddock.clientPort=" + port + ")");
      assertThat(server.getProperty("paddock.connectString")).isEqualTo("127.0.0.1:" + port);

      config.update(
          "io.paddock.client",
          Map.of("connectString", "127.0.0.1:" + port, "sessionTimeoutMs", 10_000));
      ServiceReference<?> clientRef = felix.awaitService(CLIENT, null);
      Bundle provider = clientRef.getBundle();
      Object client = felix.get(clientRef);
      Object open = Reflect.constant(provider, "io.paddock.api.Acl", "OPEN_ACL_UNSAFE");
      Object persistent = Reflect.enumValue(provider, "io.paddock.api.CreateMode", "PERSISTENT");
      Object created =
          Reflect.call(
              provider,
              CLIENT,
              client,
              "create",
              "/osgi",
              "hello".getBytes(UTF_8),
              open,
              persistent);
      assertThat(created).isEqualTo("/osgi");
      Object node = Reflect.call(provider, CLIENT, client, "getData", "/osgi");
      byte[] data = (byte[]) Reflect.call(provider, "io.paddock.api.NodeData", node, "data");
      assertThat(new String(data, UTF_8)).isEqualTo("hello");

      // The lock service on the same session: a lease with a fencing token.
      ServiceReference<?> recipesRef = felix.awaitService(COORDINATION, null);
      Object mutex =
          Reflect.call(provider, COORDINATION, felix.get(recipesRef), "mutex", "/locks/osgi");
      Object lease = Reflect.call(provider, LOCK, mutex, "acquire");
      assertThat((Boolean) Reflect.call(provider, LEASE, lease, "isHeld")).isTrue();
      assertThat((Long) Reflect.call(provider, LEASE, lease, "fencingToken")).isPositive();
      Reflect.call(provider, LEASE, lease, "close");

      checkJndi(felix, provider, client, "127.0.0.1:" + port);

      // A changed client configuration replaces the JNDI services with ones on the new session.
      Object factoryBefore =
          felix.awaitService(OBJECT_FACTORY, URL_SCHEME).getProperty("service.id");
      config.update(
          "io.paddock.client",
          Map.of("connectString", "127.0.0.1:" + port, "sessionTimeoutMs", 12_000));
      felix.awaitService(
          OBJECT_FACTORY, "(&" + URL_SCHEME + "(!(service.id=" + factoryBefore + ")))");
      await()
          .atMost(Felix.WAIT)
          .untilAsserted(
              () -> {
                assertThat(felix.services(OBJECT_FACTORY, URL_SCHEME)).hasSize(1);
                assertThat(felix.services(INITIAL_FACTORY, null)).hasSize(1);
              });

      // A changed configuration restarts the server on the new port and frees the old one.
      int newPort = Ports.free();
      config.update(
          "io.paddock.server",
          Map.of(
              "clientPort", newPort, "dataDir", work.resolve("felix-data-" + newPort).toString()));
      felix.awaitService(EMBEDDED, "(paddock.clientPort=" + newPort + ")");
      assertThat(felix.services(EMBEDDED, null)).hasSize(1);
      await().atMost(Felix.WAIT).until(() -> Ports.isFree(port));

      // Same port, another setting: the old server must let go of the port before the new binds.
      Object before = felix.services(EMBEDDED, null).get(0).getProperty("service.id");
      config.update(
          "io.paddock.server",
          Map.of(
              "clientPort",
              newPort,
              "tickTime",
              "250",
              "dataDir",
              work.resolve("felix-data-" + newPort).toString()));
      ServiceReference<?> restarted =
          felix.awaitService(
              EMBEDDED, "(&(paddock.clientPort=" + newPort + ")(!(service.id=" + before + ")))");
      assertThat(restarted.getProperty("paddock.connectString")).isEqualTo("127.0.0.1:" + newPort);

      // Stopping the bundle stops everything it started.
      felix.bundle("io.paddock.provider").stop();
      assertThat(felix.services(EMBEDDED, null)).isEmpty();
      assertThat(felix.services(CLIENT, null)).isEmpty();
      assertThat(felix.services(COORDINATION, null)).isEmpty();
      assertThat(felix.services(OBJECT_FACTORY, null)).isEmpty();
      assertThat(felix.services(INITIAL_FACTORY, null)).isEmpty();
      assertThat(felix.services(PADDOCK_INITIAL_FACTORY, null)).isEmpty();
      assertThat(Ports.isFree(newPort)).as("port released by the stopped bundle").isTrue();
      await().atMost(Felix.WAIT).untilAsserted(() -> assertThat(Ports.paddockThreads()).isEmpty());
    }
  }

  /**
   * JNDI the way an OSGi JNDI implementation uses the provider (spec ch. 126): the {@code paddock}
   * URL scheme's ObjectFactory service gives a URL context that binds and looks up; the
   * InitialContextFactory service, found by its class name, gives an initial context that sees the
   * same binding; and the binding is a real znode that the PaddockClient service reads.
   */
  // BanJNDI: driving the JNDI provider is the point; JdkObsolete: JNDI environments are Hashtables.
  @SuppressWarnings({"BanJNDI", "JdkObsolete"})
  private static void checkJndi(Felix felix, Bundle provider, Object client, String hosts)
      throws Exception {
    ServiceReference<?> urlRef = felix.awaitService(OBJECT_FACTORY, URL_SCHEME);
    assertThat(urlRef.getProperty("paddock.connectString")).isEqualTo(hosts);
    ObjectFactory urlFactory = (ObjectFactory) felix.get(urlRef);
    Context url = (Context) urlFactory.getObjectInstance(null, null, null, new Hashtable<>());
    assertThat(url).as("a URL context for a null object, as OSGi JNDI asks").isNotNull();
    String base = "paddock://" + hosts + "/jndi";
    try {
      url.lookup(base);
    } catch (NameNotFoundException first) {
      url.createSubcontext(base).close();
    }
    url.rebind(base + "/felix", "bound in Felix");
    assertThat(url.lookup(base + "/felix")).isEqualTo("bound in Felix");

    // The framework registered it under both names; found by class name, as Aries JNDI does for
    // java.naming.factory.initial.
    ServiceReference<?> initialRef = felix.awaitService(PADDOCK_INITIAL_FACTORY, null);
    assertThat((String[]) initialRef.getProperty("objectClass"))
        .containsExactlyInAnyOrder(INITIAL_FACTORY, PADDOCK_INITIAL_FACTORY);
    InitialContextFactory initialFactory = (InitialContextFactory) felix.get(initialRef);
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, PADDOCK_INITIAL_FACTORY);
    Context initial = initialFactory.getInitialContext(env);
    try {
      assertThat(initial.lookup("felix")).isEqualTo("bound in Felix");
    } finally {
      initial.close();
    }
    assertThat(initialFactory.getInitialContext(new Hashtable<>()))
        .as("not a default context for environments that do not ask for Paddock")
        .isNull();

    Object node = Reflect.call(provider, CLIENT, client, "getData", "/jndi/felix");
    byte[] data = (byte[]) Reflect.call(provider, "io.paddock.api.NodeData", node, "data");
    assertThat(new String(data, UTF_8)).endsWith("bound in Felix");
  }

  @Test
  void factoryConfigurationsRunSeveralServersInOneFramework() throws Exception {
    try (Felix felix = Felix.launch("factory")) {
      felix.installAndStart(Felix.builtBundles());
      ConfigAdmin config = new ConfigAdmin(felix);
      config.updateFactory("io.paddock.server", "a", Map.of("clientPort", 0));
      config.updateFactory("io.paddock.server", "b", Map.of("clientPort", 0));
      await()
          .atMost(Felix.WAIT)
          .until(() -> felix.services(EMBEDDED, null), refs -> refs.size() == 2);
      assertThat(felix.services(EMBEDDED, null))
          .extracting(r -> r.getProperty("paddock.pid"))
          .containsExactlyInAnyOrder("io.paddock.server~a", "io.paddock.server~b");
      assertThat(felix.services(EMBEDDED, null))
          .extracting(r -> r.getProperty("paddock.clientPort"))
          .doesNotHaveDuplicates();

      config.delete("io.paddock.server~a");
      await()
          .atMost(Felix.WAIT)
          .until(() -> felix.services(EMBEDDED, null), refs -> refs.size() == 1);
    }
    await().atMost(Felix.WAIT).untilAsserted(() -> assertThat(Ports.paddockThreads()).isEmpty());
  }
}
