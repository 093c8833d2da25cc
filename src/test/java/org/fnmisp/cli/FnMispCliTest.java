package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fnmisp.FnMisp;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ResilientKeys;
import org.fnmisp.logging.LogSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

class FnMispCliTest {

  @TempDir
  Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"", "run", "config", "customize", "selftest", "invoke"})
  void shouldPrintTheVersionFromEveryCommand(String command) {
    CliRun cli = cli(Map.of());

    int code = command.isEmpty() ? cli.execute("--version") : cli.execute(command, "--version");

    assertThat(code).isZero();
    assertThat(cli.out.toString()).isEqualTo("fn-misp " + FnMisp.version() + System.lineSeparator());
  }

  @ParameterizedTest
  @ValueSource(strings = {"run", "config", "customize", "selftest", "invoke"})
  void shouldPrintHelpForEveryCommand(String command) {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute(command, "--help")).isZero();
    assertThat(cli.out.toString()).startsWith("Usage: fn-misp " + command).contains("--stacktrace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"customize"})
  void shouldSayThatACommandIsNotBuiltYet(String commandLine) {
    CliRun cli = cli(Map.of());

    int code = cli.execute(commandLine.split(" ", -1));

    assertThat(code).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(cli.err.toString()).isEqualTo("Error: the '" + commandLine.split(" ", -1)[0]
        + "' command is not built yet in fn-misp " + FnMisp.version() + System.lineSeparator());
    assertThat(cli.out.toString()).isEmpty();
  }

  @Test
  void shouldShowUsageAndExit2WithoutACommand() {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err.toString()).startsWith("Usage: fn-misp").contains("config", "run", "selftest");
  }

  @Test
  void shouldReportUsageErrorsInOneLineWithASuggestion() {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("cnfig")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err.toString()).startsWith("Error: Unmatched argument at index 0: 'cnfig'")
        .contains("fn-misp config", "Try 'fn-misp --help' for more information.");
  }

  @Test
  void shouldRefuseAnUnknownLogLevel() {
    CliRun cli = cli(Map.of());

    assertThat(cli.execute("run", "--loglevel", "loud")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err.toString()).startsWith("Error: Invalid value for option '--loglevel': 'loud' must be one of");
  }

  @Test
  void shouldPrintTheStackTraceOnlyWhenAsked() {
    CliRun plain = cli(Map.of());
    CliRun traced = cli(Map.of());

    plain.execute("customize");
    traced.execute("customize", "--stacktrace");

    assertThat(plain.err.toString()).doesNotContain("\tat ");
    assertThat(traced.err.toString()).startsWith("Error: the 'customize' command")
        .contains("org.fnmisp.cli.ExitException", "\tat org.fnmisp.cli.CustomizeCommand.call");
  }

  @Test
  void shouldMapExceptionsToExitCodes() {
    assertThat(ErrorHandler.exitCode(new ExitException(ExitCodes.REST_UNAUTHORIZED, "401"))).isEqualTo(21);
    assertThat(ErrorHandler.exitCode(new IllegalStateException(new ConfigException("bad")))).isEqualTo(78);
    assertThat(ErrorHandler.exitCode(new IllegalStateException("boom"))).isEqualTo(1);
  }

  @Test
  void shouldLoadValidateAndApplyTheConfigForAConfiguredCommand() throws IOException {
    Path cwd = Files.createDirectories(temp.resolve("cwd"));
    Files.writeString(cwd.resolve("app.config"), "[resilient]\nhost = soar.local\nloglevel = ERROR\nnum_worker = 3\n");
    CliRun cli = new CliRun(Map.of(), cwd, temp.resolve("home"));
    Probe probe = new Probe();

    int code = cli.executeWith(probe, "probe", "--loglevel", "debug");

    assertThat(code).isZero();
    assertThat(probe.config.get(ResilientKeys.HOST)).isEqualTo("soar.local");
    assertThat(cli.logSettings).containsExactly(new LogSettings("DEBUG", cwd.resolve("logs/app.log"), 10_000_000, 10));
  }

  @Test
  void shouldExitWithTheConfigCodeAndOneLineForABadConfig() throws IOException {
    Path file = Files.writeString(temp.resolve("bad.config"), "[resilient]\nnum_workers = 0\n");
    CliRun cli = cli(Map.of());

    int code = cli.executeWith(new Probe(), "probe", "--config-file", file.toString());

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString())
        .isEqualTo("Error: [resilient] num_workers = 0: must be between 1 and 2000" + System.lineSeparator());
    assertThat(cli.logSettings).isEmpty();
  }

  @Test
  void shouldExitWithTheConfigCodeWhenNoConfigIsFound() {
    CliRun cli = cli(Map.of());

    assertThat(cli.executeWith(new Probe(), "probe")).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).startsWith("Error: No app.config found. Tried: --config-file (not given)");
  }

  @Test
  void shouldNeverPrintASecretInAnError() throws IOException {
    Path file = Files.writeString(temp.resolve("app.config"),
        "[resilient]\napi_key_secret = $SOAR_SECRET\nport = $SOAR_SECRET\n");
    CliRun cli = cli(Map.of("SOAR_SECRET", "t0p-s3cr3t"));

    int code = cli.executeWith(new Probe(), "probe", "--config-file", file.toString(), "--stacktrace");

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).contains("[resilient] port = $SOAR_SECRET: not a whole number")
        .doesNotContain("t0p-s3cr3t");
  }

  private CliRun cli(Map<String, String> environment) {
    return new CliRun(environment, temp, temp.resolve("home"));
  }

  /** A command that only loads the config, as run, selftest and invoke will. */
  @Command(name = "probe")
  static final class Probe extends ConfiguredCommand {

    AppConfig config;

    @Override
    public Integer call() {
      config = loadConfig();
      return ExitCodes.OK;
    }
  }
}
