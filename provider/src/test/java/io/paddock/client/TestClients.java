package io.paddock.client;

import static org.awaitility.Awaitility.await;

import io.paddock.api.ClientConfig;
import io.paddock.api.KeeperState;
import io.paddock.api.WatchedEvent;
import io.paddock.api.Watcher;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starting clients in tests: seeded randomness, and waiting for the session. */
final class TestClients {
  static final Duration WAIT = Duration.ofSeconds(20);

  private TestClients() {}

  /** Records every event a watcher gets. */
  static final class Recorder implements Watcher {
    final List<WatchedEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void process(WatchedEvent event) {
      events.add(event);
    }

    List<KeeperState> states() {
      return events.stream().map(WatchedEvent::state).toList();
    }
  }

  static PaddockClientImpl connect(String connectString, Watcher defaultWatcher) {
    return connect(
        ClientConfig.builder(connectString)
            .sessionTimeoutMs(10_000)
            .connectTimeoutMs(5_000)
            .defaultWatcher(defaultWatcher)
            .build(),
        ClientTuning.defaults(new Random(42)));
  }

  static PaddockClientImpl connect(ClientConfig config, ClientTuning tuning) {
    PaddockClientImpl c = PaddockClientImpl.start(config, tuning);
    await().atMost(WAIT).until(() -> c.state() == KeeperState.SYNC_CONNECTED);
    return c;
  }
}
