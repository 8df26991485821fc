package io.paddock.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.config.ServerConfig;
import io.paddock.embedded.EmbeddedPaddock.State;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPaddockTest {
  @TempDir Path dir;

  private ServerConfig config(String name) {
    return ServerConfig.builder(dir.resolve(name)).clientPort(0).build();
  }

  @Test
  void twoServersInOneJvmServeIndependentlyAndAnnounceTheirLifecycle() throws Exception {
    List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    EmbeddedPaddock a = EmbeddedPaddock.builder().config(config("a")).listener(events::add).start();
    EmbeddedPaddock b = EmbeddedPaddock.builder().config(config("b")).start();
    try {
      assertThat(a.state()).isEqualTo(State.SERVING);
      assertThat(a.awaitServing(1, TimeUnit.SECONDS)).isTrue();
      assertThat(a.clientPort()).isNotEqualTo(b.clientPort()).isPositive();
      assertThat(a.connectString()).isEqualTo("127.0.0.1:" + a.clientPort());
      assertThat(events)
          .extracting(LifecycleEvent::state)
          .containsExactly(State.STARTING, State.SERVING);
      assertThat(events).allSatisfy(e -> assertThat(e.source()).isSameAs(a));

      try (PaddockClient ca = connect(a);
          PaddockClient cb = connect(b)) {
        ca.create("/only-in-a", "x".getBytes(UTF_8), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThat(ca.getData("/only-in-a").data()).asString(UTF_8).isEqualTo("x");
        assertThat(cb.exists("/only-in-a")).isNull();
      }
    } finally {
      a.close();
      b.close();
    }
    assertThat(a.state()).isEqualTo(State.STOPPED);
    assertThat(events)
        .extracting(LifecycleEvent::state)
        .containsExactly(State.STARTING, State.SERVING, State.STOPPING, State.STOPPED);
    assertThat(a.awaitServing(1, TimeUnit.MILLISECONDS)).isFalse();
    assertPortFree(a.clientPort());
    assertPortFree(b.clientPort());
  }

  @Test
  void closeIsIdempotentAndAnnouncesOnce() throws Exception {
    List<State> states = new CopyOnWriteArrayList<>();
    EmbeddedPaddock p =
        EmbeddedPaddock.builder().config(config("c")).listener(e -> states.add(e.state())).start();
    p.close();
    p.close();
    assertThat(states)
        .containsExactly(State.STARTING, State.SERVING, State.STOPPING, State.STOPPED);
    assertThat(p.clientAddress().getPort()).as("still known after stop").isPositive();
    assertThatThrownBy(() -> new LifecycleEvent(p, State.SERVING, new IOException("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LifecycleEvent(p, State.FAILED, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBusyPortFailsTheStartAndTellsTheListeners() throws Exception {
    List<LifecycleEvent> events = new CopyOnWriteArrayList<>();
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ServerConfig onBusyPort =
          ServerConfig.builder(dir.resolve("d")).clientPort(busy.getLocalPort()).build();
      EmbeddedPaddock.Builder builder =
          EmbeddedPaddock.builder().config(onBusyPort).listener(events::add);
      assertThatThrownBy(builder::start)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(Integer.toString(busy.getLocalPort()));
    }
    assertThat(events)
        .extracting(LifecycleEvent::state)
        .containsExactly(State.STARTING, State.FAILED);
    LifecycleEvent failed = events.get(1);
    assertThat(failed.failureCause()).containsInstanceOf(IOException.class);
    assertThat(failed.source().state()).isEqualTo(State.FAILED);
    assertThatThrownBy(() -> failed.source().clientAddress())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FAILED");
    failed.source().close(); // a no-op on a failed server
    assertThat(failed.source().state()).isEqualTo(State.FAILED);
  }

  @Test
  void aThrowingListenerDoesNotStopTheServerOrTheOtherListeners() throws Exception {
    List<State> heard = new CopyOnWriteArrayList<>();
    EmbeddedPaddock p =
        EmbeddedPaddock.builder()
            .config(config("e"))
            .listener(
                e -> {
                  throw new IllegalStateException("listener bug");
                })
            .listener(e -> heard.add(e.state()))
            .start();
    p.close();
    assertThat(heard).containsExactly(State.STARTING, State.SERVING, State.STOPPING, State.STOPPED);
  }

  @Test
  void theBuilderNeedsAConfigAndBoundsListeners() {
    assertThatThrownBy(() -> EmbeddedPaddock.builder().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("config");
    EmbeddedPaddock.Builder b = EmbeddedPaddock.builder();
    for (int i = 0; i < EmbeddedPaddock.LISTENERS_MAX; i++) {
      b.listener(e -> {});
    }
    assertThatThrownBy(() -> b.listener(e -> {})).isInstanceOf(IllegalStateException.class);
  }

  private static PaddockClient connect(EmbeddedPaddock p) {
    return PaddockClients.connect(
        ClientConfig.builder(p.connectString()).sessionTimeoutMs(10_000).build());
  }

  private static void assertPortFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }
}
