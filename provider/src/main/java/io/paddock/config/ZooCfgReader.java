package io.paddock.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration.JupPropertiesReader;
import org.apache.commons.configuration2.PropertiesConfiguration.PropertiesReader;
import org.apache.commons.configuration2.PropertiesConfiguration.PropertiesWriter;
import org.apache.commons.configuration2.convert.ListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.interpol.ConfigurationInterpolator;
import org.apache.commons.configuration2.interpol.DefaultLookups;
import org.apache.commons.configuration2.io.FileHandler;

/**
 * Reads zoo.cfg text with Apache Commons Configuration ({@link FileHandler} and {@link
 * PropertiesConfiguration} in {@link java.util.Properties}-compatible mode), keeping the line each
 * entry starts on, and resolves {@code ${env:NAME}} and {@code ${sys:name}} in values.
 *
 * <p>Commons Configuration forgets lines, and line numbers in every message are the point, so the
 * properties reader is a subclass that notes the line where each entry starts; every entry is
 * returned in file order, repeats included (the caller warns and the later one wins, as with {@code
 * java.util.Properties}). Lookups are limited to {@code env} and {@code sys} (and {@code ${key}}
 * for another key of the file): no {@code file:}, {@code url:} or {@code script:} lookups, and no
 * {@code include}.
 */
final class ZooCfgReader {

  private ZooCfgReader() {}

  /**
   * One entry.
   *
   * @param line 1-based line where the entry starts
   * @param key the unescaped key
   * @param value the unescaped, interpolated, trimmed value
   * @param raw the value as written (unescaped, trimmed, before interpolation)
   * @param problem a syntax or interpolation problem, or null
   */
  record Entry(int line, String key, String value, String raw, String problem) {
    /** {@code key=value}, showing the written value and, if different, what it resolved to. */
    String keyValue() {
      return raw.equals(value) ? key + "=" + value : key + "=" + raw + " (= " + value + ")";
    }
  }

  /** Parses {@code text}. */
  static List<Entry> read(String text) {
    List<Entry> entries = new ArrayList<>();
    PropertiesConfiguration config = new PropertiesConfiguration();
    config.setIncludesAllowed(false);
    config.setIOFactory(new LineNoting(entries));
    config.installInterpolator(
        Map.of(
            "env", DefaultLookups.ENVIRONMENT.getLookup(),
            "sys", DefaultLookups.SYSTEM_PROPERTIES.getLookup()),
        null);
    try {
      new FileHandler(config).load(new StringReader(text));
    } catch (ConfigurationException e) {
      // Reading from a string fails only through a bug; say so rather than hide it.
      throw new IllegalStateException("cannot parse configuration text", e);
    }
    ConfigurationInterpolator interpolator = config.getInterpolator();
    List<Entry> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.problem() != null ? e : interpolate(e, interpolator));
    }
    return out;
  }

  /** A {@code $} not followed by this starts no variable. */
  private static final String VAR_START = "${";

  private static Entry interpolate(Entry e, ConfigurationInterpolator interpolator) {
    String raw = e.raw();
    if (!raw.contains(VAR_START)) {
      return e;
    }
    for (String name : variables(raw)) {
      if (!name.contains(VAR_START) && interpolator.resolve(name) == null) {
        return new Entry(e.line(), e.key(), raw, raw, "undefined variable ${" + name + "}");
      }
    }
    try {
      String value = String.valueOf(interpolator.interpolate(raw)).strip();
      return new Entry(e.line(), e.key(), value, raw, null);
    } catch (IllegalStateException | IllegalArgumentException ex) {
      // Commons Text reports a variable that refers to itself this way.
      return new Entry(e.line(), e.key(), raw, raw, "cannot resolve: " + ex.getMessage());
    }
  }

  /** The names in {@code ${name}} references, outermost only; {@code $${x}} is an escape. */
  static List<String> variables(String text) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while ((i = text.indexOf(VAR_START, i)) >= 0) {
      if (i > 0 && text.charAt(i - 1) == '$') {
        i += VAR_START.length();
        continue;
      }
      int depth = 0;
      int end = -1;
      for (int j = i + VAR_START.length(); j < text.length(); j++) {
        if (text.startsWith(VAR_START, j)) {
          depth++;
          j++;
        } else if (text.charAt(j) == '}') {
          if (depth == 0) {
            end = j;
            break;
          }
          depth--;
        }
      }
      if (end < 0) {
        break; // unterminated: left as text, as Commons Configuration does
      }
      names.add(text.substring(i + VAR_START.length(), end));
      i = end + 1;
    }
    return names;
  }

  /** The I/O factory: java.util.Properties syntax, plus the line of every entry. */
  private static final class LineNoting implements PropertiesConfiguration.IOFactory {
    private final List<Entry> entries;

    LineNoting(List<Entry> entries) {
      this.entries = entries;
    }

    @Override
    public PropertiesReader createPropertiesReader(Reader in) {
      return new Reading(in, entries);
    }

    @Override
    public PropertiesWriter createPropertiesWriter(Writer out, ListDelimiterHandler handler) {
      return new PropertiesConfiguration.JupIOFactory().createPropertiesWriter(out, handler);
    }
  }

  /** Notes the first physical line of each logical line; continuation lines do not count. */
  private static final class Reading extends JupPropertiesReader {
    private final List<Entry> entries;
    private int startLine; // 0 until the current entry's first line is read
    private String problem;

    Reading(Reader in, List<Entry> entries) {
      super(in);
      this.entries = entries;
    }

    @Override
    public String readLine() throws IOException {
      String line = super.readLine();
      if (line != null && startLine == 0 && !blankOrComment(line)) {
        startLine = getLineNumber();
      }
      return line;
    }

    @Override
    public boolean nextProperty() throws IOException {
      startLine = 0;
      problem = null;
      if (!super.nextProperty()) {
        return false;
      }
      String value = getPropertyValue().strip();
      entries.add(new Entry(startLine, getPropertyName(), value, value, problem));
      return true;
    }

    @Override
    protected void parseProperty(String line) {
      try {
        super.parseProperty(line);
      } catch (RuntimeException e) {
        // A malformed \\uXXXX escape: report it on its line instead of failing the whole file.
        // Shown as written: the key up to the first unescaped separator, then the value.
        String[] parts = line.strip().split("(?<!\\\\)\\s*[=:\\s]\\s*", 2);
        problem = "malformed \\uXXXX escape";
        initPropertyName(parts[0].replace("\\", "\\\\"));
        initPropertyValue(parts.length > 1 ? parts[1].replace("\\", "\\\\") : "");
      }
    }

    private static boolean blankOrComment(String line) {
      String s = line.strip();
      return s.isEmpty() || s.charAt(0) == '#' || s.charAt(0) == '!';
    }
  }
}
