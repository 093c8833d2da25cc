package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --broker}, {@code --org-id} and {@code --destination}, which `run --local` and `invoke` share. */
class BrokerOptionsTest {

  @TempDir
  Path dir;

  @Test
  void shouldExit2NamingTheBrokerOfInvokeThatIsNotAStompUrl() {
    CliRun invoke = new CliRun(Map.of(), dir, dir);

    int code = invoke.execute("invoke", "--broker", "http://127.0.0.1:61613", "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(invoke.err.toString()).contains("--broker http://127.0.0.1:61613: expected stomp://HOST:PORT");
  }

  @Test
  void shouldRefuseTheBrokerOfRunWithoutLocal() {
    CliRun run = new CliRun(Map.of(), dir, dir);

    int code = run.execute("run", "--broker", "stomp://127.0.0.1:61613", "--org-id", "7", "--destination", "other");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err.toString()).contains("--broker works only with --local");
  }

  @Test
  void shouldNameTheQueueFromTheOrgIdAndTheDestination() {
    BrokerOptions options = new BrokerOptions();
    options.orgId = 7;
    options.destination = "other";

    assertThat(options.queue()).isEqualTo("actions.7.other");
  }
}
