package io.paddock.it.contract;

import io.paddock.it.harness.ServerProcess;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints where the server's log is (and its tail) when a test fails, so failures are debuggable.
 */
public final class ServerLogOnFailure implements TestWatcher {
  /** A test instance that owns a server. */
  public interface HasServer {
    ServerProcess server();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    context
        .getTestInstance()
        .filter(HasServer.class::isInstance)
        .map(instance -> ((HasServer) instance).server())
        .ifPresent(
            server ->
                System.err.println(
                    "FAILED "
                        + context.getDisplayName()
                        + " against "
                        + server
                        + "\n"
                        + server.describeLog()));
  }
}
