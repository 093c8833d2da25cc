package org.fnmisp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.fnmisp.cli.CliContext;
import org.fnmisp.cli.FnMispCli;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.server.StopSignal;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the operator documentation names exists: each {@code fn-misp <command> --option} written in code, each
 * app.config key, each error message of doc/troubleshooting.md (as string literals of the code), each relative link,
 * and the labels of the architecture picture in its SVG.
 */
class DocsCheckTest {

  private static final List<Path> DOCS = List.of(Path.of("README.md"), Path.of("doc", "README.md"),
      Path.of("doc", "install-server.md"), Path.of("doc", "install-apphost.md"), Path.of("doc", "troubleshooting.md"),
      Path.of("doc", "attack.md"), Path.of("doc", "runtime.md"), Path.of("doc", "functions.md"),
      Path.of("doc", "configuration.md"), Path.of("apphost", "README.md"));
  private static final Set<String> SECTIONS = Set.copyOf(ConfigCatalogue.SECTIONS);
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
  private static final Pattern SPAN = Pattern.compile("(`+)(.+?)\\1");
  /** fn-misp run as a command: at the start of a line or after {@code =}, {@code ;}, {@code &&}, {@code |}. */
  private static final Pattern INVOCATION = Pattern.compile(
      "(?:^\\s*|[=;&|(]\\s*)(?:java\\s+(?:-\\S+\\s+)*-jar\\s+)?(?:\\S*/)?fn-misp(?:\\.jar)?((?:\\s+\\S+)+)");
  /** [section] key, where key is a key and not the first word of a sentence such as "[resilient] has no ...". */
  private static final Pattern SECTION_KEY = Pattern.compile(
      "\\[(\\w+)] ([a-z]+_[a-z_]+|[a-z]+(?=$| =|,|\\)| and | or |;))");
  private static final Pattern ASSIGNMENT = Pattern.compile("^([a-z_]+)\\s*[=:]");
  private static final Pattern SPAN_ASSIGNMENT = Pattern.compile("^([a-z_]+) = ");
  private static final Pattern SNAKE = Pattern.compile("[a-z]+(?:_[a-z0-9]+)+");
  /**
   * Snake-case names in the docs that are not app.config keys: SOAR's, App Host's and MISP's field names, result
   * fields, and examples.
   */
  private static final Set<String> NOT_KEYS = Set.of("read_data", "read_function", "actions_framework_enabled",
      "config_string", "permission_handles", "api_keys", "app_logo", "company_logo", "fn_misp", "mitre_techniques",
      "cloud_account", "destination_handle", "decay_score", "last_seen", "attack_techniques", "to_ids");

