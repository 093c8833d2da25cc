package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fnmisp.functions.FunctionHarness.errors;
import static org.fnmisp.functions.FunctionHarness.expectedPayload;

import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateSightingFunctionTest {

  private static final String INPUTS = "{\"misp_sighting\":\"8.8.8.8\"}";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldAddTheSightingByValueWithTheSoarSource() {
    harness.misp.onAddSighting("sighting-added.json");

    FunctionHarness.Run run = harness.run("misp_create_sighting", INPUTS);

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/sightings/add");
    assertThat(FakeMisp.body(request))
        .isEqualTo(Json.parse("{\"value\":\"8.8.8.8\",\"source\":\"IBM QRadar SOAR\"}", "expected"));
    assertThat(run.payload()).isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("sighting-added.json"), INPUTS));
    assertThat(run.statuses()).containsExactly(
        "Setting up connection to MISP", "Marking 8.8.8.8 as sighted", "Sighting has been created");
  }

  @Test
  void shouldKeepMispsHttp200RefusalAsContentLikeTheOriginal() {
    harness.misp.onAddSighting("sighting-no-match-200.json");

    FunctionHarness.Run run = harness.run("misp_create_sighting", INPUTS);

    assertThat(run.payload())
        .isEqualTo(expectedPayload(true, FakeMisp.fixtureJson("sighting-no-match-200.json"), INPUTS));
    assertThat(run.statuses()).last()
        .isEqualTo("Could not add the Sighting. Reason: No valid attributes found that match the criteria.");
  }

  @Test
  void shouldReportOlderMispsSightingAddedMessageAsCreated() {
    String added = "{\"message\":\"Sighting added\"}";
    harness.misp.replyRaw(200, added);

    FunctionHarness.Run run = harness.run("misp_create_sighting", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, Json.parse(added, "reply"), INPUTS));
    assertThat(run.statuses()).last().isEqualTo("Sighting has been created");
  }

  @Test
  void shouldReportSightingsOnSeveralAttributesAsCreated() {
    String saved = "{\"saved\":true,\"success\":true,\"name\":\"3 sightings successfully added.\","
        + "\"message\":\"3 sightings successfully added.\",\"url\":\"/sightings/add\"}";
    harness.misp.replyRaw(200, saved);

    FunctionHarness.Run run = harness.run("misp_create_sighting", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, Json.parse(saved, "reply"), INPUTS));
    assertThat(run.statuses()).last().isEqualTo("Sighting has been created");
  }

  @Test
  void shouldReturnA4xxAsErrorsContent() {
    harness.misp.reply(405, "invalid-object-405.json");

    FunctionHarness.Run run = harness.run("misp_create_sighting", INPUTS);

    assertThat(run.payload()).isEqualTo(expectedPayload(true, errors(405, "invalid-object-405.json"), INPUTS));
  }

  @Test
  void shouldRequireTheValue() {
    assertThat(harness.run("misp_create_sighting", "{}").error())
        .isEqualTo("misp_sighting is required but was not set");
    assertThat(harness.misp.requestCount()).isZero();
  }
}
