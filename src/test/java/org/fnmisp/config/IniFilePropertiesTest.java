package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Files as Python's ConfigParser writes them read back as ConfigParser reads them: the expectations here are its rules
 * (keys lower-cased, values stripped, continuation lines joined with a newline, comments and blank lines skipped, any
 * line ending), so an app.config resilient-circuits reads means the same to fn-misp.
 */
class IniFilePropertiesTest {

  /** Everything Python's str.strip() strips, which is more than Java's String.strip(): the no-break spaces and NEL. */
  private static final String PYTHON_WHITESPACE = " \t\f\u000b\u001c\u00a0\u0085\u2003\u2007\u202f\u3000";

  /** Section name to its keys and values, in file order. */
  record Model(Map<String, Map<String, String>> sections) {}

  @Property(tries = 100)
  void shouldReadWhatConfigParserWrites(@ForAll("models") Model model) {
    IniFile ini = IniFile.parse(configParserWrite(model, "\n"), "app.config");

    assertThat(read(ini)).isEqualTo(lowerCasedKeys(model));
  }

  @Property(tries = 100)
  void shouldStripAllWhitespacePythonStripsAroundKeysDelimitersAndValues(@ForAll("models") Model model,
      @ForAll("padding") List<String> pads, @ForAll("delimiters") String delimiter) {
    StringBuilder text = new StringBuilder();
    int[] next = {0};
    Supplier<String> pad = () -> pads.get(next[0]++ % pads.size());
    model.sections().forEach((section, entries) -> {
      // not indented: after a value, an indented line continues it
      text.append('[').append(section).append(']').append(pad.get()).append('\n');
      entries.forEach((key, value) -> {
        String[] lines = value.split("\n", -1);
        text.append(key).append(pad.get()).append(delimiter).append(pad.get()).append(lines[0]).append(pad.get());
        for (int i = 1; i < lines.length; i++) {
          text.append("\n\t").append(pad.get()).append(lines[i]).append(pad.get());
        }
        text.append('\n');
      });
    });

    assertThat(read(IniFile.parse(text.toString(), "app.config"))).isEqualTo(lowerCasedKeys(model));
  }

  @Property(tries = 50)
  void shouldReadAnyLineEndingAndSkipCommentsAndBlankLines(@ForAll("models") Model model,
      @ForAll("lineEndings") String lineEnding) {
    String text = ("# written by hand\n\n" + configParserWrite(model, "\n").replace("\n[", "\n; next\n\n["))
        .replace("\n", lineEnding);

    assertThat(read(IniFile.parse(text, "app.config"))).isEqualTo(lowerCasedKeys(model));
  }

  /** What the whitespace property found: a no-break space pasted next to a value stayed in it. */
  @Example
  void shouldStripANoBreakSpacePastedAroundAValue() {
    IniFile ini = IniFile.parse("[fn_misp]\nmisp_url =\u00a0https://misp.example.org\u00a0\n", "app.config");

    assertThat(ini.value("fn_misp", "misp_url")).contains("https://misp.example.org");
  }

  /** As ConfigParser.write(): {@code key = value}, newlines in values followed by a tab, a blank line per section. */
  private static String configParserWrite(Model model, String lineEnding) {
    StringBuilder text = new StringBuilder();
    model.sections().forEach((section, entries) -> {
      text.append('[').append(section).append("]\n");
      entries.forEach((key, value) -> text.append(key).append(" = ").append(value.replace("\n", "\n\t")).append('\n'));
      text.append('\n');
    });
    return text.toString().replace("\n", lineEnding);
  }

  private static Map<String, Map<String, String>> read(IniFile ini) {
    Map<String, Map<String, String>> read = new LinkedHashMap<>();
    ini.sectionNames().forEach(section -> read.put(section, ini.section(section)));
    return read;
  }

  private static Map<String, Map<String, String>> lowerCasedKeys(Model model) {
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    model.sections().forEach((section, entries) -> expected.put(section, entries.entrySet().stream()
        .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue,
            (a, b) -> a, LinkedHashMap::new))));
    return expected;
  }

  @Provide
  Arbitrary<Model> models() {
    Arbitrary<String> sectionNames = words("[]").filter(name -> !name.equals("DEFAULT"));
    // Keys that differ only in case are one key to ConfigParser: keep the first.
    Arbitrary<Map<String, String>> entries = Arbitraries.maps(keys(), values()).ofMaxSize(5)
        .map(IniFilePropertiesTest::firstOfEachLowerCasedKey);
    return Arbitraries.maps(sectionNames, entries).ofMinSize(1).ofMaxSize(4).map(LinkedHashMap::new).map(Model::new);
  }

  /** A key: no delimiter, not mistaken for a comment or a header, no whitespace at either end. */
  private static Arbitrary<String> keys() {
    return words("=:").filter(key -> !key.startsWith("#") && !key.startsWith(";") && !key.startsWith("["));
  }

  /**
   * A value: a first line of any text, then continuation lines, blank or not. ConfigParser itself would take a
   * continuation line starting with # or ; for a comment, and trims trailing blank lines, so none are generated.
   */
  private static Arbitrary<String> values() {
    Arbitrary<String> first = Arbitraries.oneOf(Arbitraries.just(""), words(""));
    Arbitrary<String> more = Arbitraries.oneOf(Arbitraries.just(""),
        words("").filter(line -> !line.startsWith("#") && !line.startsWith(";")));
    return Combinators.combine(first, more.list().ofMaxSize(3)).as((line, lines) -> {
      List<String> all = new ArrayList<>(List.of(line));
      all.addAll(lines);
      while (all.size() > 1 && all.get(all.size() - 1).isEmpty()) {
        all.remove(all.size() - 1);
      }
      return String.join("\n", all);
    });
  }

  /** One line of text with inner spaces and the characters INI gives a meaning to, minus {@code excluded}. */
  private static Arbitrary<String> words(String excluded) {
    String chars = "aZ09_-./$%\"'\\#;=:[]{} é€İß中";
    String allowed = chars.chars().filter(c -> excluded.indexOf(c) < 0)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return Arbitraries.strings().withChars(allowed.toCharArray()).ofMinLength(1).ofMaxLength(12)
        .map(String::strip).filter(word -> !word.isEmpty());
  }

  private static Map<String, String> firstOfEachLowerCasedKey(Map<String, String> entries) {
    Map<String, String> kept = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    entries.forEach((key, value) -> {
      if (!seen.contains(key.toLowerCase(Locale.ROOT))) {
        seen.add(key.toLowerCase(Locale.ROOT));
        kept.put(key, value);
      }
    });
    return kept;
  }

  @Provide
  Arbitrary<List<String>> padding() {
    return Arbitraries.strings().withChars(PYTHON_WHITESPACE.toCharArray()).ofMaxLength(3).list().ofMinSize(1)
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> delimiters() {
    return Arbitraries.of("=", ":");
  }

  @Provide
  Arbitrary<String> lineEndings() {
    return Arbitraries.of("\n", "\r\n", "\r");
  }
}
