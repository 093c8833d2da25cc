package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreateTagFunctionTest {

  private static final String ON_EVENT =
      "{\"misp_tag_type\":\"Event\",\"misp_tag_name\":\"tlp:white\",\"misp_event_id\":42}";
  private static final String ON_ATTRIBUTE = "{\"misp_tag_type\":\"attribute\",\"misp_tag_name\":\"tlp:white\","
      + "\"misp_event_id\":42,\"misp_attribute_value\":\"8.8.8.8\"}";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldTagTheEventFoundById() {
    harness.misp.onRestSearch("event-search-by-id.json").onAttachTag("tag-attached.json");

    FunctionHarness.Run run = harness.run("misp_create_tag", ON_EVENT);

    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("eventid").asLong()).isEqualTo(42);
    RecordedRequest attach = harness.misp.takeRequest();
    assertThat(attach.getUrl().encodedPath()).isEqualTo("/tags/attachTagToObject");
    assertThat(FakeMisp.body(attach)).isEqualTo(Json.parse(
        "{\"uuid\":\"5758ebf5-c898-48e6-9fe9-5665c0a83866\",\"tag\":\"tlp:white\",\"local\":false}", "expected"));
    assertThat(run.payload()).isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("tag-attached.json"), ON_EVENT));
    assertThat(run.statuses()).containsExactly(
        "Setting up connection to MISP", "Tagging Event with tlp:white", "Tag has been created");
  }

  @Test
  void shouldTagTheLastAttributeOfTheEventWithExactlyThatValue() {
    harness.misp.onViewEvent("event-view.json").onAttachTag("tag-attached.json");

    FunctionHarness.Run run = harness.run("misp_create_tag", ON_ATTRIBUTE);

    RecordedRequest view = harness.misp.takeRequest();
    assertThat(view.getMethod()).isEqualTo("GET");
    assertThat(view.getUrl().encodedPath()).isEqualTo("/events/view/42");
    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("uuid").asText())
        .isEqualTo("4c0005cd-a596-4a9b-b04a-49f118ed5168");
    assertThat(run.statuses()).contains("Tagging Attribute with tlp:white");
  }

  @Test
  void shouldFailWhenNoAttributeHasTheValue() {
    harness.misp.onViewEvent("event-view.json");

    assertThat(harness.run("misp_create_tag", ON_ATTRIBUTE.replace("8.8.8.8", "9.9.9.9")).error())
        .isEqualTo("Could not tag the attribute: no attribute of MISP event 42 has the value \"9.9.9.9\"");
  }

  @Test
  void shouldFailWhenTheEventHasNoAttributes() {
    harness.misp.onViewEvent("event-view-no-attributes.json");

    assertThat(harness.run("misp_create_tag", ON_ATTRIBUTE).error())
        .isEqualTo("Could not tag the attribute: MISP event 42 has no attributes");
  }

  @Test
  void shouldFailWhenTheEventDoesNotExist() {
    harness.misp.reply(404, "event-not-found-404.json").onRestSearch("search-empty.json");

    assertThat(harness.run("misp_create_tag", ON_ATTRIBUTE).error())
        .isEqualTo("Could not tag MISP event 42: MISP event 42 not found");
    assertThat(harness.run("misp_create_tag", ON_EVENT).error())
        .isEqualTo("Could not tag MISP event 42: MISP event 42 not found");
  }

  @Test
  void shouldFailWithMispsReasonWhenTheTagIsRefused() {
    harness.misp.onRestSearch("event-search-by-id.json").reply(403, "tag-failed-403.json");

    assertThat(harness.run("misp_create_tag", ON_EVENT).error()).isEqualTo(
        "Could not attach the MISP tag \"tlp:white\": MISP at " + harness.misp.host() + " answered HTTP 403:"
            + " Could not attachTagToObject Tag Failed to attach 1 tags. Reasons:"
            + " {\"0\":\"Tag not found and insufficient privileges to create it.\"}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"misp_tag_type\":\"Object\",\"misp_tag_name\":\"t\",\"misp_event_id\":42}"
          + "|misp_tag_type must be Event or Attribute, got \"Object\"",
      "{\"misp_tag_name\":\"t\",\"misp_event_id\":42}|misp_tag_type is required but was not set",
      "{\"misp_tag_type\":\"Event\",\"misp_event_id\":42}|misp_tag_name is required but was not set",
      "{\"misp_tag_type\":\"Event\",\"misp_tag_name\":\"t\",\"misp_event_id\":\"x1\"}"
          + "|misp_event_id must be an integer, got \"x1\"",
      "{\"misp_tag_type\":\"Attribute\",\"misp_tag_name\":\"t\",\"misp_event_id\":42}"
          + "|misp_attribute_value is required but was not set"})
  void shouldRejectBadInputsBeforeCallingMisp(String inputs, String message) {
    FunctionHarness.Run run = harness.run("misp_create_tag", inputs);

    assertThat(run.error()).isEqualTo(message);
    assertThat(run.statuses()).isEmpty();
    assertThat(harness.misp.requestCount()).isZero();
  }
}
