package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The optional narrowing and bounding inputs of {@code misp_search_attribute}, and {@code [fn_misp] search_limit}. */
class SearchAttributeFiltersTest {

  private static final String FUNCTION = "misp_search_attribute";

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldSendEveryFilterAsMispNamesItBetweenTheValueAndTheFlagsAndTheBoundsLast() {
    harness.misp.onRestSearch("search-events.json");

    harness.run(FUNCTION, """
        {"misp_attribute_value":"8.8.8.8","misp_attribute_type":"IP-DST","misp_category":"network ACTIVITY",
         "misp_tags":"tlp:amber, !misp-galaxy:threat-actor=\\"APT 28, Fancy Bear\\"","misp_published_since":"30d",
         "misp_to_ids":true,"misp_search_limit":10,"misp_search_page":"2"}""");

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getBody().utf8()).isEqualTo("{\"returnFormat\":\"json\",\"value\":\"8.8.8.8\","
        + "\"type\":\"ip-dst\",\"category\":\"Network activity\","
        + "\"tags\":[\"tlp:amber\",\"!misp-galaxy:threat-actor=\\\"APT 28, Fancy Bear\\\"\"],\"last\":\"30d\","
        + "\"to_ids\":1,\"withAttachments\":0,\"metadata\":0,\"enforceWarninglist\":0,\"includeEventUuid\":0,"
        + "\"includeEventTags\":0,\"sgReferenceOnly\":0,\"includeContext\":0,\"headerless\":0,\"includeSightings\":0,"
        + "\"includeDecayScore\":0,\"includeCorrelations\":0,\"excludeDecayed\":0,\"limit\":10,\"page\":2}");
  }

  @Test
  void shouldTakeTagsAsAJsonListAndToIdsFalseAsZero() {
    harness.misp.onRestSearch("search-empty.json");

    harness.run(FUNCTION, "{\"misp_attribute_value\":\"x\",\"misp_tags\":[\"a\",\"!b\"],\"misp_to_ids\":\"false\"}");

    JsonNode body = FakeMisp.body(harness.misp.takeRequest());
    assertThat(body.get("tags")).isEqualTo(Json.parse("[\"a\",\"!b\"]", "tags"));
    assertThat(body.get("to_ids").asInt()).isZero();
    assertThat(body.has("limit")).isFalse();
  }

  @Test
  void shouldSayTruncatedWhenThePageIsFull() {
    harness.misp.onRestSearch("search-events.json");

    JsonNode payload = harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\",\"misp_search_limit\":2}")
        .payload();

    assertThat(payload.get("truncated").asBoolean()).isTrue();
    assertThat(payload.get("content")).hasSize(2);
    assertThat(payload.get("success").asBoolean()).isTrue();
  }

  @Test
  void shouldNotSayTruncatedWhenThePageIsNotFull() {
    harness.misp.onRestSearch("search-events.json");

    JsonNode payload = harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\",\"misp_search_limit\":3}")
        .payload();

    assertThat(payload.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void shouldCapEveryCallAtTheConfiguredLimit() {
    FunctionSettings defaults = FunctionSettings.defaults();
    harness.with(new FunctionSettings(2, defaults.enrichLimit(), defaults.rules()));
    harness.misp.onRestSearch("search-events.json").onRestSearch("search-events.json")
        .onRestSearch("search-events.json");

    JsonNode unbounded = harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\"}").payload();
    harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\",\"misp_search_limit\":500}");
    harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\",\"misp_search_limit\":1}");

    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("limit").asInt()).isEqualTo(2);
    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("limit").asInt()).isEqualTo(2);
    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("limit").asInt()).isEqualTo(1);
    assertThat(unbounded.get("truncated").asBoolean()).isTrue();
  }

  @Test
  void shouldRefuseBadFiltersBeforeAnyRequest() {
    assertThat(error("\"misp_category\":\"Network\"")).isEqualTo("misp_category \"Network\" is not a MISP category"
        + " (one of Internal reference, Targeting data, Antivirus detection, Payload delivery, Artifacts dropped,"
        + " Payload installation, Persistence mechanism, Network activity, Payload type, Attribution, External"
        + " analysis, Financial fraud, Support Tool, Social network, Person, Other)");
    assertThat(error("\"misp_attribute_type\":\"ipv4\"")).startsWith("misp_attribute_type \"ipv4\" is not a MISP"
        + " attribute type");
    assertThat(error("\"misp_published_since\":\"30\"")).isEqualTo("misp_published_since must be a number and d, h,"
        + " m or s (e.g. 30d, 12h), got \"30\"");
    assertThat(error("\"misp_published_since\":\"a month\"")).contains("got \"a month\"");
    assertThat(error("\"misp_to_ids\":\"maybe\"")).isEqualTo("misp_to_ids must be true or false, got \"maybe\"");
    assertThat(error("\"misp_search_limit\":0")).isEqualTo("misp_search_limit must be between 1 and 1000000, got 0");
    assertThat(error("\"misp_search_page\":2")).isEqualTo("misp_search_page needs misp_search_limit (or [fn_misp]"
        + " search_limit), got page 2 without a limit");
    assertThat(error("\"misp_tags\":{\"a\":1}")).isEqualTo("misp_tags must be text, got {\"a\":1}");
    assertThat(harness.misp.requestCount()).isZero();
  }

  private String error(String input) {
    return harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\"," + input + "}").error();
  }
}
