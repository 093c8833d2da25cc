package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `selftest` with only [fn_misp] configured: MISP is checked, SOAR is skipped with a line that says why. */
class SelftestMispOnlyTest {

  @TempDir
  Path dir;

  private final List<RecordedRequest> requests = FakeServers.recorder();
  private MockWebServer misp;

  @BeforeEach
  void start() throws Exception {
    misp = FakeServers.misp(requests);
  }

  @AfterEach
  void stop() {
    misp.close();
  }

  @Test
  void shouldCheckMispAndSaySoarWasSkippedWhenResilientIsNotSet() throws Exception {
    Path config = FakeServers.writeConfig(dir, """
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(misp.url("/"), FakeServers.MISP_KEY));
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file", config.toString());

    assertThat(code).as(cli.out + "" + cli.err).isZero();
    assertThat(cli.out.toString().lines()).satisfiesExactly(
        line -> assertThat(line).isEqualTo("SOAR       SKIP skipped: [resilient] host is not set in " + config
            + ", so SOAR REST and STOMP were not checked"),
        line -> assertThat(line).isEqualTo("MISP       OK   MISP 2.5.1 at " + misp.url("/")
            + " accepted the configured key (plain HTTP)"));
    assertThat(requests).extracting(request -> request.getHeaders().get("Authorization"))
        .containsExactly(FakeServers.MISP_KEY);
  }

  @Test
  void shouldReportAPlaceholderKeyAsAConfigFailureOfTheMispCheck() throws Exception {
    Path config = FakeServers.writeConfig(dir, """
        [fn_misp]
        misp_url = %s
        misp_key = <your key>
        """.formatted(misp.url("/")));
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file", config.toString());

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.out.toString()).contains("MISP       FAIL [fn_misp] misp_key = [hidden]: still the template "
        + "placeholder <your key>");
    assertThat(requests).isEmpty();
  }

  @Test
  void shouldSayThereIsNothingToCheckWhenNeitherIsSet() throws Exception {
    Path config = FakeServers.writeConfig(dir, "[resilient]\nloglevel = INFO\n");
    CliRun cli = new CliRun(Map.of(), dir, dir);

    int code = cli.execute("selftest", "--config-file", config.toString());

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(cli.err.toString()).startsWith("Error: nothing to check: " + config
        + " sets neither [resilient] host (SOAR) nor [fn_misp] misp_url (MISP)");
  }
}
