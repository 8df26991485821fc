package io.paddock.admin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Prometheus text format strictly enough for tests: every sample must belong to a family
 * announced before it with exactly one HELP and one TYPE line; each family appears once; label
 * values are unescaped. Samples are keyed as {@code name{l1="v1",l2="v2"}} (labels as written).
 */
public final class PromParser {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  final Map<String, String> types = new HashMap<>();
  final Map<String, String> helps = new HashMap<>();
  final Map<String, Double> samples = new LinkedHashMap<>();

  public static PromParser parse(String text) {
    PromParser p = new PromParser();
    Set<String> seen = new HashSet<>();
    String current = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring(7).split(" ", 2);
        if (!seen.add(parts[0])) {
          throw new IllegalArgumentException("family twice: " + parts[0]);
        }
        p.helps.put(parts[0], parts.length > 1 ? parts[1] : "");
        current = parts[0];
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ", -1);
        if (!parts[0].equals(current)
            || parts.length != 2
            || p.types.put(parts[0], parts[1]) != null) {
          throw new IllegalArgumentException("TYPE without its HELP first: " + line);
        }
        continue;
      }
      if (line.startsWith("#")) {
        throw new IllegalArgumentException("unexpected comment: " + line);
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      String name = m.group(1);
      String family = familyOf(name, p.types);
      if (family == null || !family.equals(current)) {
        throw new IllegalArgumentException("sample outside its family: " + line);
      }
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        int end = 0;
        while (l.find()) {
          if (l.start() != end && l.start() != end + 1) {
            throw new IllegalArgumentException("bad labels: " + line);
          }
          end = l.end();
        }
        if (end != m.group(3).length()) {
          throw new IllegalArgumentException("bad labels: " + line);
        }
      }
      String key = name + (m.group(2) == null ? "" : m.group(2));
      String raw = m.group(4);
      double v = raw.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(raw);
      if (p.samples.put(key, v) != null) {
        throw new IllegalArgumentException("sample twice: " + key);
      }
    }
    return p;
  }

  private static String familyOf(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        if ("histogram".equals(types.get(base))) {
          return base;
        }
      }
    }
    return null;
  }

  public double value(String key) {
    Double v = samples.get(key);
    if (v == null) {
      throw new AssertionError("no sample " + key + " in " + samples.keySet());
    }
    return v;
  }
}
