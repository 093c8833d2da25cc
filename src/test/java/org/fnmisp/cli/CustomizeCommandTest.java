package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.json.Json;
import org.fnmisp.server.StopSignal;
import org.fnmisp.soar.OrgExport;
import org.fnmisp.testing.StompTestClient;
import org.fnmisp.testing.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

class CustomizeCommandTest {

  static final String KEY_ID = "key-id-7";
  static final String KEY_SECRET = "key-secret-do-not-print";
  static final String EMAIL = "soc@example.com";
  static final String PASSWORD = "password-do-not-print";
  private static final String IMPORTS = FakeSoar.ORG + "/configurations/imports";

  @TempDir
  Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private FakeSoar soar;

  @BeforeEach
  void captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    toClose.add(() -> root.detachAppender(logs));
  }

  /** Every log line of the test, as an operator's log file would hold it. */
  private String logText() {
    StringBuilder text = new StringBuilder();
    logs.list.forEach(event -> text.append(event.getFormattedMessage()).append('\n'));
    return text.toString();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void dryRunListsEveryObjectAndSendsNothingButTheLogin() throws Exception {
    Path config = apiKeyConfig();
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "--dry-run", "--config-file", config.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.calls()).isEmpty();
    assertThat(cli.out.toString().lines()).first().asString()
        .isEqualTo("Would import into the SOAR org 'Test Org' (id 201) as API key key-id-7 "
            + "(dry run: nothing was sent):");
    assertThat(cli.out.toString()).contains(
        "  message destination  fn_misp",
        "  field                incident.misp_event_id (MISP Event Id)",
        "  field                __function.misp_tag_type",
        "  function             misp_create_event (MISP Create Event)",
        "  function             misp_create_tag (MISP Create Tag)",
        "  playbook             misp_search_attribute (MISP: Search Attribute - Example (PB))");
    JsonNode export = bundledExportWithoutTags();
    assertThat(cli.out.toString().lines().filter(line -> line.startsWith("  function ")))
        .hasSize(FnMispFunctions.NAMES.size());
    assertThat(cli.out.toString().lines().filter(line -> line.startsWith("  playbook ")))
        .hasSize(export.get("playbooks").size());
    assertThat(cli.out.toString().lines().filter(line -> line.startsWith("  field ")))
        .hasSize(export.get("fields").size());
  }

  @Test
  void importsAcceptsAndGrantsTheApiKeyWithYes() throws Exception {
    Path config = apiKeyConfig();
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.calls()).containsExactly("GET /rest/const", "POST " + IMPORTS, "PUT " + IMPORTS + "/101",
        "GET " + FakeSoar.ORG + "/message_destinations", "GET " + FakeSoar.ORG + "/message_destinations/102",
        "PUT " + FakeSoar.ORG + "/message_destinations/102");
    JsonNode imported = FakeSoar.body(soar.request("POST", IMPORTS));
    assertThat(imported).isEqualTo(bundledExportWithoutTags());
    assertThat(imported.toString()).doesNotContain("\"tags\"");
    JsonNode decision = FakeSoar.body(soar.request("PUT", IMPORTS + "/101"));
    assertThat(decision.get("status").asText()).isEqualTo("ACCEPTED");
    assertThat(decision.get("id").asLong()).isEqualTo(101);
    JsonNode destination = FakeSoar.body(soar.request("PUT", FakeSoar.ORG + "/message_destinations/102"));
    assertThat(destination.get("programmatic_name").asText()).isEqualTo("fn_misp");
    assertThat(destination.get("api_keys")).containsExactly(Json.parse("42", "handle"));
    assertThat(destination.get("users")).isEmpty();
    String basic = Credentials.basic(KEY_ID, KEY_SECRET);
    assertThat(soar.requests).allSatisfy(request -> {
      assertThat(request.getHeaders().get("Authorization")).isEqualTo(basic);
      assertThat(request.getHeaders().get("Cookie")).isNull();
    });
    assertThat(soar.functionNames()).containsExactlyInAnyOrderElementsOf(FnMispFunctions.NAMES);
    assertThat(cli.out.toString())
        .contains("Importing into the SOAR org 'Test Org' (id 201) as API key key-id-7:")
        .contains("SOAR info: Function 'misp_create_event' will be created")
        .contains("Imported " + OrgExport.bundled().summary() + ".")
        .contains("The API key key-id-7 may now read the message destination fn_misp.")
        .contains("Next: fn-misp selftest, then fn-misp run");
    assertThat(cli.out + cli.err.toString() + logText()).doesNotContain(KEY_SECRET);
  }

  @Test
  void grantsTheUserWhenLoggedInWithEmailAndPassword() throws Exception {
    Path config = passwordConfig();
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    RecordedRequest login = soar.request("POST", "/rest/session");
    assertThat(FakeSoar.body(login).get("email").asText()).isEqualTo(EMAIL);
    for (String call : List.of("POST " + IMPORTS, "PUT " + IMPORTS + "/101",
        "PUT " + FakeSoar.ORG + "/message_destinations/102")) {
      RecordedRequest request = soar.request(call.split(" ", -1)[0], call.split(" ", -1)[1]);
      assertThat(request.getHeaders().get("Cookie")).as(call).isEqualTo("JSESSIONID=" + FakeSoar.SESSION_ID);
      assertThat(request.getHeaders().get("X-sess-id")).as(call).isEqualTo(FakeSoar.CSRF_TOKEN);
      assertThat(request.getHeaders().get("Authorization")).as(call).isNull();
    }
    JsonNode destination = FakeSoar.body(soar.request("PUT", FakeSoar.ORG + "/message_destinations/102"));
    assertThat(destination.get("users")).containsExactly(Json.parse("5", "user id"));
    assertThat(destination.get("api_keys")).isEmpty();
    assertThat(cli.out.toString()).contains("The user soc@example.com may now read the message destination fn_misp.");
    assertThat(logText()).contains("Logging in to SOAR as soc@example.com with a password, which is deprecated");
    assertThat(cli.out + cli.err.toString() + logText()).doesNotContain(PASSWORD);
  }

  @Test
  void aSecondRunUpdatesInPlaceAndLeavesTheGrantAsItWas() throws Exception {
    Path config = apiKeyConfig();
    assertThat(new CliRun(Map.of(), dir, dir).execute("customize", "-y", "--config-file", config.toString())).isZero();
    CliRun again = new CliRun(Map.of(), dir, dir);

    int code = again.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).as(again.err.toString()).isZero();
    assertThat(again.out.toString()).contains("SOAR info: Function 'misp_create_event' will be updated")
        .contains("The API key key-id-7 could already read the message destination fn_misp.");
    assertThat(soar.calls().stream().filter(call -> call.startsWith("PUT " + FakeSoar.ORG + "/message_destinations")))
        .hasSize(1);
  }

  @Test
  void retriesTheGrantWhenSoarAnswersConflict() throws Exception {
    Path config = apiKeyConfig();
    soar.conflicts.set(2);
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.calls().stream().filter(call -> call.equals("PUT " + FakeSoar.ORG + "/message_destinations/102")))
        .hasSize(3);
    assertThat(soar.destination("fn_misp").get("api_keys")).containsExactly(Json.parse("42", "handle"));
  }

  @Test
  void asksOnTheTerminalAndImportsWhenTheAnswerIsYes() throws Exception {
    Path config = apiKeyConfig();
    ScriptedPrompt prompt = new ScriptedPrompt("y");

    Captured run = executeWith(prompt, "customize", "--config-file", config.toString());

    assertThat(run.code).as(run.err).isZero();
    assertThat(prompt.questions).containsExactly("Accept this import? [y/N] ");
    assertThat(FakeSoar.body(soar.request("PUT", IMPORTS + "/101")).get("status").asText()).isEqualTo("ACCEPTED");
  }

  @Test
  void rejectsTheImportWhenTheAnswerIsNo() throws Exception {
    Path config = apiKeyConfig();

    Captured run = executeWith(new ScriptedPrompt("n"), "customize", "--config-file", config.toString());

    assertThat(run.code).isEqualTo(1);
    assertThat(FakeSoar.body(soar.request("PUT", IMPORTS + "/101")).get("status").asText()).isEqualTo("REJECTED");
    assertThat(soar.calls()).noneMatch(call -> call.contains("message_destinations"));
    assertThat(soar.functionNames()).isEmpty();
    assertThat(run.err).isEqualTo("Error: Not imported: the import was rejected as you answered; nothing in SOAR "
        + "changed\n");
  }

  @Test
  void refusesWithoutATerminalUnlessYesIsGivenAndSendsNothing() throws Exception {
    Path config = apiKeyConfig();

    Captured run = executeWith(new ScriptedPrompt(), "customize", "--config-file", config.toString());

    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).startsWith("Error: customize asks before it imports, but no terminal is attached")
        .contains("run it with -y");
    assertThat(soar.requests).isEmpty();
  }

  @Test
  void refusesASoarTooOldForPlaybooks() throws Exception {
    Path config = apiKeyConfig();
    soar.version = "48.2.0.1234";
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err.toString()).isEqualTo("Error: SOAR 48.2.0.1234 is too old for fn-misp's customizations: "
        + "their example playbooks need SOAR 49.0 or newer (as fn_misp 3.0.2 does); upgrade SOAR, nothing was "
        + "imported\n");
    assertThat(soar.calls()).containsExactly("GET /rest/const");
  }

  @Test
  void importsWhenSoarDoesNotSayItsVersion() throws Exception {
    Path config = apiKeyConfig();
    soar.version = null;
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(soar.functionNames()).hasSize(FnMispFunctions.NAMES.size());
  }

  @Test
  void reportsTheServersMessageWhenItRejectsTheImport() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("POST", IMPORTS, 400,
        "{\"success\":false,\"message\":\"Import failed: the export format version 2 is not supported\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).startsWith("Error: SOAR refused the import: SOAR answered POST https://127.0.0.1:")
        .contains(IMPORTS + " with HTTP 400: Import failed: the export format version 2 is not supported");
    assertThat(soar.calls()).doesNotContain("PUT " + IMPORTS + "/101");
  }

  @Test
  void reportsAnImportSoarDoesNotHoldForReview() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("POST", IMPORTS, 200, "{\"id\":7,\"status\":\"FAILED\",\"messages\":[{\"type\":\"error\","
        + "\"text\":\"Field 'misp_event_id' has a different type in this org\"}]}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).isEqualTo("Error: SOAR refused the import (status FAILED instead of PENDING): "
        + "error: Field 'misp_event_id' has a different type in this org\n");
  }

  @Test
  void namesThePermissionWhenTheKeyMayNotImport() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("POST", IMPORTS, 403, "{\"success\":false,\"message\":\"Forbidden\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).startsWith("Error: The API key key-id-7 may not import customizations into the "
        + "org (HTTP 403 from POST https://127.0.0.1:")
        .contains(": Forbidden): allow it to edit functions, message destinations, fields, scripts and playbooks in "
            + "the API key's permissions (Administrator Settings > Users > API Keys)");
  }

  @Test
  void namesThePermissionWhenTheKeyMayNotEditTheDestination() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("PUT", FakeSoar.ORG + "/message_destinations/102", 403, "{\"message\":\"Forbidden\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.out.toString()).contains("Imported 1 message destination");
    assertThat(cli.err.toString()).startsWith("Error: The API key key-id-7 may not change who reads the message "
        + "destination fn_misp").contains("allow it to edit message destinations");
  }

  @Test
  void saysWhichDestinationIsMissing() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("GET", FakeSoar.ORG + "/message_destinations", 200,
        "{\"entities\":[{\"id\":3,\"programmatic_name\":\"fn_other\"}]}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).isEqualTo("Error: SOAR has no message destination fn_misp in the org 'Test Org' "
        + "(it has fn_other); import it with: fn-misp customize\n");
  }

  @Test
  void saysHowToGrantByHandWhenTheSessionNamesNoApiKeyHandle() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("GET", "/rest/session", 200, "{\"orgs\":[{\"id\":201,\"name\":\"Test Org\",\"enabled\":true}]}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(20);
    assertThat(cli.err.toString()).isEqualTo("Error: Cannot give the API key key-id-7 access to the message "
        + "destination fn_misp: SOAR's session names no api_key_handle; add it by hand in Administrator Settings > "
        + "Message Destinations > fn_misp\n");
    assertThat(soar.calls()).doesNotContain("PUT " + FakeSoar.ORG + "/message_destinations/102");
  }

  @Test
  void exitsWith21WhenSoarRefusesTheKey() throws Exception {
    Path config = apiKeyConfig();
    soar.answerNext("GET", "/rest/session", 401, "{\"message\":\"Unauthorized\"}");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("customize", "-y", "--config-file", config.toString());

    assertThat(code).isEqualTo(21);
    assertThat(cli.err.toString()).startsWith("Error: SOAR rejected the API key key-id-7").doesNotContain(KEY_SECRET);
    assertThat(soar.calls()).isEmpty();
  }

  @Test
  void afterCustomizeRunFindsEveryFunctionAndServesIt() throws Exception {
    // given a new org: customize imports the functions and grants the key
    TestBroker broker = TestBroker.start();
    toClose.add(broker);
    try (FakeMispServer misp = new FakeMispServer()) {
      Path config = brokerConfig(broker, misp.url());
      assertThat(new CliRun(Map.of(), dir, dir).execute("customize", "-y", "--config-file", config.toString()))
          .isZero();

      // when run starts on the same org
      CliRun run = new CliRun(Map.of(), dir, dir);
      toClose.add(run.stopSignal::stop);
      CompletableFuture<Integer> server = CompletableFuture.supplyAsync(
          () -> run.execute("run", "--config-file", config.toString()));
      StompTestClient soarBroker = StompTestClient.connect(broker, 201, "fn_misp");
      toClose.add(soarBroker);

      // then it found every function's destination and serves a call
      String correlationId = soarBroker.invoke("misp_search_attribute",
          Json.object().put("misp_attribute_value", "8.8.8.8"));
      StompTestClient.Reply reply = soarBroker.finalReply(correlationId, java.time.Duration.ofSeconds(20));
      assertThat(reply.messageType()).as(reply.body().toString()).isZero();
      assertThat(reply.body().at("/results/success").asBoolean()).isTrue();
      for (String function : FnMispFunctions.NAMES) {
        assertThat(soar.calls()).contains("GET " + FakeSoar.ORG + "/functions/" + function);
      }
      run.stopSignal.stop();
      assertThat(server.get(30, TimeUnit.SECONDS)).isZero();
    }
  }

  private JsonNode bundledExportWithoutTags() throws Exception {
    JsonNode export = Json.parse(Files.readString(Path.of("customize", "export.res"), StandardCharsets.UTF_8),
        "export.res");
    removeTags(export);
    return export;
  }

  private static void removeTags(JsonNode node) {
    if (node.isObject()) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("tags");
    }
    node.forEach(CustomizeCommandTest::removeTags);
  }

  private Path apiKeyConfig() throws Exception {
    startSoar();
    return writeConfig("api_key_id = " + KEY_ID + "\napi_key_secret = " + KEY_SECRET);
  }

  private Path passwordConfig() throws Exception {
    startSoar();
    return writeConfig("email = " + EMAIL + "\npassword = " + PASSWORD);
  }

  private Path brokerConfig(TestBroker broker, String mispUrl) throws Exception {
    startSoar();
    return FakeServers.soarAppConfig(dir, soar.port(), soar.caFile(), broker, TestBroker.PASSWORD, mispUrl);
  }

  private void startSoar() throws Exception {
    soar = new FakeSoar(dir);
    toClose.add(soar);
  }

  private Path writeConfig(String credentials) throws Exception {
    return soar.appConfig(dir, credentials);
  }

  /** The command line with a customize whose terminal answers from a script, or that has no terminal. */
  private Captured executeWith(Prompt prompt, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of(), dir, dir, settings -> {}, StopSignal.manual());
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == CustomizeCommand.class ? type.cast(new CustomizeCommand(prompt))
            : CommandLine.defaultFactory().create(type);
      }
    };
    ErrorHandler errors = new ErrorHandler();
    int code = new CommandLine(new FnMispCommand(context), factory).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors)
        .execute(args);
    return new Captured(code, out.toString(), err.toString());
  }

  private record Captured(int code, String out, String err) {}

  /** A terminal that gives the scripted answers in turn; with none, no terminal at all. */
  private static final class ScriptedPrompt implements Prompt {
    final List<String> answers;
    final List<String> questions = new ArrayList<>();

    ScriptedPrompt(String... answers) {
      this.answers = new ArrayList<>(List.of(answers));
    }

    @Override
    public boolean isInteractive() {
      return !answers.isEmpty();
    }

    @Override
    public String ask(String question) {
      questions.add(question);
      return answers.isEmpty() ? null : answers.remove(0);
    }
  }

  /** FakeServers' MISP, closed with the test. */
  private static final class FakeMispServer implements AutoCloseable {
    private final mockwebserver3.MockWebServer server = FakeServers.misp(FakeServers.recorder());

    FakeMispServer() throws java.io.IOException {}

    String url() {
      return server.url("/").toString();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
