package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.fnmisp.misp.FakeMisp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every function fails with one actionable message, naming the action and MISP host, when MISP itself fails. */
class MispFailuresAcrossFunctionsTest {

  static Stream<Arguments> functions() {
    return Stream.of(
        Arguments.of("misp_create_event", "{\"misp_event_name\":\"x\"}", "create the MISP event"),
        Arguments.of("misp_create_attribute",
            "{\"misp_event_id\":42,\"misp_attribute_type\":\"domain\",\"misp_attribute_value\":\"evil.example\"}",
            "look up MISP event 42"),
        Arguments.of("misp_create_sighting", "{\"misp_sighting\":\"8.8.8.8\"}", "add the MISP sighting"),
        Arguments.of("misp_search_attribute", "{\"misp_attribute_value\":\"8.8.8.8\"}",
            "search MISP for the attribute value"),
        Arguments.of("misp_sighting_list", "{\"misp_event_id\":42}", "list the sightings of MISP event 42"),
        Arguments.of("misp_create_tag", "{\"misp_tag_type\":\"Event\",\"misp_tag_name\":\"t\",\"misp_event_id\":42}",
            "look up MISP event 42"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldFailWithStatusAndMispMessageOnA5xx(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness()) {
      harness.misp.reply(500, "server-error-500.json");
      assertThat(harness.run(function, inputs).error()).isEqualTo("Could not " + action + ": MISP at "
          + harness.misp.host() + " answered HTTP 500: An Internal Error Has Occurred.");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldNameTheTimeoutSettingWhenMispDoesNotAnswer(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness(Duration.ofMillis(250))) {
      harness.misp.stall();
      assertThat(harness.run(function, inputs).error()).isEqualTo("Could not " + action + ": MISP at "
          + harness.misp.host() + " did not answer within 0.25 s (raise [fn_misp] timeout if MISP is slow)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldExplainARefusedConnection(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness()) {
      String host = harness.misp.host();
      harness.misp.close();
      assertThat(harness.run(function, inputs).error())
          .startsWith("Could not " + action + ": MISP at " + host + " refused the connection or cannot be reached")
          .endsWith("check that MISP is running and [fn_misp] misp_url)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldReportAnEmptyBody(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness()) {
      harness.misp.replyRaw(200, "");
      assertThat(harness.run(function, inputs).error()).isEqualTo("Could not " + action + ": MISP at "
          + harness.misp.host() + " answered HTTP 200 with an empty body");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldReportMalformedJson(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness()) {
      harness.misp.replyRaw(200, "{\"Event\": {\"id\": ");
      assertThat(harness.run(function, inputs).error()).isEqualTo("Could not " + action + ": MISP at "
          + harness.misp.host() + " answered HTTP 200 with a body that is not JSON: {\"Event\": {\"id\":");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void shouldFailNamingTheKeySettingWhenMispRejectsTheKey(String function, String inputs, String action) {
    try (FunctionHarness harness = new FunctionHarness()) {
      harness.misp.reply(403, "auth-failed-403.json");
      assertThat(harness.run(function, inputs).error())
          .startsWith("Could not " + action + ": MISP at " + harness.misp.host() + " rejected the API key (HTTP 403:")
          .endsWith("check [fn_misp] misp_key")
          .doesNotContain(FakeMisp.KEY);
    }
  }
}
