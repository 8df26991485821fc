package io.paddock.osgi;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import io.paddock.api.recipes.Coordination;
import io.paddock.client.DefaultClientFactory;
import io.paddock.recipes.PaddockCoordination;
import java.lang.System.Logger.Level;
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
 * A client session configured by Config Admin PID {@value #PID}, published as a {@link
 * PaddockClient} service and, on the same session, as a {@link Coordination} service (the recipes:
 * locks with leases and fencing tokens, leader election, groups, barriers, queues, counters). Both
 * carry the property {@value #CONNECT_STRING_PROPERTY}. The session is established in the
 * background (operations issued before wait for it, as with any client), so the services appear at
 * once, even while the ensemble is still starting.
 *
 * <p>On the same session it also publishes the JNDI provider as the OSGi JNDI Service specification
 * asks (see {@link NamingServices}): an {@code InitialContextFactory} service registered under the
 * interface and {@code io.paddock.naming.PaddockInitialContextFactory}, and the {@code paddock:}
 * URL {@code ObjectFactory} service with {@code osgi.jndi.url.scheme=paddock}.
 *
 * <p>The component owns both objects: consumers must not close them. A changed configuration ends
 * the session (and with it every lease taken through it) and opens a new one.
 */
@Component(
    name = ClientComponent.PID,
    configurationPid = ClientComponent.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = {})
@Designate(ocd = ClientConfiguration.class)
public final class ClientComponent {
  private static final System.Logger LOG = System.getLogger(ClientComponent.class.getName());

  /** The Config Admin PID (and factory PID) of clients. */
  public static final String PID = "io.paddock.client";

  /** Service property: the connect string the client was configured with. */
  public static final String CONNECT_STRING_PROPERTY = "paddock.connectString";

  private final PaddockClient client;
  private final Coordination coordination;
  private final ServiceRegistration<PaddockClient> clientRegistration;
  private final ServiceRegistration<Coordination> coordinationRegistration;
  private final NamingServices naming;

  /** Starts the client and publishes it and its recipes. */
  @Activate
  public ClientComponent(
      BundleContext context, ClientConfiguration configuration, Map<String, Object> properties) {
    String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
    if (configuration.connectString() == null || configuration.connectString().isBlank()) {
      throw new IllegalArgumentException("Config Admin " + pid + ": connectString: required");
    }
    ClientConfig.Builder config =
        ClientConfig.builder(configuration.connectString())
            .sessionTimeoutMs(configuration.sessionTimeoutMs())
            .requestTimeoutMs(configuration.requestTimeoutMs())
            .canBeReadOnly(configuration.canBeReadOnly())
            .defaultWatcher(
                event -> LOG.log(Level.DEBUG, pid + ": Paddock client " + event.state()));
    if (configuration.connectTimeoutMs() > 0) {
      config.connectTimeoutMs(configuration.connectTimeoutMs());
    }
    // Not PaddockClients.connect / Coordinations.connect: ServiceLoader does not cross bundles.
    client = new DefaultClientFactory().connect(config.build());
    Map<String, Object> serviceProperties =
        Map.of(CONNECT_STRING_PROPERTY, configuration.connectString(), "paddock.pid", pid);
    Coordination recipes = null;
    ServiceRegistration<PaddockClient> clientReg = null;
    ServiceRegistration<Coordination> coordinationReg = null;
    try {
      recipes = PaddockCoordination.on(client, PaddockCoordination.STATE_POLL_MS_DEFAULT);
      clientReg =
          context.registerService(
              PaddockClient.class, client, FrameworkUtil.asDictionary(serviceProperties));
      coordinationReg =
          context.registerService(
              Coordination.class, recipes, FrameworkUtil.asDictionary(serviceProperties));
      naming =
          NamingServices.register(
              context, client, configuration.connectString(), serviceProperties);
    } catch (RuntimeException e) {
      unregister(coordinationReg);
      unregister(clientReg);
      if (recipes != null) {
        recipes.close();
      }
      client.close();
      throw e;
    }
    coordination = recipes;
    clientRegistration = clientReg;
    coordinationRegistration = coordinationReg;
  }

  /** Unpublishes the services and ends the session. */
  @Deactivate
  public void deactivate() {
    naming.unregister();
    unregister(coordinationRegistration);
    unregister(clientRegistration);
    coordination.close();
    client.close();
  }

  private static void unregister(ServiceRegistration<?> registration) {
    if (registration == null) {
      return;
    }
    try {
      registration.unregister();
    } catch (IllegalStateException alreadyGone) {
      // The framework unregisters everything of a stopping bundle itself; nothing left to do.
    }
  }
}
