package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files rendered from the catalogue stay equal to it. Run with {@code -Dfnmisp.regenerate=true} to rewrite them
 * after changing a key.
 */
class GeneratedFilesTest {

  private static final boolean REGENERATE = Boolean.getBoolean("fnmisp.regenerate");

  @Test
  void appConfigSampleIsTheRenderedTemplate() throws IOException {
    assertGenerated(Path.of("app.config.sample"), ConfigTemplate.render());
  }

  @Test
  void configurationReferenceIsRenderedFromTheCatalogue() throws IOException {
    assertGenerated(Path.of("doc", "configuration.md"), ConfigReference.render());
  }

  @Test
  void referenceDocumentsEveryCatalogueKey() {
    String reference = ConfigReference.render();
    for (ConfigKey<?> key : ConfigCatalogue.all()) {
      assertThat(reference).contains("| `" + key.name() + "` |");
    }
  }

  @Test
  void templateParsesAndHoldsOnlyKnownKeys() {
    IniFile template = IniFile.parse(ConfigTemplate.render(), "template");

    assertThat(template.sectionNames()).containsExactly("resilient", "integrations", "fn_misp");
    template.sectionNames().forEach(section -> template.section(section).keySet()
        .forEach(key -> assertThat(ConfigCatalogue.find(section, key)).as("[%s] %s", section, key).isPresent()));
    assertThat(template.value("fn_misp", "misp_url")).hasValue("https://misp.example.org");
    assertThat(template.value("fn_misp", "misp_key")).hasValue("<your key>");
    assertThat(template.value("resilient", "num_workers")).hasValue("25");
  }

  @Test
  void untouchedTemplateIsRefusedForItsPlaceholders() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> AppConfig.parse(ConfigTemplate.render(), "app.config", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[resilient] api_key_id = <api key id>: still the template placeholder")
        .hasMessageContaining("[fn_misp] misp_key = [hidden]: still the template placeholder <your key>");
  }

  @Test
  void readmeTestCommandIsTheCiCommand() throws IOException {
    Matcher command = Pattern.compile("(?m)^exec (mvn .+)$").matcher(Files.readString(Path.of(".ci", "run")));
    assertThat(command.find()).isTrue();

    assertThat(Files.readString(Path.of("README.md"))).contains(command.group(1));
  }

  private static void assertGenerated(Path file, String expected) throws IOException {
    if (REGENERATE) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(file).as("%s is out of date: run the tests with -Dfnmisp.regenerate=true", file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is out of date: run the tests with -Dfnmisp.regenerate=true", file).isEqualTo(expected);
  }
}
