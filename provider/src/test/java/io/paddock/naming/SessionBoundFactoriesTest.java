package io.paddock.naming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.config.ServerConfig;
import io.paddock.naming.paddock.paddockURLContextFactory;
import io.paddock.server.PaddockServer;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The factories bound to a session someone else owns, as the OSGi client component publishes them:
 * they use that session, never close it, refuse other ensembles, and the initial context factory
 * does not volunteer as a default context.
 */
// BanJNDI: exercising the JNDI provider is the point; JdkObsolete: JNDI environments are
// Hashtables by contract.
@SuppressWarnings({"BanJNDI", "JdkObsolete"})
class SessionBoundFactoriesTest {
  @TempDir static Path dataDir;
  private static PaddockServer server;
  private static PaddockClient session;

  @BeforeAll
  static void start() throws Exception {
    server = PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build());
    session = PaddockClients.connect(ClientConfig.builder(hosts()).build());
  }

  @AfterAll
  static void stop() {
    session.close();
    server.close();
  }

  private static String hosts() {
    return "127.0.0.1:" + server.clientPort();
  }

  private static Hashtable<String, Object> named() {
    Hashtable<String, Object> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, PaddockInitialContextFactory.class.getName());
    return env;
  }

  @Test
  void urlAndInitialContextsShareTheBoundSessionAndLeaveItOpen() throws Exception {
    Context url =
        (Context)
            new paddockURLContextFactory(session, hosts())
                .getObjectInstance(null, null, null, new Hashtable<>());
    url.createSubcontext("paddock://" + hosts() + "/bound");
    url.bind("paddock://" + hosts() + "/bound/greeting", "hello");
    assertThat(url.lookup("paddock://" + hosts() + "/bound/greeting")).isEqualTo("hello");

    Hashtable<String, Object> env = named();
    env.put(NamingSettings.ROOT, "/bound");
    Context initial = new PaddockInitialContextFactory(session, hosts()).getInitialContext(env);
    assertThat(initial.lookup("greeting")).isEqualTo("hello");
    assertThat(((PaddockContext) initial).client()).isSameAs(session);
    initial.close();
    url.close();

    // The session survives both contexts, and the binding is a znode it can read.
    assertThat(new String(session.getData("/bound/greeting").data(), UTF_8)).endsWith("hello");
  }

  @Test
  void theInitialContextFactoryServesOnlyEnvironmentsThatNameIt() throws Exception {
    PaddockInitialContextFactory factory = new PaddockInitialContextFactory(session, hosts());
    assertThat(factory.getInitialContext(new Hashtable<>())).isNull();
    Hashtable<String, Object> other = new Hashtable<>();
    other.put(Context.INITIAL_CONTEXT_FACTORY, "com.example.OtherFactory");
    assertThat(factory.getInitialContext(other)).isNull();

    Context initial = factory.getInitialContext(named());
    initial.bind("named", "yes");
    assertThat(session.exists("/jndi/named")).as("default root /jndi").isNotNull();
    initial.close();
  }

  @Test
  void anotherEnsembleIsRefusedRatherThanServedByTheWrongSession() throws Exception {
    Hashtable<String, Object> env = named();
    env.put(Context.PROVIDER_URL, "paddock://10.1.2.3:2181/jndi");
    assertThatThrownBy(
            () -> new PaddockInitialContextFactory(session, hosts()).getInitialContext(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("10.1.2.3:2181");

    Context url =
        (Context)
            new paddockURLContextFactory(session, hosts())
                .getObjectInstance(null, null, null, new Hashtable<>());
    assertThatThrownBy(() -> url.lookup("paddock://10.1.2.3:2181/jndi"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(hosts());
    // the same servers in another order are the same ensemble
    assertThat(PaddockUrl.sameEnsemble("a:1,b:2", "b:2, a:1")).isTrue();
  }
}
