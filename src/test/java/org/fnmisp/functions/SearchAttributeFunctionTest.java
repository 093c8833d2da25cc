package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchAttributeFunctionTest {

  private static final String INPUTS = "{\"misp_attribute_value\":\"8.8.8.8\"}";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldReturnTheMatchingEventsAndTheirTagNamesOnceEachInFirstSeenOrder() {
    harness.misp.onRestSearch("search-events.json");

    FunctionHarness.Run run = harness.run("misp_search_attribute", INPUTS);

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(FakeMisp.body(request).get("value").asText()).isEqualTo("8.8.8.8");
    ObjectNode expected = (ObjectNode) expectedPayload(true,
        FakeMisp.fixtureJson("search-events.json").get("response"), INPUTS);
    expected.set("tags", Json.parse("[\"tlp:amber\","
        + "\"misp-galaxy:mitre-attack-pattern=\\\"Phishing - T1566\\\"\",\"tlp:green\","
        + "\"misp-galaxy:mitre-attack-pattern=\\\"Application Layer Protocol - T1071\\\"\"]", "tags"));
    assertThat(run.payload()).isEqualTo(expected);
    assertThat(run.statuses()).containsExactly(
        "Setting up connection to MISP", "Searching for attribute - 8.8.8.8", "Attribute search complete.");
  }

  @Test
  void shouldReportNoMatchAsSuccessFalseWithAnEmptyList() {
    harness.misp.onRestSearch("search-empty.json");

    FunctionHarness.Run run = harness.run("misp_search_attribute", INPUTS);

    ObjectNode expected = (ObjectNode) expectedPayload(false, Json.array(), INPUTS);
    expected.set("tags", Json.array());
    assertThat(run.payload()).isEqualTo(expected);
  }

  @Test
  void shouldFailWhenMispRefusesTheSearch() {
    harness.misp.reply(405, "invalid-object-405.json");

    assertThat(harness.run("misp_search_attribute", INPUTS).error())
        .isEqualTo("Could not search MISP for the attribute value: MISP at " + harness.misp.host()
            + " answered HTTP 405: Invalid object.");
  }

  @Test
  void shouldRequireTheValue() {
    assertThat(harness.run("misp_search_attribute", "{\"misp_attribute_value\":null}").error())
        .isEqualTo("misp_attribute_value is required but was not set");
    assertThat(harness.misp.requestCount()).isZero();
  }
}
