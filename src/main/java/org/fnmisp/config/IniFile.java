package org.fnmisp.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The text of an INI file read the way Python's {@code ConfigParser(interpolation=None)} reads it, so that every
 * app.config resilient-circuits accepts is accepted here: {@code [section]} headers (case-sensitive),
 * {@code key = value} or {@code key: value} (keys lower-cased, split at the first delimiter), whole-line {@code #}
 * and {@code ;} comments (a {@code #} inside a value is part of the value), indented continuation lines joined with
 * a newline, a leading UTF-8 BOM. Like Python's strict mode, a repeated section or a repeated key in one section is an error. Errors name
 * the line number but never echo the line: it may hold a secret.
 */
public final class IniFile {

  private final Map<String, Map<String, String>> sections;

  private IniFile(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  /**
   * Parses INI text. {@code sourceName} only names the file in error messages.
   *
   * @throws ConfigException for a line that is not a header, a key or a comment, a key before the first header, or
   *     a repeated section or key
   */
  public static IniFile parse(String text, String sourceName) {
    return new Reader(sourceName).read(text);
  }

  /** The section names in file order. */
  public Set<String> sectionNames() {
    return Collections.unmodifiableSet(sections.keySet());
  }

  public boolean hasSection(String section) {
    return sections.containsKey(section);
  }

  /** The keys and values of one section in file order; empty when the section is absent. */
  public Map<String, String> section(String section) {
    return Collections.unmodifiableMap(sections.getOrDefault(section, Map.of()));
  }

  /** One value; the key is matched case-insensitively as ConfigParser does. */
  public Optional<String> value(String section, String key) {
    return Optional.ofNullable(section(section).get(key.toLowerCase(Locale.ROOT)));
  }

  /** One pass over the lines, following ConfigParser's rules for indentation and continuation. */
  private static final class Reader {

    private final String sourceName;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final Map<String, Integer> sectionLines = new LinkedHashMap<>();
    private Map<String, String> section;
    private String sectionName;
    private String key;
    private List<String> valueLines;
    private int keyIndent;

    Reader(String sourceName) {
      this.sourceName = sourceName;
    }

    IniFile read(String text) {
      String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
      String[] lines = body.split("\r\n|\r|\n", -1);
      for (int index = 0; index < lines.length; index++) {
        readLine(lines[index], index + 1);
      }
      finishValue();
      return new IniFile(sections);
    }

    private void readLine(String line, int number) {
      String stripped = strip(line);
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        return;
      }
      if (stripped.isEmpty()) {
        if (valueLines != null) {
          valueLines.add(""); // blank lines inside a multi-line value are kept, trailing ones trimmed
        }
        return;
      }
      int indent = indent(line);
      if (valueLines != null && indent > keyIndent) {
        valueLines.add(stripped);
        return;
      }
      finishValue();
      keyIndent = indent;
      if (stripped.startsWith("[") && stripped.lastIndexOf(']') > 1) {
        startSection(stripped.substring(1, stripped.lastIndexOf(']')), number);
      } else if (section == null) {
        throw error(number, "a key before the first [section] header");
      } else {
        startKey(stripped, number);
      }
    }

    private void startSection(String name, int number) {
      Integer previous = sectionLines.putIfAbsent(name, number);
      if (previous != null) {
        throw error(number, "section [" + name + "] already appeared on line " + previous);
      }
      section = new LinkedHashMap<>();
      sectionName = name;
      sections.put(name, section);
    }

    private void startKey(String stripped, int number) {
      int delimiter = firstDelimiter(stripped);
      if (delimiter < 0) {
        throw error(number, "expected 'key = value', 'key: value', a [section] header or a comment");
      }
      String name = strip(stripped.substring(0, delimiter)).toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw error(number, "a value without a key name");
      }
      if (section.containsKey(name)) {
        throw error(number, "key '" + name + "' appears twice in section [" + sectionName + "]");
      }
      key = name;
      valueLines = new ArrayList<>();
      valueLines.add(strip(stripped.substring(delimiter + 1)));
      section.put(name, ""); // keeps file order; the joined value replaces it in finishValue
    }

    private void finishValue() {
      if (valueLines != null) {
        section.put(key, stripTrailing(String.join("\n", valueLines)));
        valueLines = null;
        key = null;
      }
    }

    private static int firstDelimiter(String line) {
      int equals = line.indexOf('=');
      int colon = line.indexOf(':');
      if (equals < 0 || colon < 0) {
        return Math.max(equals, colon);
      }
      return Math.min(equals, colon);
    }

    private ConfigException error(int number, String reason) {
      return new ConfigException(sourceName + " line " + number + ": " + reason);
    }
  }

  /**
   * Strips whitespace as ConfigParser does (Python's str.isspace()); the same whitespace counts as the indentation of
   * continuation lines. Java's String.strip() would keep no-break spaces and NEL (U+0085), which Python strips.
   */
  private static String strip(String text) {
    return stripTrailing(text.substring(indent(text)));
  }

  private static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private static int indent(String line) {
    int indent = 0;
    while (indent < line.length() && isSpace(line.charAt(indent))) {
      indent++;
    }
    return indent;
  }

  /** Java's whitespace plus every space separator (the no-break ones too) and NEL. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
