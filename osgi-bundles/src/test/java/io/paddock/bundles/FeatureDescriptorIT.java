package io.paddock.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Karaf feature lists exactly the bundles the Felix tests proved to resolve, pulls in SCR, and
 * its default configurations fit together (the client talks to the server, on loopback).
 */
class FeatureDescriptorIT {

  @Test
  void thePaddockFeatureInstallsEveryBuiltBundleAndAMatchingServerAndClient() throws Exception {
    String version = Felix.requiredProperty("paddock.version");
    Document doc =
        DocumentBuilderFactory.newNSInstance()
            .newDocumentBuilder()
            .parse(Path.of(Felix.requiredProperty("paddock.osgi.features")).toFile());
    Element feature = only(doc.getElementsByTagName("feature"), "name", "paddock");
    assertThat(feature.getAttribute("version")).isEqualTo(version);

    List<String> features = new ArrayList<>();
    List<String> bundles = new ArrayList<>();
    NodeList children = feature.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e) {
        switch (e.getTagName()) {
          case "feature" -> features.add(e.getTextContent().trim());
          case "bundle" -> bundles.add(e.getTextContent().trim());
          default -> {}
        }
      }
    }
    assertThat(features).containsExactly("scr");

    List<String> ours = new ArrayList<>();
    for (Path jar : Felix.builtBundles()) {
      try (JarFile j = new JarFile(jar.toFile())) {
        String bsn = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn.startsWith("io.paddock.")) {
          String file = jar.getFileName().toString();
          String artifactId = file.substring(0, file.length() - ("-" + version + ".jar").length());
          ours.add("mvn:io.paddock/" + artifactId + "/" + version);
        } else if (bsn.startsWith("org.apache.commons.")) {
          // Commons Configuration and what it needs: Karaf does not ship them, the feature must.
          ours.add(mavenUrl(j));
        }
      }
    }
    assertThat(bundles).containsExactlyInAnyOrderElementsOf(ours);

    Properties server = config(feature, "io.paddock.server");
    Properties client = config(feature, "io.paddock.client");
    assertThat(server.getProperty("clientPortAddress")).isEqualTo("127.0.0.1");
    assertThat(server.getProperty("clientPort")).isNotEqualTo("2181").matches("[1-9][0-9]*");
    assertThat(client.getProperty("connectString"))
        .isEqualTo("127.0.0.1:" + server.getProperty("clientPort"));
    assertThat(Files.readString(Path.of(Felix.requiredProperty("paddock.osgi.features"))))
        .doesNotContain("${");
  }

  /** {@code mvn:group/artifact/version} from the pom.properties Maven puts in a jar. */
  private static String mavenUrl(JarFile jar) throws java.io.IOException {
    var entry =
        jar.stream()
            .filter(e -> e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no pom.properties in " + jar.getName()));
    Properties pom = new Properties();
    try (var in = jar.getInputStream(entry)) {
      pom.load(in);
    }
    return "mvn:"
        + pom.getProperty("groupId")
        + "/"
        + pom.getProperty("artifactId")
        + "/"
        + pom.getProperty("version");
  }

  private static Element only(NodeList nodes, String attribute, String value) {
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (value.equals(e.getAttribute(attribute))) {
        found.add(e);
      }
    }
    assertThat(found).as(attribute + "=" + value).hasSize(1);
    return found.get(0);
  }

  private static Properties config(Element feature, String pid) throws Exception {
    Element config = only(feature.getElementsByTagName("config"), "name", pid);
    Properties p = new Properties();
    p.load(new StringReader(config.getTextContent()));
    return p;
  }
}
