package io.paddock.microprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The source as applications meet it: SmallRye Config finds the provider through {@code
 * META-INF/services}, bootstraps it from system properties, and Weld injects
 * {@code @ConfigProperty} values backed by znodes.
 */
@EnableWeld
class MicroProfileInjectionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String[] BOOTSTRAP = {
    ConfigSettings.CONNECT, ConfigSettings.APPLICATION, ConfigSettings.PROFILE
  };
  private static Path dir;
  private static ConfigServer server;

  @WeldSetup
  WeldInitiator weld =
      WeldInitiator.from(
              WeldInitiator.createWeld()
                  .disableDiscovery()
                  .addExtension(new ConfigExtension())
                  .addBeanClass(Greeter.class))
          .build();

  @Inject
  @ConfigProperty(name = "greeting")
  String greeting;

  @Inject
  @ConfigProperty(name = "greeting")
  Provider<String> liveGreeting;

  @Inject
  @ConfigProperty(name = "greeting")
  Supplier<String> suppliedGreeting;

  @Inject
  @ConfigProperty(name = "db.url")
  String dbUrl;

  @Inject
  @ConfigProperty(name = "db.pool")
  int dbPool;

  @Inject
  @ConfigProperty(name = "not.in.the.tree", defaultValue = "fallback")
  String withDefault;

  @BeforeAll
  static void startServerAndBootstrap() throws Exception {
    dir = Files.createTempDirectory("paddock-mp-config");
    server = new ConfigServer(dir);
    server.put("/config/application/greeting", "hello");
    server.put("/config/application/db/host", "db.example");
    server.put("/config/application/db/pool", "5");
    server.put("/config/myapp/db/url", "jdbc:postgresql://${db.host}:5432/shop");
    server.put("/config/myapp,dev/db/pool", "2");
    server.put("/config/otherapp/greeting", "not ours");
    // The bootstrap settings come through MP Config's default sources: system properties here.
    System.setProperty(ConfigSettings.CONNECT, server.connectString());
    System.setProperty(ConfigSettings.APPLICATION, "myapp");
    System.setProperty(ConfigSettings.PROFILE, "dev");
  }

  @AfterAll
  static void stopEverything() throws Exception {
    Config config = ConfigProvider.getConfig();
    for (ConfigSource s : config.getConfigSources()) {
      if (s instanceof PaddockConfigSource p) {
        p.close();
      }
    }
    ConfigProviderResolver.instance().releaseConfig(config);
    for (String key : BOOTSTRAP) {
      System.clearProperty(key);
    }
    server.close();
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) { // leave nothing in /tmp
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void injectsZnodeValuesWithProfilesAndExpressions() {
    assertThat(greeting).isEqualTo("hello");
    assertThat(dbUrl).isEqualTo("jdbc:postgresql://db.example:5432/shop");
    assertThat(dbPool).isEqualTo(2); // the dev profile's context wins
    assertThat(withDefault).isEqualTo("fallback");
    assertThat(greeter.greet("world")).isEqualTo("hello, world");
    Config config = ConfigProvider.getConfig();
    assertThat(config.getConfigSources())
        .anySatisfy(s -> assertThat(s).isInstanceOf(PaddockConfigSource.class));
    assertThat(config.getConfigValue("greeting").getSourceName()).startsWith("PaddockConfigSource");
  }

  @Test
  void providersAndSuppliersSeeUpdatesSoonAfterSetData() throws Exception {
    server.put("/config/application/greeting", "bonjour");
    await().atMost(WAIT).until(() -> "bonjour".equals(liveGreeting.get()));
    await().atMost(WAIT).until(() -> "bonjour".equals(suppliedGreeting.get()));
    server.put("/config/application/greeting", "hello");
    await().atMost(WAIT).until(() -> "hello".equals(liveGreeting.get()));
  }

  @Test
  void missingValuesGiveTheStandardErrors() {
    assertThatThrownBy(() -> ConfigProvider.getConfig().getValue("no.such.key", String.class))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no.such.key");
    Weld broken =
        new Weld("broken")
            .disableDiscovery()
            .addExtension(new ConfigExtension())
            .addBeanClass(NeedsMissingValue.class);
    assertThatThrownBy(broken::initialize)
        .isInstanceOf(DeploymentException.class)
        .hasMessageContaining("no.such.key");
  }

  @Inject Greeter greeter;

  /** A bean with a constructor-injected value, as application code often has. */
  static class Greeter {
    private final String greeting;

    @Inject
    Greeter(@ConfigProperty(name = "greeting") String greeting) {
      this.greeting = greeting;
    }

    String greet(String who) {
      return greeting + ", " + who;
    }
  }

  /** A bean whose required property exists nowhere. */
  static class NeedsMissingValue {
    @Inject
    @ConfigProperty(name = "no.such.key")
    String missing;
  }
}
