package io.paddock.microprofile.config;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClients;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A {@link ConfigSource} whose properties are znodes (see {@link ConfigLayout} for the layout and
 * {@link ConfigSettings} for the settings). Every lookup is a map read: the values come from an
 * in-memory mirror that persistent recursive watches keep current, never from a network call. While
 * the ensemble cannot be reached, the last known values are served (and the loss is logged).
 *
 * <p>It owns a client session and a thread: {@link #close()} ends both. MicroProfile Config has no
 * life cycle for sources, so in a container close it when the application stops (look it up among
 * {@code Config.getConfigSources()}); otherwise they end with the JVM.
 */
public final class PaddockConfigSource implements ConfigSource, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(PaddockConfigSource.class.getName());

  private final ConfigSettings settings;
  private final ConfigLayout layout;
  private final String name;
  private final ZnodeMirror mirror;
  private volatile Map<String, String> properties = Map.of();

  private PaddockConfigSource(ConfigSettings settings) {
    this.settings = settings;
    this.layout = settings.layout();
    this.name = "PaddockConfigSource[" + settings.connectString() + " " + layout.contexts() + "]";
    this.mirror =
        new ZnodeMirror(
            watcher ->
                PaddockClients.connect(
                    ClientConfig.builder(settings.connectString())
                        .sessionTimeoutMs(settings.sessionTimeoutMs())
                        .defaultWatcher(watcher)
                        .build()),
            layout.contexts(),
            nodes -> properties = layout.properties(nodes),
            "paddock-config-mirror");
  }

  /**
   * Connects, loads the properties and starts following changes. Waits up to {@code
   * initialLoadTimeoutMs} for the first load.
   *
   * @throws IllegalStateException with {@code failFast}, if nothing could be loaded in time
   */
  public static PaddockConfigSource start(ConfigSettings settings) {
    PaddockConfigSource source = new PaddockConfigSource(settings);
    source.mirror.start();
    boolean loaded;
    try {
      loaded = source.mirror.awaitFirstSnapshot(settings.initialLoadTimeoutMs());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loaded = false;
    }
    if (!loaded) {
      if (settings.failFast()) {
        source.close();
        throw new IllegalStateException(
            "no configuration from "
                + settings.connectString()
                + " within "
                + settings.initialLoadTimeoutMs()
                + " ms ("
                + ConfigSettings.FAIL_FAST
                + "=true)");
      }
      LOG.log(
          Level.WARNING,
          "no configuration from {0} within {1} ms; starting empty, values appear once it answers",
          settings.connectString(),
          settings.initialLoadTimeoutMs());
    }
    return source;
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int getOrdinal() {
    return settings.ordinal();
  }

  /** The highest zxid among the values served, or -1 before the first load (for diagnostics). */
  public long lastZxid() {
    return mirror.lastZxid();
  }

  /** Ends the session and the mirror thread; the last values stay readable. */
  @Override
  public void close() {
    mirror.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
