package io.paddock.bundles;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;

/**
 * An Apache Felix framework launched from a test (Pax Exam cannot run JUnit 5), found through
 * {@link FrameworkFactory} and {@link ServiceLoader} like any OSGi launcher would. Bundles' class
 * loaders delegate to the boot loader only, so the test sees their classes solely through the
 * service registry and {@link Bundle#loadClass}, as an outsider: see {@link Reflect}.
 */
final class Felix implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final Framework framework;

  private Felix(Framework framework) {
    this.framework = framework;
  }

  /** The jars the build copied for the tests (see the pom), sorted by name. */
  static List<Path> builtBundles() throws IOException {
    Path dir = Path.of(requiredProperty("paddock.osgi.bundles"));
    try (Stream<Path> jars = Files.list(dir)) {
      return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
  }

  static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(name + " is not set: run through Maven (failsafe sets it)");
    }
    return value;
  }

  /** Starts a framework with a fresh storage directory under target/. */
  static Felix launch(String name) throws IOException, BundleException {
    Path storage =
        Path.of(requiredProperty("paddock.osgi.workdir")).resolve(name + "-" + System.nanoTime());
    Files.createDirectories(storage);
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    config.put("felix.log.level", "2"); // warnings: a failed activation must show in the log
    config.put("ds.loglevel", "warn");
    FrameworkFactory factory =
        ServiceLoader.load(FrameworkFactory.class)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
    Framework framework = factory.newFramework(config);
    framework.start();
    return new Felix(framework);
  }

  BundleContext context() {
    return framework.getBundleContext();
  }

  /** Installs every jar, then starts every non-fragment: start order must not matter. */
  List<Bundle> installAndStart(List<Path> jars) throws BundleException {
    List<Bundle> bundles = new ArrayList<>();
    for (Path jar : jars) {
      bundles.add(context().installBundle(jar.toUri().toString()));
    }
    for (Bundle b : bundles) {
      if ((b.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
        b.start();
      }
    }
    return bundles;
  }

  /** The bundle with this symbolic name. */
  Bundle bundle(String symbolicName) {
    for (Bundle b : context().getBundles()) {
      if (symbolicName.equals(b.getSymbolicName())) {
        return b;
      }
    }
    throw new AssertionError("no bundle " + symbolicName);
  }

  /**
   * Services of {@code className} matching {@code filter} (may be null). All of them: the system
   * bundle, whose context this is, wires to no Paddock package, so the class-space filter of {@code
   * getServiceReferences} would hide them.
   */
  List<ServiceReference<?>> services(String className, String filter) {
    try {
      ServiceReference<?>[] refs = context().getAllServiceReferences(className, filter);
      return refs == null ? List.of() : List.of(refs);
    } catch (InvalidSyntaxException e) {
      throw new IllegalArgumentException(filter, e);
    }
  }

  /** Waits for one service of {@code className} matching {@code filter}. */
  ServiceReference<?> awaitService(String className, String filter) {
    return await()
        .atMost(WAIT)
        .until(() -> services(className, filter), refs -> !refs.isEmpty())
        .get(0);
  }

  /** The service object (held for the framework's lifetime; the tests are short). */
  Object get(ServiceReference<?> ref) {
    Object service = context().getService(ref);
    if (service == null) {
      throw new AssertionError("service gone: " + ref);
    }
    return service;
  }

  @Override
  public void close() throws BundleException, InterruptedException {
    framework.stop();
    framework.waitForStop(WAIT.toMillis());
  }
}
