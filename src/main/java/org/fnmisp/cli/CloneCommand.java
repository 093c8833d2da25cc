package org.fnmisp.cli;

import java.util.Locale;
import org.fnmisp.config.AppConfig;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.soar.Configurations;
import org.fnmisp.soar.ObjectCopy;
import org.fnmisp.soar.OrgExport;
import org.fnmisp.soar.PendingImport;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fn-misp clone --playbook|--workflow SOURCE NEW_NAME}, as {@code resilient-sdk clone}: exports the org's
 * configuration, copies the object under the new name with fresh uuids, and imports the copy. The example playbooks
 * are meant to be copied this way before they are changed, so that a later {@code customize} does not overwrite the
 * changes.
 */
@Command(name = "clone", description = "Copy a playbook (or a workflow) of the SOAR org under a new name, with "
    + "fresh uuids, e.g. an fn-misp example before you change it.")
public final class CloneCommand extends ConfiguredCommand {

  private static final int LOGIN_ATTEMPTS = 3;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Parameters(index = "0", paramLabel = "NEW_NAME",
      description = "The programmatic name of the copy: letters, digits and underscores.")
  String newName;

  @Option(names = "--display-name", paramLabel = "TEXT", description = "The name the copy shows (default NEW_NAME).")
  String displayName;

  /** Exactly one of a playbook and a workflow. */
  static final class Source {

    @Option(names = "--playbook", required = true, paramLabel = "SOURCE",
        description = "The playbook to copy: its programmatic or its display name.")
    String playbook;

    @Option(names = "--workflow", required = true, paramLabel = "SOURCE",
        description = "The workflow to copy: its programmatic or its display name.")
    String workflow;
  }

  @Override
  public Integer call() {
    if (!newName.matches("[A-Za-z0-9_]+")) {
      throw new ExitException(ExitCodes.USAGE, "NEW_NAME '" + newName + "': a programmatic name holds only letters, "
          + "digits and underscores");
    }
    ObjectCopy.Kind kind = source.playbook != null ? ObjectCopy.Kind.PLAYBOOK : ObjectCopy.Kind.WORKFLOW;
    String original = source.playbook != null ? source.playbook : source.workflow;
    String display = displayName == null || displayName.isBlank() ? newName : displayName;
    AppConfig config = loadConfig();
    try (SoarClient soar = SoarClient.connect(ConfiguredSettings.soar(config, LOGIN_ATTEMPTS))) {
      Configurations configurations = new Configurations(soar);
      OrgExport org = configurations.export(kind == ObjectCopy.Kind.PLAYBOOK);
      OrgExport copy;
      try {
        copy = ObjectCopy.copy(org, kind, original, newName, display);
      } catch (IllegalArgumentException e) {
        throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
      }
      PendingImport pending = configurations.submit(copy);
      pending.messages().forEach(message -> out().println("SOAR " + message));
      configurations.accept(pending);
      out().println("Copied the " + kind.name().toLowerCase(Locale.ROOT) + " '" + original + "' to '"
          + newName + "' (" + display + ") in the SOAR org '" + soar.org().name() + "'.");
      return ExitCodes.OK;
    } catch (SoarException e) {
      throw new ExitException(ExitCodes.of(e.kind()), e.getMessage(), e);
    }
  }
}
