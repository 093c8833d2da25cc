package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.errors;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreateAttributeFunctionTest {

  private static final String INPUTS =
      "{\"misp_event_id\":42,\"misp_attribute_type\":\"ip-dst\",\"misp_attribute_value\":\"8.8.8.8\"}";
  private static final String EVENT_UUID = "5758ebf5-c898-48e6-9fe9-5665c0a83866";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldResolveTheEventUuidByIdThenAddTheAttributeToIt() {
    harness.misp.onRestSearch("event-search-by-id.json").onAddAttribute("attribute-created.json");

    FunctionHarness.Run run = harness.run("misp_create_attribute", INPUTS);

    RecordedRequest search = harness.misp.takeRequest();
    assertThat(search.getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(FakeMisp.body(search).get("eventid").asLong()).isEqualTo(42);
    assertThat(FakeMisp.body(search).has("value")).isFalse();
    RecordedRequest add = harness.misp.takeRequest();
    assertThat(add.getMethod()).isEqualTo("POST");
    assertThat(add.getUrl().encodedPath()).isEqualTo("/attributes/add/" + EVENT_UUID);
    ObjectNode body = (ObjectNode) FakeMisp.body(add);
    assertThat(body.remove("uuid").asText()).hasSize(36);
    assertThat(body).isEqualTo(Json.parse("{\"type\":\"ip-dst\",\"value\":\"8.8.8.8\"}", "expected"));
    assertThat(run.payload()).isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("attribute-created.json"), INPUTS));
    assertThat(run.statuses()).containsExactly("Setting up connection to MISP",
        "Creating new misp attribute ip-dst 8.8.8.8", "Attribute has been created");
  }

  @Test
  void shouldReturnADuplicateAsErrorsContentWithSuccessTrue() {
    harness.misp.onRestSearch("event-search-by-id.json").reply(403, "attribute-duplicate-403.json");

    FunctionHarness.Run run = harness.run("misp_create_attribute", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, errors(403, "attribute-duplicate-403.json"), INPUTS));
  }

  @Test
  void shouldFailClearlyWhenTheEventDoesNotExist() {
    harness.misp.onRestSearch("search-empty.json");

    FunctionHarness.Run run = harness.run("misp_create_attribute", INPUTS);

    assertThat(run.error()).isEqualTo("Could not add the attribute: MISP event 42 not found");
    assertThat(harness.misp.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"42\"", "42.0", "\" 42 \""})
  void shouldAcceptTheEventIdAsNumericStringOrWholeFloat(String id) {
    harness.misp.onRestSearch("event-search-by-id.json").onAddAttribute("attribute-created.json");

    harness.run("misp_create_attribute", INPUTS.replace(":42,", ":" + id + ","));

    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("eventid").asLong()).isEqualTo(42);
  }

  @Test
  void shouldSendTheTypeAsMispSpellsIt() {
    harness.misp.onRestSearch("event-search-by-id.json").onAddAttribute("attribute-created.json");

    harness.run("misp_create_attribute", INPUTS.replace("ip-dst", "IP-DST"));

    harness.misp.takeRequest();
    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("type").asText()).isEqualTo("ip-dst");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"misp_event_id\":\"abc\",\"misp_attribute_type\":\"ip-dst\",\"misp_attribute_value\":\"v\"}"
          + "|misp_event_id must be an integer, got \"abc\"",
      "{\"misp_event_id\":4.5,\"misp_attribute_type\":\"ip-dst\",\"misp_attribute_value\":\"v\"}"
          + "|misp_event_id must be an integer, got 4.5",
      "{\"misp_event_id\":0,\"misp_attribute_type\":\"ip-dst\",\"misp_attribute_value\":\"v\"}"
          + "|misp_event_id must be a positive integer, got 0",
      "{\"misp_attribute_type\":\"ip-dst\",\"misp_attribute_value\":\"v\"}"
          + "|misp_event_id is required but was not set",
      "{\"misp_event_id\":42,\"misp_attribute_value\":\"v\"}|misp_attribute_type is required but was not set",
      "{\"misp_event_id\":42,\"misp_attribute_type\":\"ip-dst\"}|misp_attribute_value is required but was not set",
      "{\"misp_event_id\":42,\"misp_attribute_type\":\"ipdst\",\"misp_attribute_value\":\"v\"}"
          + "|misp_attribute_type \"ipdst\" is not a MISP attribute type (e.g. ip-dst, domain, url, md5, filename,"
          + " email-src)"})
  void shouldRejectBadInputsBeforeCallingMisp(String inputs, String message) {
    FunctionHarness.Run run = harness.run("misp_create_attribute", inputs);

    assertThat(run.error()).isEqualTo(message);
    assertThat(run.statuses()).isEmpty();
    assertThat(harness.misp.requestCount()).isZero();
  }
}
