package io.paddock.microprofile.config;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

/**
 * Installs a {@link PaddockConfigSource} when {@code paddock.config.connect} is set. Registered in
 * {@code META-INF/services}. The settings are read from a bootstrap config of the default sources
 * (system properties, environment variables, {@code META-INF/microprofile-config.properties}),
 * because the config being built cannot be asked while it is being built.
 */
public final class PaddockConfigSourceProvider implements ConfigSourceProvider {
  private static final System.Logger LOG =
      System.getLogger(PaddockConfigSourceProvider.class.getName());

  /** For {@link java.util.ServiceLoader}. */
  public PaddockConfigSourceProvider() {}

  @Override
  public Iterable<ConfigSource> getConfigSources(ClassLoader forClassLoader) {
    Config bootstrap =
        ConfigProviderResolver.instance()
            .getBuilder()
            .forClassLoader(forClassLoader)
            .addDefaultSources()
            .build();
    Optional<ConfigSettings> settings =
        ConfigSettings.from(key -> bootstrap.getOptionalValue(key, String.class));
    if (settings.isEmpty()) {
      LOG.log(
          Level.DEBUG, "{0} is not set: no Paddock configuration source", ConfigSettings.CONNECT);
      return List.of();
    }
    return List.of(PaddockConfigSource.start(settings.get()));
  }
}
