package io.paddock.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.ContextNotEmptyException;
import javax.naming.InitialContext;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.Reference;
import javax.naming.StringRefAddr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * JNDI from plain Java against an in-process Paddock server: {@code jndi.properties} (test
 * resources) names the factory and the URL package, the environment adds the provider URL.
 */
// BanJNDI: exercising the JNDI provider is the point; JdkObsolete: JNDI environments are
// Hashtables by contract.
@SuppressWarnings({"BanJNDI", "JdkObsolete"})
class NamingContextTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir static Path dataDir;
  private static PaddockServer server;
  private final List<Context> opened = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String hosts() {
    return "127.0.0.1:" + server.clientPort();
  }

  /** An initial context; the factory comes from jndi.properties. */
  private InitialContext initial(Map<String, Object> extra) throws NamingException {
    Hashtable<String, Object> env = new Hashtable<>(extra);
    env.put(Context.PROVIDER_URL, "paddock://" + hosts() + "/jndi");
    InitialContext ctx = new InitialContext(env);
    opened.add(ctx);
    return ctx;
  }

  @org.junit.jupiter.api.AfterEach
  void closeContexts() throws NamingException {
    for (Context c : opened) {
      c.close();
    }
  }

  private static String base(TestInfo info) {
    return info.getTestMethod().orElseThrow().getName();
  }

  @Test
  void bindLookupListRenameUnbind(TestInfo info) throws Exception {
    InitialContext ctx = initial(Map.of());
    Context dir = ctx.createSubcontext(base(info));
    dir.bind("greeting", "hello");
    dir.bind("bytes", new byte[] {1, 2, 3});
    dir.createSubcontext("sub").bind("deep", "value");

    assertThat(ctx.lookup(base(info) + "/greeting")).isEqualTo("hello");
    assertThat((byte[]) dir.lookup("bytes")).containsExactly(1, 2, 3);
    assertThat(((Context) ctx.lookup(base(info) + "/sub")).lookup("deep")).isEqualTo("value");
    assertThat(((Context) dir.lookup("sub")).getNameInNamespace()).isEqualTo(base(info) + "/sub");

    List<String> listed = new ArrayList<>();
    for (NameClassPair p : Collections.list(dir.list(""))) {
      listed.add(p.getName() + "=" + p.getClassName());
    }
    assertThat(listed)
        .containsExactly("bytes=[B", "greeting=java.lang.String", "sub=javax.naming.Context");
    Map<String, Object> bindings = new java.util.TreeMap<>();
    for (Binding b : Collections.list(dir.listBindings(""))) {
      bindings.put(b.getName(), b.getObject());
    }
    assertThat(bindings.get("greeting")).isEqualTo("hello");
    assertThat(bindings.get("sub")).isInstanceOf(Context.class);

    dir.rename("greeting", "sub/greeting");
    assertThat(dir.lookup("sub/greeting")).isEqualTo("hello");
    assertThatThrownBy(() -> dir.lookup("greeting")).isInstanceOf(NameNotFoundException.class);

    dir.rebind("sub/greeting", "bonjour");
    assertThat(dir.lookup("sub/greeting")).isEqualTo("bonjour");
    dir.unbind("sub/greeting");
    dir.unbind("sub/greeting"); // unbinding an unbound terminal name is not an error
    assertThatThrownBy(() -> dir.unbind("missing/x")).isInstanceOf(NameNotFoundException.class);

    assertThat(ctx.getNameParser("").parse("a/b/c").size()).isEqualTo(3);
    assertThat(dir.composeName("x", "a/b")).isEqualTo("a/b/x");
  }

  @Test
  void namingErrorsAreTheStandardOnes(TestInfo info) throws Exception {
    InitialContext ctx = initial(Map.of());
    Context dir = ctx.createSubcontext(base(info));
    dir.bind("a", "1");
    assertThatThrownBy(() -> dir.bind("a", "2")).isInstanceOf(NameAlreadyBoundException.class);
    assertThatThrownBy(() -> dir.bind("no/such/parent", "x"))
        .isInstanceOf(NameNotFoundException.class);
    assertThatThrownBy(() -> dir.list("a")).isInstanceOf(NotContextException.class);
    assertThatThrownBy(() -> dir.destroySubcontext("a")).isInstanceOf(NotContextException.class);
    assertThatThrownBy(() -> ctx.destroySubcontext(base(info)))
        .isInstanceOf(ContextNotEmptyException.class);
    assertThatThrownBy(() -> dir.lookup("bad//name")).isInstanceOf(NamingException.class);
    dir.createSubcontext("empty");
    dir.destroySubcontext("empty");
    dir.destroySubcontext("empty"); // gone already: fine
  }

  @Test
  void paddockUrlsResolveThroughTheUrlPackage(TestInfo info) throws Exception {
    InitialContext ctx = initial(Map.of());
    ctx.createSubcontext(base(info)).bind("db", "jdbc:postgresql://db/x");
    String url = "paddock://" + hosts() + "/jndi/" + base(info) + "/db";
    assertThat(ctx.lookup(url)).isEqualTo("jdbc:postgresql://db/x");
    Context viaUrl = (Context) ctx.lookup("paddock://" + hosts() + "/jndi/" + base(info));
    opened.add(viaUrl);
    assertThat(viaUrl.lookup("db")).isEqualTo("jdbc:postgresql://db/x");
    ctx.bind("paddock://" + hosts() + "/jndi/" + base(info) + "/other", "via url");
    assertThat(ctx.lookup(base(info) + "/other")).isEqualTo("via url");
  }

  @Test
  void referencesResolveOnlyThroughAllowedFactoriesAndNeverFromACodebase(TestInfo info)
      throws Exception {
    InitialContext writer = initial(Map.of());
    Context dir = writer.createSubcontext(base(info));
    Reference greeting =
        new Reference(String.class.getName(), GreetingFactory.class.getName(), null);
    greeting.add(new StringRefAddr("who", "world"));
    dir.bind("greeting", greeting);
    Reference remote =
        new Reference(String.class.getName(), "com.example.NotHere", "http://127.0.0.1:1/evil.jar");
    dir.bind("remote", remote);

    // not allowed: the reference comes back as it is
    assertThat(writer.lookup(base(info) + "/greeting")).isInstanceOf(Reference.class);

    InitialContext reader =
        initial(
            Map.of(
                NamingSettings.OBJECT_FACTORIES,
                GreetingFactory.class.getName() + ",com.example.NotHere"));
    assertThat(reader.lookup(base(info) + "/greeting")).isEqualTo("hello, world");
    // allowed but not on the class path: JNDI would fetch it from the codebase, which we never
    // store
    Object r = reader.lookup(base(info) + "/remote");
    assertThat(r).isInstanceOf(Reference.class);
    assertThat(((Reference) r).getFactoryClassLocation()).isNull();
  }

  /** A serializable value outside the default allow-list. */
  record Point(int x, int y) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void serializableValuesNeedTheAllowList(TestInfo info) throws Exception {
    InitialContext ctx = initial(Map.of());
    Context dir = ctx.createSubcontext(base(info));
    dir.bind("list", new ArrayList<>(List.of(1, 2, 3)));
    dir.bind("point", new Point(1, 2));
    assertThat(dir.lookup("list")).isEqualTo(List.of(1, 2, 3));
    assertThatThrownBy(() -> dir.lookup("point"))
        .isInstanceOf(NamingException.class)
        .hasMessageContaining(NamingSettings.SERIAL_FILTER);
    InitialContext trusting =
        initial(
            Map.of(
                NamingSettings.SERIAL_FILTER,
                NamingSettings.SERIAL_ALLOW_DEFAULT + ";" + Point.class.getName()));
    assertThat(trusting.lookup(base(info) + "/point")).isEqualTo(new Point(1, 2));
  }

  @Test
  void ephemeralBindingsVanishWithTheirSession(TestInfo info) throws Exception {
    InitialContext registry = initial(Map.of());
    registry.createSubcontext(base(info));
    InitialContext service = initial(Map.of(NamingSettings.EPHEMERAL, "true"));
    service.bind(base(info) + "/instance-1", "10.0.0.7:8080");
    assertThat(registry.lookup(base(info) + "/instance-1")).isEqualTo("10.0.0.7:8080");

    service.close(); // the service stops: its session ends, its binding goes
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> registry.lookup(base(info) + "/instance-1"))
                    .isInstanceOf(NameNotFoundException.class));
    assertThat(Collections.list(registry.list(base(info)))).isEmpty();
  }

  @Test
  void plainZnodesLookNaturalThroughJndi(TestInfo info) throws Exception {
    InitialContext ctx = initial(Map.of());
    PaddockContext root = (PaddockContext) ctx.lookup("");
    opened.add(root);
    String path = "/jndi/" + base(info);
    root.client()
        .create(
            path,
            new byte[0],
            io.paddock.api.Acl.OPEN_ACL_UNSAFE,
            io.paddock.api.CreateMode.PERSISTENT);
    root.client()
        .create(
            path + "/url",
            "http://example".getBytes(StandardCharsets.UTF_8),
            io.paddock.api.Acl.OPEN_ACL_UNSAFE,
            io.paddock.api.CreateMode.PERSISTENT);
    assertThat(ctx.lookup(base(info) + "/url")).isEqualTo("http://example");
    assertThat(ctx.lookup(base(info))).isInstanceOf(Context.class);
  }
}
