package io.paddock.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundles' metadata, checked by the real resolver: every bundle resolves and starts in Felix
 * with only what the build ships beside it; ours import nothing optionally, export only versioned
 * packages, export only what consumers need, and share no package with any other bundle.
 */
class BundleResolutionIT {
  private static Felix felix;
  private static List<Bundle> installed;

  @BeforeAll
  static void launch() throws Exception {
    felix = Felix.launch("resolution");
    installed = felix.installAndStart(Felix.builtBundles());
  }

  @AfterAll
  static void stop() throws Exception {
    felix.close();
  }

  private static List<Bundle> ours() {
    return installed.stream().filter(b -> b.getSymbolicName().startsWith("io.paddock.")).toList();
  }

  @Test
  void everyBundleResolvesAndStartsWithEveryMandatoryRequirementWired() {
    assertThat(ours())
        .extracting(Bundle::getSymbolicName)
        .containsExactlyInAnyOrder(
            "io.paddock.api", "io.paddock.provider", "io.paddock.microprofile.config");
    for (Bundle b : installed) {
      assertThat(b.getState()).as(b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
      BundleWiring wiring = b.adapt(BundleWiring.class);
      for (BundleRequirement req : wiring.getRevision().getDeclaredRequirements(null)) {
        boolean atResolve =
            Constants.EFFECTIVE_RESOLVE.equals(
                req.getDirectives().getOrDefault(Constants.EFFECTIVE_DIRECTIVE, "resolve"));
        String resolution = req.getDirectives().get(Constants.RESOLUTION_DIRECTIVE);
        // Optional and dynamic (DynamicImport-Package) requirements are wired only if satisfiable.
        boolean optional =
            Constants.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution);
        if (atResolve && !optional && !req.getNamespace().equals("osgi.ee")) {
          // A substitutable import (a package the bundle also exports) that chose the bundle's
          // own export leaves no wire: the export satisfies it.
          boolean wired =
              wiring.getRequiredWires(req.getNamespace()).stream()
                  .anyMatch(w -> w.getRequirement().equals(req));
          boolean substituted =
              wiring.getCapabilities(req.getNamespace()).stream().anyMatch(req::matches);
          assertThat(wired || substituted).as(b.getSymbolicName() + " requirement " + req).isTrue();
        }
      }
    }
  }

  @Test
  void ourBundlesImportNothingOptionallyOrDynamically() {
    for (Bundle b : ours()) {
      assertThat(b.getHeaders().get(Constants.DYNAMICIMPORT_PACKAGE))
          .as(b.getSymbolicName())
          .isNull();
      for (BundleRequirement req : b.adapt(BundleRevision.class).getDeclaredRequirements(null)) {
        assertThat(req.getDirectives().get(Constants.RESOLUTION_DIRECTIVE))
            .as(b.getSymbolicName() + " " + req)
            .isNotEqualTo(Constants.RESOLUTION_OPTIONAL);
      }
    }
  }

  @Test
  void exportsAreVersionedAndLimitedToThePublicContract() {
    Map<String, Set<String>> exports = new TreeMap<>();
    for (Bundle b : ours()) {
      Set<String> packages = new TreeSet<>();
      for (BundleCapability cap :
          b.adapt(BundleRevision.class)
              .getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
        String pkg = (String) cap.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
        Version version =
            (Version) cap.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        assertThat(version).as(pkg).isNotNull().isGreaterThan(Version.emptyVersion);
        packages.add(pkg);
      }
      exports.put(b.getSymbolicName(), packages);
    }
    assertThat(exports.get("io.paddock.api")).contains("io.paddock.api", "io.paddock.api.recipes");
    assertThat(exports.get("io.paddock.api")).allMatch(p -> p.startsWith("io.paddock.api"));
    // The implementation stays private: only the embedding API and its typed config are public
    // (the ensemble part of that config, ServerConfig.ensemble(), lives in
    // io.paddock.quorum.config,
    // which holds nothing but the parsed server.N records).
    assertThat(exports.get("io.paddock.provider"))
        .containsExactlyInAnyOrder(
            "io.paddock.embedded", "io.paddock.config", "io.paddock.quorum.config");
    assertThat(exports.get("io.paddock.microprofile.config"))
        .containsExactly("io.paddock.microprofile.config");
    // The config source's SPI comes from the MP Config API bundle, not from a copy of its own.
    assertThat(
            felix
                .bundle("io.paddock.microprofile.config")
                .adapt(BundleWiring.class)
                .getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)
                .stream()
                .filter(
                    w ->
                        "org.eclipse.microprofile.config.spi"
                            .equals(
                                w.getCapability()
                                    .getAttributes()
                                    .get(PackageNamespace.PACKAGE_NAMESPACE)))
                .map(w -> w.getProvider().getSymbolicName()))
        .containsExactly("org.eclipse.microprofile.config");
    // The provider implements the API, so it must not accept the next minor API version.
    BundleRequirement apiImport =
        felix
            .bundle("io.paddock.provider")
            .adapt(BundleRevision.class)
            .getDeclaredRequirements(PackageNamespace.PACKAGE_NAMESPACE)
            .stream()
            .filter(
                r ->
                    r.getDirectives()
                        .get("filter")
                        .contains("(osgi.wiring.package=io.paddock.api)"))
            .findFirst()
            .orElseThrow();
    assertThat(apiImport.getDirectives().get("filter")).contains("(!(version>=0.2.0))");
  }

  @Test
  void noPackageIsSplitAcrossBundlesAndNoneOfOursEmbedsAForeignPackage() {
    Map<String, List<String>> bundlesByPackage = new HashMap<>();
    for (Bundle b : installed) {
      for (String pkg : classPackages(b)) {
        bundlesByPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(b.getSymbolicName());
      }
    }
    bundlesByPackage.forEach(
        (pkg, bundles) -> assertThat(bundles).as("bundles holding " + pkg).hasSize(1));
    for (Bundle b : ours()) {
      assertThat(classPackages(b))
          .as(b.getSymbolicName())
          .allMatch(p -> p.startsWith("io.paddock"));
    }
  }

  @Test
  void theServerMetatypeDescribesEveryKeyOfTheRegistry() throws Exception {
    Bundle provider = felix.bundle("io.paddock.provider");
    List<String> registry = new ArrayList<>();
    for (Object key : (List<?>) Reflect.constant(provider, "io.paddock.config.ConfigKeys", "ALL")) {
      registry.add((String) Reflect.call(provider, "io.paddock.config.ConfigKey", key, "name"));
    }
    URL xml = provider.getEntry("OSGI-INF/metatype/io.paddock.server.xml");
    assertThat(xml).isNotNull();
    List<String> described = new ArrayList<>();
    try (InputStream in = xml.openStream()) {
      NodeList ads =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(in)
              .getElementsByTagName("AD");
      for (int i = 0; i < ads.getLength(); i++) {
        described.add(((Element) ads.item(i)).getAttribute("id"));
      }
    }
    assertThat(described).containsExactlyInAnyOrderElementsOf(registry);
  }

  private static Set<String> classPackages(Bundle b) {
    Set<String> packages = new TreeSet<>();
    Enumeration<URL> classes = b.findEntries("/", "*.class", true);
    for (URL url : classes == null ? Collections.<URL>emptyList() : Collections.list(classes)) {
      String path = url.getPath();
      if (path.startsWith("/META-INF/versions/") || path.endsWith("module-info.class")) {
        continue;
      }
      int slash = path.lastIndexOf('/');
      packages.add(slash <= 0 ? "" : path.substring(1, slash).replace('/', '.'));
    }
    return packages;
  }
}