  private final CommandSpec root = FnMispCli.commandLine(
      new CliContext(Map.of(), Path.of("."), Path.of("."), settings -> {}, StopSignal.manual()),
      new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getCommandSpec();

  @Test
  void everyCommandAndOptionWrittenInCodeExists() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path doc : DOCS) {
      for (String code : codeOf(doc)) {
        for (String line : code.split("\n", -1)) {
          checkInvocations(doc, line, problems);
        }
        if (code.matches("--[a-z][a-z-]*") && root.subcommands().values().stream()
            .noneMatch(command -> command.getCommandSpec().findOption(code) != null)) {
          problems.add(doc + ": no command has the option " + code);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyAppConfigKeyNamedExists() throws IOException {
    Set<String> keys = new HashSet<>();
    ConfigCatalogue.all().forEach(key -> keys.add(key.name()));
    List<String> problems = new ArrayList<>();
    for (Path doc : DOCS) {
      String text = Files.readString(doc);
      Matcher fence = FENCE.matcher(text);
      while (fence.find()) {
        if (fence.group(1).equals("ini")) {
          checkIniBlock(doc, fence.group(2), problems);
        }
      }
      for (String span : spans(text)) {
        Matcher sectionKey = SECTION_KEY.matcher(span);
        while (sectionKey.find()) {
          if (SECTIONS.contains(sectionKey.group(1))
              && ConfigCatalogue.find(sectionKey.group(1), sectionKey.group(2)).isEmpty()) {
            problems.add(doc + ": no key " + sectionKey.group());
          }
        }
        Matcher assignment = SPAN_ASSIGNMENT.matcher(span);
        if (assignment.find() && !keys.contains(assignment.group(1)) && !assignment.group(1).equals("key")) {
          problems.add(doc + ": no key " + assignment.group(1) + " in `" + span + "`");
        }
        if (SNAKE.matcher(span).matches() && !keys.contains(span) && !span.startsWith("misp_")
            && !NOT_KEYS.contains(span)) {
          problems.add(doc + ": `" + span + "` is neither an app.config key nor a known name");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyTroubleshootingMessageIsBuiltFromTheCodesStrings() throws IOException {
    List<String> literals = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
      for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
        Matcher literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"").matcher(Files.readString(source));
        while (literal.find()) {
          literals.add(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
      }
    }
    Matcher heading = Pattern.compile("(?m)^### (`+)(.+?)\\1\\s*$").matcher(
        Files.readString(Path.of("doc", "troubleshooting.md")));
    int messages = 0;
    List<String> problems = new ArrayList<>();
    while (heading.find()) {
      messages++;
      for (String fragment : heading.group(2).split("<[^>]+>", -1)) {
        if (!fragment.isBlank() && !coveredByLiterals(fragment, literals)) {
          problems.add("\"" + fragment + "\" (in: " + heading.group(2) + ")");
        }
      }
    }
    assertThat(messages).isGreaterThan(20);
    assertThat(problems).as("message parts the code does not print").isEmpty();
  }

  @Test
  void relativeLinksPointToFilesThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path doc : DOCS) {
      Matcher link = Pattern.compile("\\]\\(([^)#:\\s]+)(?:#[^)]*)?\\)").matcher(Files.readString(doc));
      while (link.find()) {
        if (!Files.exists(doc.toAbsolutePath().getParent().resolve(link.group(1)))) {
          problems.add(doc + " -> " + link.group(1));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void architectureSvgIsRenderedFromItsSource() throws IOException {
    String dot = Files.readString(Path.of("doc", "architecture.dot"));
    String svg = Files.readString(Path.of("doc", "architecture.svg"));
    Matcher label = Pattern.compile("label=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(dot);
    List<String> missing = new ArrayList<>();
    while (label.find()) {
      for (String line : label.group(1).split("\\\\n", -1)) {
        // Graphviz writes hyphens as &#45; and escapes markup characters.
        String escaped = line.replace("\\\"", "\"").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("-", "&#45;");
        if (!line.isBlank() && !svg.contains(">" + escaped + "</text>")) {
          missing.add(line);
        }
      }
    }
    assertThat(missing).as("labels of doc/architecture.dot missing from doc/architecture.svg; run: "
        + "dot -Tsvg doc/architecture.dot -o doc/architecture.svg").isEmpty();
  }

  private void checkInvocations(Path doc, String line, List<String> problems) {
    Matcher invocation = INVOCATION.matcher(line);
    while (invocation.find()) {
      String[] words = invocation.group(1).trim().split("\\s+", -1);
      if (!words[0].matches("[a-z][a-z-]*")) {
        continue; // a path or service name such as /opt/fn-misp, not a command
      }
      CommandLine command = root.subcommands().get(words[0]);
      if (command == null) {
        problems.add(doc + ": no command '" + words[0] + "' in: " + line.strip());
        continue;
      }
      for (int i = 1; i < words.length && !words[i].matches("[|;&>)].*|\\d?>.*"); i++) {
        String option = words[i].replaceFirst("=.*", "");
        if (option.startsWith("-") && command.getCommandSpec().findOption(option) == null) {
          problems.add(doc + ": '" + words[0] + "' has no option " + option + " in: " + line.strip());
        }
      }
    }
  }

  private static void checkIniBlock(Path doc, String block, List<String> problems) {
    String section = null;
    for (String line : block.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
        section = trimmed.substring(1, trimmed.length() - 1);
      } else if (section != null && SECTIONS.contains(section) && !trimmed.startsWith("#")) {
        Matcher assignment = ASSIGNMENT.matcher(trimmed);
        if (assignment.find() && ConfigCatalogue.find(section, assignment.group(1)).isEmpty()) {
          problems.add(doc + ": no key [" + section + "] " + assignment.group(1));
        }
      }
    }
  }

  /** The contents of fenced code blocks and of inline code spans. */
  private static List<String> codeOf(Path doc) throws IOException {
    String text = Files.readString(doc);
    List<String> code = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      code.add(fence.group(2));
    }
    code.addAll(spans(FENCE.matcher(text).replaceAll("")));
    return code;
  }

  private static List<String> spans(String text) {
    List<String> spans = new ArrayList<>();
    Matcher span = SPAN.matcher(FENCE.matcher(text).replaceAll(""));
    while (span.find()) {
      spans.add(span.group(2).strip());
    }
    return spans;
  }

  /**
   * True when {@code fragment} is printed by the code: it lies inside one string literal, or it is the end of one
   * literal followed by whole literals and the start of another, as a message built with {@code +} is.
   */
  private static boolean coveredByLiterals(String fragment, List<String> literals) {
    if (literals.stream().anyMatch(literal -> literal.contains(fragment))) {
      return true;
    }
    boolean[] reachable = new boolean[fragment.length() + 1];
    for (String literal : literals) {
      for (int start = 0; start < literal.length(); start++) {
        String suffix = literal.substring(start);
        if (fragment.startsWith(suffix)) {
          reachable[suffix.length()] = true;
        }
      }
    }
    for (int position = 1; position < fragment.length(); position++) {
      if (!reachable[position]) {
        continue;
      }
      for (String literal : literals) {
        if (literal.isEmpty()) {
          continue;
        }
        if (fragment.startsWith(literal, position)) {
          reachable[position + literal.length()] = true;
        } else if (literal.startsWith(fragment.substring(position))) {
          return true;
        }
      }
    }
    return reachable[fragment.length()];
  }
}
