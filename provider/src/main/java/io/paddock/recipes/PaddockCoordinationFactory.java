package io.paddock.recipes;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import io.paddock.api.recipes.Coordination;
import io.paddock.api.recipes.CoordinationFactory;

/** The {@link CoordinationFactory} found by {@link java.util.ServiceLoader}. */
public final class PaddockCoordinationFactory implements CoordinationFactory {
  /** For {@link java.util.ServiceLoader}. */
  public PaddockCoordinationFactory() {}

  @Override
  public Coordination on(PaddockClient client) {
    return PaddockCoordination.on(client, PaddockCoordination.STATE_POLL_MS_DEFAULT);
  }

  @Override
  public Coordination connect(ClientConfig config) {
    return PaddockCoordination.connect(config, PaddockCoordination.STATE_POLL_MS_DEFAULT);
  }
}
