package io.paddock.api;

import java.util.ServiceLoader;

/** Entry point for plain Java: finds the {@link PaddockClientFactory} on the class path. */
public final class PaddockClients {
  private PaddockClients() {}

  /**
   * Starts a client with the first factory found by {@link ServiceLoader}.
   *
   * @throws IllegalStateException if no implementation is on the class path
   */
  public static PaddockClient connect(ClientConfig config) {
    return ServiceLoader.load(PaddockClientFactory.class, PaddockClients.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no PaddockClientFactory found: put paddock-provider on the class path"))
        .connect(config);
  }
}
