package org.fnmisp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.FnMispKeys;
import org.fnmisp.config.ResilientKeys;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.selftest.BrokerCheck;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.server.SoarDiscovery;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fn-misp selftest}: checks, as resilient-circuits' selftest does, the SOAR REST login and the functions'
 * destination, the STOMP login and subscription, and MISP (reachable, TLS as configured, key accepted, version). It
 * checks what is configured: without {@code [resilient] host} the SOAR checks are skipped with a line saying so, without
 * {@code [fn_misp] misp_url} the MISP check; {@code --misp-only} and {@code --soar-only} choose. One line per check on
 * stdout; the exit code is that of the first failure (78 config, 20-24 REST, 30-32 STOMP, 1 MISP), 0 when all pass.
 */
@Command(name = "selftest", description = "Check what app.config configures: the SOAR REST login and the STOMP "
    + "subscription ([resilient]), MISP ([fn_misp]); one line each; exit 0 when all pass, else the code of the first "
    + "failure (78 config, 20-24 REST, 30-32 STOMP, 1 MISP).")
public final class SelftestCommand extends ConfiguredCommand {

  private static final int LOGIN_ATTEMPTS = 3;

  @ArgGroup(exclusive = true)
  Only only;

  /** At most one of the two. */
  static final class Only {

    @Option(names = "--misp-only", description = "Check MISP only.")
    boolean misp;

    @Option(names = "--soar-only", description = "Check SOAR REST and STOMP only.")
    boolean soar;
  }

  @Override
  public Integer call() throws Exception {
    AppConfig config = loadConfig(List.of());
    boolean soarConfigured = config.raw(ResilientKeys.SECTION, ResilientKeys.HOST.name()).isPresent();
    boolean mispConfigured = config.raw(FnMispKeys.SECTION, FnMispKeys.MISP_URL.name()).isPresent();
    boolean soarWanted = only == null ? soarConfigured : only.soar;
    boolean mispWanted = only == null ? mispConfigured : only.misp;
    if (!soarWanted && !mispWanted) {
      throw new ConfigException("nothing to check: " + config.source() + " sets neither [resilient] host (SOAR) nor "
          + "[fn_misp] misp_url (MISP)");
    }
    int code = ExitCodes.OK;
    if (soarWanted) {
      code = checkSoar(config);
    } else if (only == null) {
      report("SOAR", null, "skipped: [resilient] host is not set in " + config.source() + ", so SOAR REST and STOMP "
          + "were not checked");
    }
    if (mispWanted) {
      code = first(code, checkMisp(config));
    } else if (only == null) {
      report("MISP", null, "skipped: [fn_misp] misp_url is not set in " + config.source());
    }
    return code;
  }

  private int checkSoar(AppConfig config) throws InterruptedException {
    try {
      config.check(ConfigCatalogue.SOAR_SECTIONS);
    } catch (ConfigException e) {
      report("SOAR REST", false, e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    }
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
      return code;
    }
    BrokerCheck.Result broker = BrokerCheck.check(ConfiguredSettings.stomp(config), queues,
        config.get(ResilientKeys.SELFTEST_TIMEOUT));
    report("STOMP", broker.outcome() == BrokerCheck.Outcome.OK, broker.message());
    return first(code, ExitCodes.of(broker.outcome()));
  }

  private int checkMisp(AppConfig config) {
    MispSettings settings;
    try {
      config.check(ConfigCatalogue.MISP_SECTIONS);
      settings = ConfiguredSettings.misp(config, context().environment());
    } catch (ConfigException e) {
      report("MISP", false, e.getMessage());
      return ExitCodes.CONFIG_ERROR;
    }
    String tls = settings.url().isHttps() ? "TLS verified with " + settings.trust().description() : "plain HTTP";
    if (settings.url().isHttps() && !settings.trust().isVerifying()) {
      tls = "TLS without certificate verification";
    }
    try (MispClient misp = new MispClient(settings)) {
      JsonNode version = misp.serverVersion();
      report("MISP", true, "MISP " + version.path("version").asText("(version unknown)") + " at "
          + settings.displayUrl() + " accepted the configured key (" + tls + ")");
      return ExitCodes.OK;
    } catch (MispException e) {
      report("MISP", false, e.getMessage());
      return ExitCodes.APP_FAILURE;
    }
  }

  /** One line: the check, OK / FAIL / SKIP, the details. */
  private void report(String check, Boolean passed, String message) {
    out().printf("%-10s %-4s %s%n", check, passed == null ? "SKIP" : passed ? "OK" : "FAIL", message);
    out().flush();
  }

  private static int first(int code, int next) {
    return code != ExitCodes.OK ? code : next;
  }
}
