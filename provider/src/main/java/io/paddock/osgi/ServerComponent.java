package io.paddock.osgi;

import io.paddock.config.ConfigException;
import io.paddock.config.ConfigKeys;
import io.paddock.embedded.EmbeddedPaddock;
import io.paddock.embedded.ServerProperties;
import java.io.File;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An embedded Paddock server configured by Config Admin PID {@value #PID}: the configuration's
 * properties are zoo.cfg keys, mapped onto a {@link io.paddock.config.ServerConfig} through the key
 * registry. While it runs, the {@link EmbeddedPaddock} is published as a service with the
 * properties {@value #CONNECT_STRING_PROPERTY} and {@value #CLIENT_PORT_PROPERTY}, so other
 * components can find it (a client component, a health check). The component owns it: consumers
 * must not close it.
 *
 * <p>Without {@code dataDir} the data lives in this bundle's data area, one directory per
 * configuration. An invalid configuration or a busy port fails the activation (SCR logs it); a
 * corrected configuration activates it again.
 */
@Component(
    name = ServerComponent.PID,
    configurationPid = ServerComponent.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = {})
@Designate(ocd = ServerConfiguration.class)
public final class ServerComponent {
  private static final System.Logger LOG = System.getLogger(ServerComponent.class.getName());

  /** The Config Admin PID (and factory PID) of embedded servers. */
  public static final String PID = "io.paddock.server";

  /** Service property: a connect string for this server, {@code host:port}. */
  public static final String CONNECT_STRING_PROPERTY = "paddock.connectString";

  /** Service property: the bound client port (an Integer). */
  public static final String CLIENT_PORT_PROPERTY = "paddock.clientPort";

  private final EmbeddedPaddock paddock;
  private final ServiceRegistration<EmbeddedPaddock> registration;

  /**
   * Starts the server and publishes it.
   *
   * @throws ConfigException if the configuration is invalid (every problem listed)
   * @throws IOException if the data directory cannot be created or the port cannot be bound
   */
  @Activate
  public ServerComponent(BundleContext context, Map<String, Object> properties) throws IOException {
    String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
    ServerProperties.Parsed parsed =
        ServerProperties.parse("Config Admin " + pid, withDefaults(context, pid, properties));
    for (String warning : parsed.warnings()) {
      LOG.log(Level.WARNING, warning);
    }
    paddock =
        EmbeddedPaddock.builder()
            .config(parsed.config())
            .listener(event -> LOG.log(Level.INFO, pid + ": Paddock server " + event.state()))
            .start();
    Map<String, Object> serviceProperties =
        Map.of(
            CONNECT_STRING_PROPERTY,
            paddock.connectString(),
            CLIENT_PORT_PROPERTY,
            paddock.clientPort(),
            "paddock.pid",
            pid);
    try {
      registration =
          context.registerService(
              EmbeddedPaddock.class, paddock, FrameworkUtil.asDictionary(serviceProperties));
    } catch (RuntimeException e) {
      paddock.close();
      throw e;
    }
  }

  /** Unpublishes and stops the server; the port is free when this returns. */
  @Deactivate
  public void deactivate() {
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      // The framework unregisters everything of a stopping bundle itself; nothing left to do.
    }
    paddock.close();
  }

  /**
   * The configuration's zoo.cfg keys: framework-added properties (service.*, component.*, felix.*,
   * osgi.*, and the private "."-prefixed ones) removed, and a default dataDir added.
   */
  static Map<String, Object> withDefaults(
      BundleContext context, String pid, Map<String, Object> properties) {
    Map<String, Object> keys = new HashMap<>();
    properties.forEach(
        (k, v) -> {
          if (!isFrameworkKey(k)) {
            keys.put(k, v);
          }
        });
    if (!keys.containsKey(ConfigKeys.DATA_DIR.name())) {
      File dir = context.getDataFile("server-" + pid);
      if (dir == null) {
        throw new ConfigException(
            List.of(
                "Config Admin "
                    + pid
                    + ": dataDir: required (this framework gives bundles no data area)"));
      }
      keys.put(ConfigKeys.DATA_DIR.name(), dir.getAbsolutePath());
    }
    return keys;
  }

  static boolean isFrameworkKey(String key) {
    return key.startsWith(".")
        || key.startsWith("service.")
        || key.startsWith("component.")
        || key.startsWith("felix.")
        || key.startsWith("osgi.")
        || key.equals("objectClass");
  }
}
