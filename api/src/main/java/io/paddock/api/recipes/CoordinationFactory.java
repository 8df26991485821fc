package io.paddock.api.recipes;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;

/**
 * Creates {@link Coordination}s. Implementations are found with {@link java.util.ServiceLoader} by
 * {@link Coordinations}, or published as a service by a container.
 */
public interface CoordinationFactory {
  /**
   * Recipes on a client owned by the caller; connection state is checked periodically.
   *
   * @throws IllegalArgumentException if the client is closed or expired
   */
  Coordination on(PaddockClient client);

  /**
   * Starts a client for {@code config} that the returned coordination owns; connection-state events
   * reach the recipes at once and are then passed to the config's default watcher.
   */
  Coordination connect(ClientConfig config);
}
