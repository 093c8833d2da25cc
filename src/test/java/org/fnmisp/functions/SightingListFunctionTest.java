package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.errors;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SightingListFunctionTest {

  private static final String INPUTS = "{\"misp_event_id\":\"42\"}";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldListTheSightingsOfTheEvent() {
    harness.misp.onListSightings("sightings-list.json");

    FunctionHarness.Run run = harness.run("misp_sighting_list", INPUTS);

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/sightings/listSightings");
    assertThat(FakeMisp.body(request)).isEqualTo(Json.parse("{\"context\":\"event\",\"id\":42}", "expected"));
    assertThat(run.payload()).isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("sightings-list.json"), INPUTS));
    assertThat(run.statuses()).containsExactly(
        "Setting up connection to MISP", "Getting sighted list", "Finished getting sighting list");
  }

  @Test
  void shouldReturnA4xxAsErrorsContent() {
    harness.misp.reply(405, "invalid-object-405.json");

    FunctionHarness.Run run = harness.run("misp_sighting_list", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, errors(405, "invalid-object-405.json"), INPUTS));
  }

  @Test
  void shouldRejectANonIntegerEventId() {
    assertThat(harness.run("misp_sighting_list", "{\"misp_event_id\":true}").error())
        .isEqualTo("misp_event_id must be an integer, got true");
    assertThat(harness.run("misp_sighting_list", "{}").error())
        .isEqualTo("misp_event_id is required but was not set");
    assertThat(harness.misp.requestCount()).isZero();
  }
}
