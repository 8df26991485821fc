package io.paddock.bundles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Karaf feature lists the API and provider bundles the Felix tests proved to resolve, pulls in
 * SCR, and its default configurations fit together (the client talks to the server, on loopback).
 * The MicroProfile ConfigSource bundle is not in it (see features.xml).
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
    assertThat(children(feature, "feature")).containsExactly("scr");

    Map<String, String> ours = new TreeMap<>();
    List<String> commons = new ArrayList<>();
    for (Path jar : Felix.builtBundles()) {
      try (JarFile j = new JarFile(jar.toFile())) {
        String bsn = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn.startsWith("io.paddock.")) {
          String file = jar.getFileName().toString();
          String artifactId = file.substring(0, file.length() - ("-" + version + ".jar").length());
          ours.put(bsn, "mvn:io.paddock/" + artifactId + "/" + version);
        } else if (bsn.startsWith("org.apache.commons.")) {
          // Commons Configuration and what it needs: Karaf does not ship them, the feature must.
          commons.add(mavenUrl(j));
        }
      }
    }
    assertThat(ours)
        .containsOnlyKeys(
            "io.paddock.api", "io.paddock.provider", "io.paddock.microprofile.config");
    // The MicroProfile ConfigSource is left out on purpose: see the comment in features.xml.
    List<String> expected = new ArrayList<>(commons);
    expected.add(ours.get("io.paddock.api"));
    expected.add(ours.get("io.paddock.provider"));
    assertThat(children(feature, "bundle")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(doc.getElementsByTagName("feature").getLength())
        .as("one feature (and the scr dependency)")
        .isEqualTo(2);

    Properties server = config(feature, "io.paddock.server");
    Properties client = config(feature, "io.paddock.client");
    assertThat(server.getProperty("clientPortAddress")).isEqualTo("127.0.0.1");
    assertThat(server.getProperty("clientPort")).isNotEqualTo("2181").matches("[1-9][0-9]*");
    assertThat(client.getProperty("connectString"))
        .isEqualTo("127.0.0.1:" + server.getProperty("clientPort"));
    assertThat(Files.readString(Path.of(Felix.requiredProperty("paddock.osgi.features"))))
        .doesNotContain("${");
  }

  /** The text of {@code element}'s direct children named {@code tag}. */
  private static List<String> children(Element element, String tag) {
    List<String> out = new ArrayList<>();
    NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e.getTextContent().trim());
      }
    }
    return out;
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
