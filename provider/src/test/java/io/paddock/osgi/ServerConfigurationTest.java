package io.paddock.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ConfigKey;
import io.paddock.config.ConfigKeys;
import io.paddock.config.ServerConfig;
import io.paddock.embedded.ServerProperties;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metatype of {@code io.paddock.server} is written by hand (annotations need constants), so
 * this holds it to the key registry: same keys, same types, same defaults.
 */
class ServerConfigurationTest {

  @Test
  void everyRegistryKeyIsDescribedWithItsTypeAndDefault() {
    Map<String, Method> attributes =
        Arrays.stream(ServerConfiguration.class.getDeclaredMethods())
            .collect(
                Collectors.toMap(
                    m -> propertyName(m.getName()), m -> m, (x, y) -> x, TreeMap::new));
    assertThat(attributes.keySet())
        .containsExactlyInAnyOrderElementsOf(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      Method m = attributes.get(key.name());
      Class<?> expected =
          key.type() == Integer.class
              ? int.class
              : key.type() == Long.class
                  ? long.class
                  : key.type() == Boolean.class ? boolean.class : String.class;
      assertThat(m.getReturnType()).as(key.name()).isEqualTo(expected);
      Object described = m.getDefaultValue();
      if (key.defaultValue().isEmpty()) {
        assertThat(described).as(key.name()).isNull();
      } else {
        // Parsed by the registry, so "srvr,ruok" and the FourLetterWords it means compare equal.
        ServerConfig parsed =
            ServerProperties.parse("metatype", Map.of("dataDir", "/d", key.name(), described))
                .config();
        assertThat(parsed.get(key)).as(key.name()).isEqualTo(key.defaultValue().get());
      }
    }
  }

  @Test
  void dsNameMappingIsTheOneThisTestAssumes() {
    assertThat(propertyName("$4lw_commands_whitelist")).isEqualTo("4lw.commands.whitelist");
    assertThat(propertyName("jute_maxbuffer")).isEqualTo("jute.maxbuffer");
    assertThat(propertyName("a__b")).isEqualTo("a_b");
    assertThat(propertyName("a$$b")).isEqualTo("a$b");
  }

  /** The DS 1.4 (OSGi compendium 112.8.2.2) mapping of a method name to a property name. */
  static String propertyName(String method) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      boolean next = i + 1 < method.length();
      if (c == '$') {
        if (next && method.startsWith("_$", i + 1)) {
          out.append('-');
          i += 2;
        } else if (next && method.charAt(i + 1) == '$') {
          out.append('$');
          i++;
        }
      } else if (c == '_') {
        if (next && method.charAt(i + 1) == '_') {
          out.append('_');
          i++;
        } else {
          out.append('.');
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
