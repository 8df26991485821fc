package io.paddock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code conf/zoo.cfg.sample} to the key registry: every key appears as a (commented) {@code
 * key=default} line with its documentation above it, and the shipped {@code conf/zoo.cfg} is valid.
 */
class ZooCfgSampleTest {

  /** Surefire runs in the module directory; the distribution's conf/ is one level up. */
  private static final Path CONF = Path.of("..", "conf");

  private static List<String> sample;

  @BeforeAll
  static void read() throws Exception {
    sample = Files.readAllLines(CONF.resolve("zoo.cfg.sample"), StandardCharsets.UTF_8);
  }

  @Test
  void everyKeyIsInTheSampleWithItsDefaultAndDoc() {
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      String expected = "#" + key.name() + "=" + key.defaultValue().map(String::valueOf).orElse("");
      int at = sample.indexOf(expected);
      assertThat(at).as("conf/zoo.cfg.sample has no line '%s'", expected).isPositive();
      String docStart = "# " + key.name() + " (";
      assertThat(sample.subList(0, at))
          .as("the doc of %s precedes its line", key.name())
          .anyMatch(l -> l.startsWith(docStart));
    }
    for (ConfigKey<?> key : ConfigKeys.DYNAMIC) {
      String example = key.name().replace("N", "1") + "=";
      assertThat(sample)
          .as("an example of " + key.name())
          .anyMatch(l -> l.startsWith("#" + example));
      assertThat(sample).anyMatch(l -> l.startsWith("# " + key.name() + " ("));
    }
  }

  @Test
  void theSampleMentionsNoKeyTheRegistryDoesNotHave() {
    Pattern keyLine = Pattern.compile("#([A-Za-z0-9.]+)=.*");
    for (String line : sample) {
      var m = keyLine.matcher(line);
      if (m.matches()) {
        String name = m.group(1);
        assertThat(ConfigKeys.byName(name).isPresent() || ConfigKeys.isServerKey(name))
            .as("%s is not a key", name)
            .isTrue();
      }
    }
  }

  @Test
  void theSampleUncommentedIsAValidConfigurationOfTheDefaults() {
    StringBuilder text = new StringBuilder();
    for (String line : sample) {
      if (line.startsWith("#") && !line.startsWith("# ") && line.contains("=")) {
        String kv = line.substring(1);
        boolean noDefault = kv.endsWith("=");
        boolean ensemble = kv.startsWith("server.") || kv.startsWith("myid=");
        if (!noDefault && !ensemble) {
          text.append(kv).append('\n');
        }
      }
    }
    text.append("dataDir=/var/lib/paddock\n");
    ZooCfg.Loaded loaded = ZooCfg.parse("zoo.cfg.sample", text.toString());
    assertThat(loaded.warnings()).isEmpty();
    // The defaults written in the sample are the registry's: same effective configuration.
    assertThat(loaded.config().describe())
        .isEqualTo(ZooCfg.parse("bare", "dataDir=/var/lib/paddock").config().describe());
  }

  @Test
  void theShippedZooCfgIsValidAndWarnsAboutNothing() {
    ZooCfg.Loaded loaded = ZooCfg.load(CONF.resolve("zoo.cfg"));
    assertThat(loaded.warnings()).isEmpty();
    assertThat(loaded.config().ensemble().standalone()).isTrue();
  }
}
