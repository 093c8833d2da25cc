package org.fnmisp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ResilientKeys;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.selftest.BrokerCheck;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.server.SoarDiscovery;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import picocli.CommandLine.Command;

/**
 * {@code fn-misp selftest}: checks, as resilient-circuits' selftest does, the SOAR REST login and the functions'
 * destination, the STOMP login and subscription, and MISP's answer to the configured key. One line per check on
 * stdout; the exit code is that of the first failure (20-24 REST, 30-32 STOMP, 1 MISP), 0 when all pass.
 */
@Command(name = "selftest", description = "Check the SOAR REST login, the STOMP subscription and MISP, one line "
    + "each; exit 0 when all pass, else the code of the first failure (20-24 REST, 30-32 STOMP, 1 MISP).")
public final class SelftestCommand extends ConfiguredCommand {

  private static final int LOGIN_ATTEMPTS = 3;

  @Override
  public Integer call() throws Exception {
    AppConfig config = loadConfig();
    Duration timeout = config.get(ResilientKeys.SELFTEST_TIMEOUT);
    int code = ExitCodes.OK;
    List<String> queues = null;
    try (SoarClient soar = SoarClient.connect(ConfiguredSettings.soar(config, LOGIN_ATTEMPTS))) {
      queues = SoarDiscovery.queues(soar, FnMispFunctions.NAMES);
      report("SOAR REST", true, "logged in as " + soar.principalDescription() + " to org '" + soar.org().name()
          + "' (id " + soar.org().id() + ")" + soar.serverVersion().map(v -> ", SOAR " + v).orElse("")
          + "; functions on " + queues);
    } catch (SoarException e) {
      code = ExitCodes.of(e.kind());
      report("SOAR REST", false, e.getMessage());
    }
    if (queues == null) {
      report("STOMP", false, "not checked: the queues come from SOAR REST");
    } else {
      BrokerCheck.Result broker = BrokerCheck.check(ConfiguredSettings.stomp(config), queues, timeout);
      report("STOMP", broker.outcome() == BrokerCheck.Outcome.OK, broker.message());
      code = first(code, ExitCodes.of(broker.outcome()));
    }
    try (MispClient misp = new MispClient(ConfiguredSettings.misp(config, context().environment()))) {
      JsonNode version = misp.serverVersion();
      report("MISP", true, "answered the configured key: MISP " + version.path("version").asText("(version unknown)"));
    } catch (MispException e) {
      report("MISP", false, e.getMessage());
      code = first(code, ExitCodes.APP_FAILURE);
    }
    return code;
  }

  private void report(String check, boolean passed, String message) {
    out().printf("%-10s %-4s %s%n", check, passed ? "OK" : "FAIL", message);
    out().flush();
  }

  private static int first(int code, int next) {
    return code != ExitCodes.OK ? code : next;
  }
}
