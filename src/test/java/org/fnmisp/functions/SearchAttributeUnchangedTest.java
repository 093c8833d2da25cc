package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The narrowing and bounding inputs of {@code misp_search_attribute} are optional: a call without them must send the
 * request bytes and return the result bytes fn-misp sent and returned before they existed. The golden files were
 * recorded from the code before the change (commit a03c472).
 */
class SearchAttributeUnchangedTest {

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldSendTheSameRequestAndReturnTheSameBytesWithoutTheNewInputs() throws IOException {
    harness.misp.onRestSearch("search-events.json");

    FunctionHarness.Run run = harness.run("misp_search_attribute", "{\"misp_attribute_value\":\"8.8.8.8\"}");

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getBody().utf8()).isEqualTo(golden("search-request.json"));
    assertThat(resultBytes(run)).isEqualTo(golden("search-result.json"));
  }

  @Test
  void shouldReturnTheSameBytesForNoMatchWithoutTheNewInputs() throws IOException {
    harness.misp.onRestSearch("search-empty.json");

    FunctionHarness.Run run = harness.run("misp_search_attribute", "{\"misp_attribute_value\":\"10.9.9.9\"}");

    assertThat(harness.misp.takeRequest().getBody().utf8()).isEqualTo(golden("search-request.json")
        .replace("8.8.8.8", "10.9.9.9"));
    assertThat(resultBytes(run)).isEqualTo(golden("search-empty-result.json"));
  }

  /** The reply as sent to SOAR, with the one varying figure (the execution time) set to 0. */
  private static String resultBytes(FunctionHarness.Run run) {
    assertThat(run.outcome().isCompleted()).isTrue();
    return new String(Json.writeBytes(run.outcome().results()), StandardCharsets.UTF_8)
        .replaceFirst("\"execution_time_ms\":\\d+", "\"execution_time_ms\":0");
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = SearchAttributeUnchangedTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
