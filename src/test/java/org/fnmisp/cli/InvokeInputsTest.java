package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `invoke` types each value as SOAR types the input, and rejects inputs the function does not have. */
class InvokeInputsTest {

  @TempDir
  Path dir;

  private final List<RecordedRequest> requests = FakeServers.recorder();
  private MockWebServer misp;
  private Path config;

  @BeforeEach
  void start() throws Exception {
    misp = FakeServers.misp(requests);
    config = FakeServers.writeConfig(dir, "[fn_misp]\nmisp_url = " + misp.url("/") + "\nmisp_key = "
        + FakeServers.MISP_KEY + "\n");
  }

  @AfterEach
  void stop() {
    misp.close();
  }

  @Test
  void shouldSendATextInputThatLooksLikeANumberExactlyAsWritten() {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_search_attribute",
        "misp_attribute_value=0e462097431906509019562988736854");

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(Json.parse(requests.get(0).getBody().utf8(), "body").get("value").asText())
        .isEqualTo("0e462097431906509019562988736854");
    assertThat(Json.parse(cli.out.toString(), "out").at("/inputs/misp_attribute_value").isTextual()).isTrue();
  }

  @Test
  void shouldSendANumberInputAsANumber() {
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("invoke", "--config-file", config.toString(), "misp_sighting_list", "misp_event_id=42");

    assertThat(code).as(cli.err.toString()).isZero();
    assertThat(Json.parse(cli.out.toString(), "out").at("/inputs/misp_event_id").isInt()).isTrue();
  }

  @Test
  void shouldRejectAnUnknownInputOrFunctionWithASuggestion() {
    CliRun input = new CliRun(Map.of(), dir, dir);
    assertThat(input.execute("invoke", "--config-file", config.toString(), "misp_sighting_list", "misp_eventid=42"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(input.err.toString()).startsWith("Error: misp_sighting_list has no input \"misp_eventid\"; did you mean "
        + "misp_event_id? its inputs are misp_event_id");

    CliRun function = new CliRun(Map.of(), dir, dir);
    assertThat(function.execute("invoke", "--config-file", config.toString(), "misp_sighting_lists")).isEqualTo(
        ExitCodes.USAGE);
    assertThat(function.err.toString()).startsWith("Error: unknown function \"misp_sighting_lists\"; did you mean "
        + "misp_sighting_list?");
    assertThat(requests).isEmpty();
  }
}
