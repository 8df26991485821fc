package io.paddock.it.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Acl;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.Op;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.it.contract.ServerContract;
import io.paddock.microprofile.config.ConfigSettings;
import io.paddock.microprofile.config.PaddockConfigSource;
import io.paddock.naming.NamingSettings;
import io.paddock.naming.PaddockInitialContextFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import org.junit.jupiter.api.Test;

/**
 * The MicroProfile ConfigSource and the JNDI provider against a real server process, through
 * Paddock's client: they rely on multiRead, persistent recursive watches, sync and multi, which
 * must behave the same on ZooKeeper and on Paddock.
 */
// BanJNDI: exercising the JNDI provider is the point; JdkObsolete: JNDI environments are
// Hashtables by contract.
@SuppressWarnings({"BanJNDI", "JdkObsolete"})
public abstract class ConfigAndNamingContract extends ServerContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private PaddockClient admin() {
    return clients.register(
        PaddockClients.connect(ClientConfig.builder(server.connectString()).build()));
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void put(PaddockClient c, String path, String value) throws Exception {
    StringBuilder at = new StringBuilder();
    String[] parts = path.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      at.append('/').append(parts[i]);
      byte[] data = i == parts.length - 1 ? b(value) : new byte[0];
      if (c.exists(at.toString()) == null) {
        c.create(at.toString(), data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } else if (i == parts.length - 1) {
        c.setData(at.toString(), data, -1);
      }
    }
  }

  @Test
  void theConfigSourceLoadsFollowsAndSeesMultisWhole() throws Exception {
    String root = uniquePath();
    PaddockClient admin = admin();
    put(admin, root + "/application/db/url", "shared");
    put(admin, root + "/shop/db/url", "shop");
    put(admin, root + "/shop,prod/pool/a", "1");
    put(admin, root + "/shop,prod/pool/b", "1");
    ConfigSettings settings =
        new ConfigSettings(server.connectString(), root, "shop", "prod", 150, 30_000, 20_000, true);
    try (PaddockConfigSource source = clients.register(PaddockConfigSource.start(settings))) {
      assertThat(source.getProperties())
          .containsOnly(
              Map.entry("db.url", "shop"), Map.entry("pool.a", "1"), Map.entry("pool.b", "1"));
      admin.multi(
          List.of(
              new Op.SetData(root + "/shop,prod/pool/a", b("2"), -1),
              new Op.SetData(root + "/shop,prod/pool/b", b("2"), -1)));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Map<String, String> p = source.getProperties();
                assertThat(p.get("pool.a")).isEqualTo(p.get("pool.b")).isEqualTo("2");
              });
      admin.delete(root + "/shop/db/url", -1);
      await().atMost(WAIT).until(() -> "shared".equals(source.getValue("db.url")));
    }
  }

  private InitialContext naming(Map<String, Object> extra) throws Exception {
    Hashtable<String, Object> env = new Hashtable<>(extra);
    env.put(Context.INITIAL_CONTEXT_FACTORY, PaddockInitialContextFactory.class.getName());
    env.put(Context.PROVIDER_URL, "paddock://" + server.connectString() + uniquePath());
    InitialContext ctx = new InitialContext(env);
    clients.register(ctx::close);
    return ctx;
  }

  @Test
  void jndiBindsListsRenamesAndDropsEphemeralBindings() throws Exception {
    Map<String, Object> env = new java.util.HashMap<>();
    env.put(NamingSettings.ROOT, uniquePath());
    InitialContext registry = naming(env);
    Context services = registry.createSubcontext("services");
    services.bind("db", "jdbc:postgresql://db/shop");
    services.rename("db", "database");
    assertThat(registry.lookup("services/database")).isEqualTo("jdbc:postgresql://db/shop");

    Map<String, Object> ephemeral = new java.util.HashMap<>(env);
    ephemeral.put(NamingSettings.EPHEMERAL, "true");
    InitialContext instance = naming(ephemeral);
    instance.bind("services/instance-1", "10.0.0.7:8080");
    List<String> names = new ArrayList<>();
    for (NameClassPair p : Collections.list(registry.list("services"))) {
      names.add(p.getName());
    }
    assertThat(names).containsExactly("database", "instance-1");

    instance.close();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> registry.lookup("services/instance-1"))
                    .isInstanceOf(NameNotFoundException.class));
  }
}
