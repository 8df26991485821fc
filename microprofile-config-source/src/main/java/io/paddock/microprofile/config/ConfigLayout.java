package io.paddock.microprofile.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the properties live and how znodes become properties; pure.
 *
 * <p>Contexts, most specific first: {@code <root>/<application>,<profile>}, {@code
 * <root>/<application>}, {@code <root>/application,<profile>}, {@code <root>/application}. A node
 * below a context with non-empty data is one property: its path relative to the context with {@code
 * /} replaced by {@code .}, its data as UTF-8 text. Nodes without data (the directories) are not
 * properties. A more specific context wins.
 *
 * @param root the parent of the contexts
 * @param application the application name, or null for the shared contexts only
 * @param profile the active profile, or null
 */
record ConfigLayout(String root, String application, String profile) {
  /** The name of the context shared by every application. */
  static final String SHARED = "application";

  /** The contexts, most specific first, without duplicates. */
  List<String> contexts() {
    Set<String> names = new LinkedHashSet<>();
    if (application != null) {
      if (profile != null) {
        names.add(application + "," + profile);
      }
      names.add(application);
    }
    if (profile != null) {
      names.add(SHARED + "," + profile);
    }
    names.add(SHARED);
    List<String> paths = new ArrayList<>(names.size());
    for (String name : names) {
      paths.add("/".equals(root) ? "/" + name : root + "/" + name);
    }
    return List.copyOf(paths);
  }

  /** The properties that the mirrored {@code nodes} (path to data) define. */
  Map<String, String> properties(Map<String, byte[]> nodes) {
    List<String> contexts = contexts();
    Map<String, String> properties = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    for (Map.Entry<String, byte[]> node : nodes.entrySet()) {
      byte[] data = node.getValue();
      if (data == null || data.length == 0) {
        continue;
      }
      for (int i = 0; i < contexts.size(); i++) {
        String prefix = contexts.get(i) + "/";
        if (node.getKey().startsWith(prefix)) {
          String name = node.getKey().substring(prefix.length()).replace('/', '.');
          Integer seen = rank.get(name);
          if (seen == null || i < seen) {
            rank.put(name, i);
            properties.put(name, new String(data, StandardCharsets.UTF_8));
          }
          break;
        }
      }
    }
    return Map.copyOf(properties);
  }
}
