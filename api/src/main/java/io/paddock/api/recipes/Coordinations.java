package io.paddock.api.recipes;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import java.util.ServiceLoader;

/** Entry point for plain Java: finds the {@link CoordinationFactory} on the class path. */
public final class Coordinations {
  private Coordinations() {}

  /**
   * Recipes on a client owned by the caller.
   *
   * @throws IllegalStateException if no implementation is on the class path
   */
  public static Coordination on(PaddockClient client) {
    return factory().on(client);
  }

  /**
   * Starts a client owned by the returned coordination.
   *
   * @throws IllegalStateException if no implementation is on the class path
   */
  public static Coordination connect(ClientConfig config) {
    return factory().connect(config);
  }

  private static CoordinationFactory factory() {
    return ServiceLoader.load(CoordinationFactory.class, Coordinations.class.getClassLoader())
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no CoordinationFactory found: put paddock-provider on the class path"));
  }
}
