package io.paddock.osgi;

import io.paddock.api.PaddockClient;
import io.paddock.naming.PaddockInitialContextFactory;
import io.paddock.naming.paddock.paddockURLContextFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.naming.spi.InitialContextFactory;
import javax.naming.spi.ObjectFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jndi.JNDIConstants;

/**
 * The JNDI provider of one client session, published as the OSGi JNDI Service specification
 * (compendium ch. 126) asks: a {@link PaddockInitialContextFactory} registered under both {@code
 * javax.naming.spi.InitialContextFactory} and its class name, and a {@code paddock:} URL context
 * factory registered as {@code javax.naming.spi.ObjectFactory} with {@value #URL_SCHEME_PROPERTY}
 * {@code =} {@value #URL_SCHEME}. Both work on the client component's session and never close it;
 * an OSGi JNDI implementation (Aries JNDI, Karaf's {@code jndi} feature) finds them in the
 * registry. Nothing here touches {@code NamingManager}'s JVM-wide builder: the container owns it.
 *
 * <p>Names: an initial context maps {@code a/b} to {@code <root>/a/b}, root {@code
 * paddock.naming.root} or {@value io.paddock.naming.NamingSettings#ROOT_DEFAULT}; a URL {@code
 * paddock://<ensemble>/a/b} names the znode {@code /a/b}, both as the session sees them (inside its
 * chroot, if the connect string has one). URLs naming another ensemble are refused.
 */
final class NamingServices {
  /** The service property by which OSGi JNDI finds a URL context factory. */
  static final String URL_SCHEME_PROPERTY = JNDIConstants.JNDI_URLSCHEME;

  /** The URL scheme served. */
  static final String URL_SCHEME = "paddock";

  private final List<ServiceRegistration<?>> registrations;

  private NamingServices(List<ServiceRegistration<?>> registrations) {
    this.registrations = registrations;
  }

  /**
   * Publishes the JNDI services of {@code client}.
   *
   * @param connectString the client's connect string ({@code host:port[,...][/chroot]})
   * @param properties added to both services (the client component's own properties)
   */
  static NamingServices register(
      BundleContext context,
      PaddockClient client,
      String connectString,
      Map<String, Object> properties) {
    String ensemble = ensembleOf(connectString);
    List<ServiceRegistration<?>> done = new ArrayList<>();
    try {
      PaddockInitialContextFactory initial = new PaddockInitialContextFactory(client, ensemble);
      done.add(
          context.registerService(
              new String[] {
                InitialContextFactory.class.getName(), PaddockInitialContextFactory.class.getName()
              },
              initial,
              FrameworkUtil.asDictionary(properties)));
      Map<String, Object> urlProperties = new HashMap<>(properties);
      urlProperties.put(URL_SCHEME_PROPERTY, URL_SCHEME);
      done.add(
          context.registerService(
              ObjectFactory.class,
              new paddockURLContextFactory(client, ensemble),
              FrameworkUtil.asDictionary(urlProperties)));
    } catch (RuntimeException e) {
      new NamingServices(done).unregister();
      throw e;
    }
    return new NamingServices(List.copyOf(done));
  }

  /** The servers of a connect string, without its chroot. */
  static String ensembleOf(String connectString) {
    int slash = connectString.indexOf('/');
    return (slash < 0 ? connectString : connectString.substring(0, slash)).trim();
  }

  /** Unpublishes both services; safe to call when the framework already did. */
  void unregister() {
    for (ServiceRegistration<?> r : registrations) {
      try {
        r.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The framework unregisters everything of a stopping bundle itself; nothing left to do.
      }
    }
  }
}
