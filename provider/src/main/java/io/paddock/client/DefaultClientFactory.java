package io.paddock.client;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClientFactory;

/** The {@link PaddockClientFactory} found by {@link java.util.ServiceLoader}. */
public final class DefaultClientFactory implements PaddockClientFactory {

  /** For the service loader. */
  public DefaultClientFactory() {}

  @Override
  public PaddockClient connect(ClientConfig config) {
    return PaddockClientImpl.start(config, ClientTuning.defaults());
  }
}
