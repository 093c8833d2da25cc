package org.fnmisp.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fnmisp.Loggers;
import org.fnmisp.config.AppConfig;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.soar.Configurations;
import org.fnmisp.soar.MessageDestinations;
import org.fnmisp.soar.OrgExport;
import org.fnmisp.soar.PendingImport;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import org.fnmisp.soar.SoarVersion;
import org.slf4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fn-misp customize [-y] [--dry-run]}, as {@code resilient-circuits customize}: imports the customizations
 * built into the jar ({@code customize/export.res}) into the SOAR org of app.config, then lets the API key (or user)
 * read the {@code fn_misp} message destination, without which {@code run} cannot take calls.
 */
@Command(name = "customize", description = "Import fn-misp's customizations into SOAR (the message destination "
    + "fn_misp, the functions, the incident field misp_event_id and the example playbooks), then let the API key or "
    + "user of app.config read fn_misp. Asks before importing unless -y is given.")
public final class CustomizeCommand extends ConfiguredCommand {

  private static final Logger LOG = Loggers.SOAR;
  /** Like selftest: a command an operator waits for must not retry the login for ever. */
  private static final int LOGIN_ATTEMPTS = 3;

  @Option(names = {"-y", "--yes"}, description = "Import without asking for confirmation.")
  boolean yes;

  @Option(names = "--dry-run",
      description = "List what would be imported, one line per object; send nothing to SOAR but the login.")
  boolean dryRun;

  private final Prompt prompt;

  public CustomizeCommand() {
    this(Prompt.system());
  }

  CustomizeCommand(Prompt prompt) {
    this.prompt = prompt;
  }

  @Override
  public Integer call() {
    if (!yes && !dryRun && !prompt.isInteractive()) {
      throw new ExitException(ExitCodes.USAGE, "customize asks before it imports, but no terminal is attached to "
          + "answer: run it with -y to import without asking (see what it imports with --dry-run)");
    }
    AppConfig config = loadConfig();
    OrgExport export = OrgExport.bundled().withoutTags();
    try (SoarClient soar = SoarClient.connect(ConfiguredSettings.soar(config, LOGIN_ATTEMPTS))) {
      String target = "the SOAR org '" + soar.org().name() + "' (id " + soar.org().id() + ") as "
          + soar.principalDescription();
      if (dryRun) {
        out().println("Would import into " + target + " (dry run: nothing was sent):");
        export.describe().forEach(line -> out().println("  " + line));
        return ExitCodes.OK;
      }
      checkVersion(soar, export);
      out().println("Importing into " + target + ":");
      export.describe().forEach(line -> out().println("  " + line));
      Configurations configurations = new Configurations(soar);
      PendingImport pending = configurations.submit(export);
      pending.messages().forEach(message -> out().println("SOAR " + message));
      out().flush();
      if (!yes && !confirmed()) {
        configurations.reject(pending);
        throw new ExitException(ExitCodes.APP_FAILURE, "Not imported: the import was rejected as you answered; "
            + "nothing in SOAR changed");
      }
      configurations.accept(pending);
      out().println("Imported " + export.summary() + ".");
      MessageDestinations destinations = new MessageDestinations(soar);
      for (String destination : export.messageDestinations()) {
        MessageDestinations.Grant grant = destinations.grantAccess(destination);
        out().println("The " + soar.principalDescription() + (grant == MessageDestinations.Grant.ADDED
            ? " may now read the message destination " : " could already read the message destination ")
            + destination + ".");
      }
      out().println("Next: fn-misp selftest, then fn-misp run");
      return ExitCodes.OK;
    } catch (SoarException e) {
      throw new ExitException(ExitCodes.of(e.kind()), e.getMessage(), e);
    }
  }

  /** The playbooks in the export need the SOAR release it was made for; an older one would half-import it. */
  private static void checkVersion(SoarClient soar, OrgExport export) {
    Optional<SoarVersion> required = export.serverVersion();
    Optional<String> reported = soar.serverVersion();
    Optional<SoarVersion> actual = reported.flatMap(SoarVersion::parse);
    if (required.isEmpty()) {
      return;
    }
    if (actual.isEmpty()) {
      LOG.warn("SOAR did not say its version (GET /rest/const{}); importing anyway. The customizations need SOAR {} "
          + "or newer", reported.map(v -> " answered " + v).orElse(" failed"), required.get());
      return;
    }
    if (actual.get().isOlderThan(required.get())) {
      throw new ExitException(ExitCodes.APP_FAILURE, "SOAR " + reported.get() + " is too old for fn-misp's "
          + "customizations: their example playbooks need SOAR " + required.get() + " or newer (as fn_misp 3.0.2 "
          + "does); upgrade SOAR, nothing was imported");
    }
  }

  private boolean confirmed() {
    String answer = prompt.ask("Accept this import? [y/N] ");
    return answer != null && Set.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
  }
}
