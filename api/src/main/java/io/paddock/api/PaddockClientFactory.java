package io.paddock.api;

/**
 * Creates clients. Implementations are found with {@link java.util.ServiceLoader} by {@link
 * PaddockClients}, or published as a service by a container (OSGi, CDI).
 */
public interface PaddockClientFactory {
  /**
   * Starts a client. Returns at once; the session is established in the background and announced to
   * the config's default watcher. Operations issued before that wait for the connection.
   */
  PaddockClient connect(ClientConfig config);
}
