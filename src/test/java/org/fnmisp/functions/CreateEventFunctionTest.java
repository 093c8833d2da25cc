package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.errors;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateEventFunctionTest {

  private static final String INPUTS = "{\"misp_event_name\":\"Phishing wave\",\"misp_distribution\":0,"
      + "\"misp_threat_level\":1,\"misp_analysis_level\":2}";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldCreateTheEventAndReturnItAsContent() {
    harness.misp.onCreateEvent("event-created.json");

    FunctionHarness.Run run = harness.run("misp_create_event", INPUTS);

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/events/add");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
    com.fasterxml.jackson.databind.node.ObjectNode body =
        (com.fasterxml.jackson.databind.node.ObjectNode) FakeMisp.body(request);
    assertThat(body.remove("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f-]{27}");
    assertThat(body).isEqualTo(Json.parse("{\"distribution\":\"0\",\"threat_level_id\":\"1\",\"analysis\":\"2\","
        + "\"info\":\"Phishing wave\"}", "expected"));
    assertThat(run.payload()).isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("event-created.json"), INPUTS));
    assertThat(run.statuses()).containsExactly(
        "Setting up connection to MISP", "Creating event Phishing wave", "Event has been created");
  }

  @Test
  void shouldOmitCodesThatAreNotSetAndAcceptNumericStrings() {
    harness.misp.onCreateEvent("event-created.json");

    harness.run("misp_create_event", "{\"misp_event_name\":\"x\",\"misp_threat_level\":\"3\","
        + "\"misp_analysis_level\":1.0,\"misp_distribution\":null}");

    JsonAssert body = new JsonAssert(FakeMisp.body(harness.misp.takeRequest()));
    body.hasOnlyKeys("uuid", "threat_level_id", "analysis", "info");
    assertThat(body.node.get("threat_level_id").asText()).isEqualTo("3");
    assertThat(body.node.get("analysis").asText()).isEqualTo("1");
  }

  @Test
  void shouldReturnMispValidationErrorsAsContentWithSuccessTrue() {
    harness.misp.reply(403, "event-validation-403.json");

    FunctionHarness.Run run = harness.run("misp_create_event", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, errors(403, "event-validation-403.json"), INPUTS));
    assertThat(run.statuses()).last().asString().contains("HTTP 403: Could not add Event");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|misp_event_name is required but was not set",
      "{\"misp_event_name\":\"  \"}|misp_event_name is required but was not set",
      "{\"misp_event_name\":\"x\",\"misp_distribution\":\"abc\"}|misp_distribution must be an integer, got \"abc\"",
      "{\"misp_event_name\":\"x\",\"misp_threat_level\":1.5}|misp_threat_level must be an integer, got 1.5",
      "{\"misp_event_name\":{\"a\":1}}|misp_event_name must be text, got {\"a\":1}"})
  void shouldRejectBadInputsBeforeCallingMisp(String inputs, String message) {
    FunctionHarness.Run run = harness.run("misp_create_event", inputs);

    assertThat(run.error()).isEqualTo(message);
    assertThat(run.statuses()).isEmpty();
    assertThat(harness.misp.requestCount()).isZero();
  }

  /** Minimal helper for key-set assertions on a JSON object. */
  private record JsonAssert(com.fasterxml.jackson.databind.JsonNode node) {
    void hasOnlyKeys(String... keys) {
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly(keys);
    }
  }
}
