package io.paddock.microprofile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paddock.api.Op;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against an in-process Paddock server, without any MP Config implementation. */
class PaddockConfigSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static ConfigSettings settings(ConfigServer server, String root) {
    return new ConfigSettings(
        server.connectString(), root, "myapp", "dev", 150, 10_000, 10_000, true);
  }

  @Test
  void servesTheTreeFromMemoryAndFollowsChanges(@TempDir Path dir) throws Exception {
    try (ConfigServer server = new ConfigServer(dir)) {
      server.put("/config/application/db/url", "shared");
      server.put("/config/application/db/pool", "5");
      server.put("/config/myapp/db/url", "app");
      server.put("/config/myapp,dev/db/pool", "1");
      try (PaddockConfigSource source = PaddockConfigSource.start(settings(server, "/config"))) {
        assertThat(source.getProperties())
            .containsOnly(Map.entry("db.url", "app"), Map.entry("db.pool", "1"));
        assertThat(source.getOrdinal()).isEqualTo(150);
        assertThat(source.getName()).contains("/config/myapp,dev");

        server.put("/config/myapp/db/url", "app-v2");
        await().atMost(WAIT).until(() -> "app-v2".equals(source.getValue("db.url")));
        server.put("/config/myapp/cache/ttl/seconds", "30"); // new nodes with new parents
        await().atMost(WAIT).until(() -> "30".equals(source.getValue("cache.ttl.seconds")));
        server.admin().delete("/config/myapp,dev/db/pool", -1);
        await().atMost(WAIT).until(() -> "5".equals(source.getValue("db.pool")));
        server.admin().delete("/config/myapp/cache/ttl/seconds", -1);
        await().atMost(WAIT).until(() -> source.getValue("cache.ttl.seconds") == null);
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("db.url", "db.pool");
        assertThat(source.lastZxid()).isPositive();
      }
    }
  }

  @Test
  void aMultiIsSeenWholeOrNotAtAll(@TempDir Path dir) throws Exception {
    int keys = 260; // more than one multiRead (ZnodeMirror.PATHS_PER_READ) per round
    int updates = 40;
    try (ConfigServer server = new ConfigServer(dir)) {
      for (int k = 0; k < keys; k++) {
        server.put("/config/myapp/pair/k" + k, "0");
      }
      try (PaddockConfigSource source = PaddockConfigSource.start(settings(server, "/config"))) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Map<String, String>> torn = new AtomicReference<>();
        AtomicInteger snapshots = new AtomicInteger();
        Thread reader =
            new Thread(
                () -> {
                  Map<String, String> previous = null;
                  while (!stop.get()) {
                    Map<String, String> p = source.getProperties(); // one snapshot
                    if (p != previous) {
                      snapshots.incrementAndGet();
                      previous = p;
                    }
                    for (int k = 1; k < keys; k++) {
                      if (!p.get("pair.k0").equals(p.get("pair.k" + k))) {
                        torn.compareAndSet(null, p);
                      }
                    }
                  }
                });
        reader.start();
        for (int i = 1; i <= updates; i++) {
          byte[] v = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
          List<Op> ops = new ArrayList<>();
          for (int k = 0; k < keys; k++) {
            ops.add(new Op.SetData("/config/myapp/pair/k" + k, v, -1));
          }
          server.admin().multi(ops);
        }
        String last = Integer.toString(updates);
        await().atMost(WAIT).until(() -> last.equals(source.getValue("pair.k" + (keys - 1))));
        stop.set(true);
        reader.join();
        assertThat(torn.get()).as("a half-applied multi was visible").isNull();
        assertThat(snapshots.get()).as("snapshots seen").isGreaterThan(1);
      }
    }
  }

  @Test
  void servesTheLastKnownValuesWhileTheEnsembleIsAway(@TempDir Path dir) throws Exception {
    ConfigServer server = new ConfigServer(dir);
    server.put("/c/application/greeting", "hello");
    try (PaddockConfigSource source = PaddockConfigSource.start(settings(server, "/c"))) {
      assertThat(source.getValue("greeting")).isEqualTo("hello");
      server.close();
      // no network call per lookup: the value is still there with nobody to ask
      for (int i = 0; i < 20; i++) {
        assertThat(source.getValue("greeting")).isEqualTo("hello");
        Thread.sleep(50);
      }
    }
  }

  @Test
  void startsEmptyWhenTheEnsembleIsUnreachableUnlessFailFast() throws Exception {
    ConfigSettings unreachable =
        new ConfigSettings("127.0.0.1:1", "/config", null, null, 150, 10_000, 300, false);
    try (PaddockConfigSource source = PaddockConfigSource.start(unreachable)) {
      assertThat(source.getProperties()).isEmpty();
    }
    ConfigSettings failFast =
        new ConfigSettings("127.0.0.1:1", "/config", null, null, 150, 10_000, 300, true);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PaddockConfigSource.start(failFast))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(ConfigSettings.FAIL_FAST);
  }
}
