package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.fnmisp.config.ConfigTemplate;
import org.fnmisp.config.IniFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

  /** A file as resilient-circuits writes it for another app, with a BOM and no [fn_misp]. */
  private static final String CIRCUITS_FILE = "\uFEFF[resilient]\nhost=soar.corp\nport=443\norg=SOC\n"
      + "api_key_id=abc\napi_key_secret=$API_SECRET\n#componentsdir=\n\n[fn_other_app]\nurl=https://other\n"
      + "  continued\n";

  @TempDir
  Path temp;

  @Test
  void shouldCreateTheTemplateInTheGivenFileReadableOnlyByTheOwner() throws IOException {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "-c", "new.config")).isZero();

    Path file = temp.resolve("new.config");
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.render());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(cli.out.toString()).startsWith("Created " + file);
  }

  @Test
  void shouldCreateTheDefaultFileAndItsDirectoryInHome() throws IOException {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "--create")).isZero();

    assertThat(Files.readString(temp.resolve("home/.resilient/app.config"))).isEqualTo(ConfigTemplate.render());
  }

  @Test
  void shouldWriteToAppConfigFileWhenSetAndSaySo() throws IOException {
    Path target = temp.resolve("env/app.config");
    CliRun cli = cli(Map.of("APP_CONFIG_FILE", target.toString()));

    assertThat(cli.execute("config", "-c", "given.config")).isZero();

    assertThat(target).exists();
    assertThat(temp.resolve("given.config")).doesNotExist();
    assertThat(cli.err.toString())
        .contains("$APP_CONFIG_FILE is set, so " + target + " is used instead of given.config");
  }

  @Test
  void shouldRefuseToOverwriteUnlessForced() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), "[resilient]\nhost = mine\n");
    CliRun refused = cli(Map.of());
    CliRun forced = cli(Map.of());

    assertThat(refused.execute("config", "-c", "app.config")).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(refused.err.toString()).isEqualTo("Error: " + file
        + " already exists; use --force to overwrite it, or -u to add the missing sections" + System.lineSeparator());
    assertThat(Files.readString(file)).isEqualTo("[resilient]\nhost = mine\n");

    assertThat(forced.execute("config", "-c", "app.config", "--force")).isZero();
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.render());
  }

  @Test
  void shouldAppendOnlyTheMissingSectionsToACircuitsFile() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), CIRCUITS_FILE);
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "-u", "app.config")).isZero();

    String updated = Files.readString(file);
    assertThat(updated).startsWith(CIRCUITS_FILE);
    assertThat(updated.substring(CIRCUITS_FILE.length()))
        .isEqualTo(
            "\n" + ConfigTemplate.sections().get("integrations") + "\n" + ConfigTemplate.sections().get("fn_misp"));
    assertThat(cli.out.toString()).isEqualTo("Updated " + file + ": added [integrations], [fn_misp]"
        + System.lineSeparator());
    IniFile ini = IniFile.parse(updated, "app.config");
    assertThat(ini.sectionNames()).containsExactly("resilient", "fn_other_app", "integrations", "fn_misp");
    assertThat(ini.value("fn_other_app", "url")).hasValue("https://other\ncontinued");
    assertThat(ini.value("resilient", "api_key_secret")).hasValue("$API_SECRET");
  }

  @Test
  void shouldSayNoUpdatesWhenNothingIsMissing() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), ConfigTemplate.render());
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "-u", file.toString())).isZero();

    assertThat(cli.out.toString()).isEqualTo("No updates." + System.lineSeparator());
    assertThat(Files.readString(file)).isEqualTo(ConfigTemplate.render());
  }

  @Test
  void shouldAddANewlineBeforeAppendingToAFileWithoutOne() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), "[resilient]\nhost=h\n[integrations]\n[fn_misp]\nx=1");

    assertThat(cli(Map.of()).execute("config", "-u", "app.config")).isZero();

    assertThat(Files.readString(file)).isEqualTo("[resilient]\nhost=h\n[integrations]\n[fn_misp]\nx=1");
    Files.writeString(file, "[fn_misp]\nx=1");
    cli(Map.of()).execute("config", "-u", "app.config");
    assertThat(Files.readString(file)).startsWith("[fn_misp]\nx=1\n\n[resilient]\n");
  }

  @Test
  void shouldFailToUpdateAMissingFile() {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "-u", "nope.config")).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(cli.err.toString()).isEqualTo("Error: " + temp.resolve("nope.config")
        + " does not exist; create it with: fn-misp config -c" + System.lineSeparator());
  }

  @Test
  void shouldReportAMalformedFileWithTheLineNumberAndTheConfigCode() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"), "[resilient]\nhost = h\nthis is not ini\n");
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("config", "-u", "app.config")).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).isEqualTo("Error: " + file
        + " line 3: expected 'key = value', 'key: value', a [section] header or a comment" + System.lineSeparator());
  }

  @Test
  void shouldRequireExactlyOneOfCreateAndUpdate() {
    CliRun both = cli(Map.of());
    CliRun neither = cli(Map.of());

    assertThat(both.execute("config", "-c", "-u")).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err.toString()).startsWith("Error: --create, --update are mutually exclusive");
    assertThat(neither.execute("config")).isEqualTo(ExitCodes.USAGE);
    assertThat(neither.err.toString()).startsWith("Error: Missing required argument");
  }

  private CliRun cli(Map<String, String> environment) {
    return new CliRun(environment, temp, temp.resolve("home"));
  }
}
