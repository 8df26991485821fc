package io.paddock.it.contract;

import io.paddock.it.harness.Clients;
import io.paddock.it.harness.ServerKind;
import io.paddock.it.harness.ServerProcess;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every contract: one server process per test class (started before the first test, stopped
 * after the last, also on failure), fresh clients per test, unique paths per test.
 *
 * <p>Each contract is written once as an abstract subclass; {@code ...ZooKeeperIT} and {@code
 * ...PaddockIT} only say which {@link ServerKind} to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServerLogOnFailure.class)
public abstract class ServerContract implements ServerLogOnFailure.HasServer {
  protected ServerProcess server;
  protected Clients clients;
  private final AtomicInteger pathCounter = new AtomicInteger();
  private String testName = "t";

  /** Which server implementation this concrete class runs against. */
  protected abstract ServerKind kind();

  @BeforeAll
  void startServer() {
    server = kind().create(getClass().getSimpleName(), ServerKind.TEST_JVM_ARGS);
    server.start();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void openClients(TestInfo info) {
    clients = new Clients(server);
    testName = info.getTestMethod().map(method -> method.getName()).orElse("t");
  }

  @AfterEach
  void closeClients() {
    clients.close();
  }

  @Override
  public ServerProcess server() {
    return server;
  }

  /** A path no other test uses: {@code /<testMethod>-<n>}. */
  protected String uniquePath() {
    return "/" + testName + "-" + pathCounter.incrementAndGet();
  }
}
