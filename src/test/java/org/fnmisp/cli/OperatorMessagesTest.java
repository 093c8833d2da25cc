package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the command line says when something is wrong: the file, key or value, and no Java internals. */
class OperatorMessagesTest {

  private static final Pattern JAVA_CLASS = Pattern.compile("\\b(java|javax|com|org)\\.[a-z]+\\.[A-Za-z.]*Exception");

  @TempDir
  Path dir;

  @Test
  void shouldSayTheConfigFileIsADirectory() {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code =
        cli.execute("invoke", "--config-file", dir.toString(), "misp_search_attribute", "misp_attribute_value=x");

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).isEqualTo("Error: The config file " + dir + " (from --config-file) is a directory, "
        + "not a file" + System.lineSeparator());
  }

  @Test
  void shouldSayAReferencedVariableIsEmpty() throws Exception {
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = http://127.0.0.1:1/\nmisp_key = $MISP_KEY\n");
    CliRun cli = new CliRun(Map.of("MISP_KEY", ""), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_search_attribute",
        "misp_attribute_value=x");

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).startsWith("Error: [fn_misp] misp_key = $MISP_KEY: the environment variable "
        + "MISP_KEY is empty");
  }

  @Test
  void shouldNameThePortAndTheOptionWhenThePortIsTaken() throws Exception {
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = http://127.0.0.1:1/\nmisp_key = "
        + FakeServers.MISP_KEY + "\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CliRun cli = new CliRun(Map.of(), dir, dir);

      int code = cli.execute("run", "--local", "--port", String.valueOf(taken.getLocalPort()), "--config-file",
          config.toString());

      assertThat(code).isEqualTo(ExitCodes.APP_FAILURE);
      assertThat(cli.err.toString()).startsWith("Error: cannot start the local ActiveMQ broker on 127.0.0.1:"
          + taken.getLocalPort() + ": port " + taken.getLocalPort() + " is already in use")
          .contains("choose another port with --port").doesNotContainPattern(JAVA_CLASS);
    }
  }

  @Test
  void shouldRejectPortWithoutLocalAndAPortOutOfRangeAsArgumentErrors() {
    CliRun withoutLocal = new CliRun(Map.of(), dir, dir);
    assertThat(withoutLocal.execute("run", "--port", "61614")).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutLocal.err.toString()).startsWith("Error: --port 61614 works only with --local");

    CliRun outOfRange = new CliRun(Map.of(), dir, dir);
    assertThat(outOfRange.execute("run", "--local", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
    assertThat(outOfRange.err.toString()).startsWith("Error: --port 70000: must be between 0 and 65535");
  }

  @Test
  void shouldExplainAnUnreachableMispWithoutJavaClassNames() throws Exception {
    int port = QuickStartTest.freePort();
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = http://127.0.0.1:" + port
        + "/\nmisp_key = " + FakeServers.MISP_KEY + "\nmax_retries = 0\n");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");

    assertThat(code).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(cli.err.toString()).contains("MISP at 127.0.0.1:" + port + " refused the connection")
        .contains("[fn_misp] misp_url").doesNotContainPattern(JAVA_CLASS);
  }

  @Test
  void shouldExplainABadInputFileWithoutJacksonLocations() throws Exception {
    Path inputs = Files.writeString(dir.resolve("inputs.json"), "{\"misp_attribute_value\": ");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--input-file", inputs.toString(), "misp_search_attribute");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err.toString()).startsWith("Error: The input file " + inputs + " is not valid JSON: ")
        .doesNotContain("Source").doesNotContain("REDACTED");
  }

  @Test
  void shouldSayACaBundleIsNotPemWithoutTheJdksWords() throws Exception {
    Path bundle = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n"
        + "-----END CERTIFICATE-----\n");
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = https://127.0.0.1:1/\nmisp_key = "
        + FakeServers.MISP_KEY + "\nverify_cert = " + bundle + "\n");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_search_attribute",
        "misp_attribute_value=x");

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).startsWith("Error: [fn_misp] verify_cert = " + bundle + ": not a PEM CA bundle")
        .doesNotContain("signed fields").doesNotContainPattern(JAVA_CLASS);
  }

  @Test
  void shouldNotWarnAboutCertificateVerificationForAPlainHttpMispUrl() throws Exception {
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = http://127.0.0.1:1/\nmisp_key = "
        + FakeServers.MISP_KEY + "\nverify_cert = false\nmax_retries = 0\n");
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try {
      new CliRun(Map.of(), dir, dir).execute("invoke", "--config-file", config.toString(), "misp_search_attribute",
          "misp_attribute_value=x");
    } finally {
      root.detachAppender(logs);
    }

    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains("MISP client for http://127.0.0.1:1/ (plain HTTP"))
        .noneMatch(line -> line.contains("verification"));
  }

  @Test
  void shouldCutALongInputValueInStatusMessagesAndErrors() throws Exception {
    Path config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = http://127.0.0.1:1/\nmisp_key = "
        + FakeServers.MISP_KEY + "\n");
    String longValue = "x".repeat(5000);
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_sighting_list",
        "misp_event_id=" + longValue);

    assertThat(code).isEqualTo(ExitCodes.APP_FAILURE);
    assertThat(cli.err.toString()).contains("misp_event_id must be an integer, got \"" + "x".repeat(199) + "... (5002 "
        + "characters)").hasSizeLessThan(1000);

    CliRun sighting = new CliRun(Map.of(), dir, dir);
    sighting.execute("invoke", "--config-file", config.toString(), "misp_create_sighting",
        "misp_sighting=" + longValue);
    assertThat(sighting.err.toString()).contains("status: Marking " + "x".repeat(200) + "... (5000 characters) as "
        + "sighted").doesNotContain("x".repeat(201));
  }
}
