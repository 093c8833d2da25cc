package org.fnmisp.cli;

import org.fnmisp.FnMisp;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command {@code fn-misp}; its options and help/version flags are inherited by every subcommand. */
@Command(name = "fn-misp", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = FnMispCommand.Version.class, sortOptions = false, usageHelpAutoWidth = true,
    description = "IBM QRadar SOAR function server for MISP, a drop-in replacement for the fn_misp app.",
    subcommands = {DemoCommand.class, RunCommand.class, ConfigCommand.class, CustomizeCommand.class,
        CloneCommand.class, SelftestCommand.class, InvokeCommand.class})
public final class FnMispCommand extends BaseCommand {

  private final CliContext context;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error (also printed at log level DEBUG).")
  boolean stacktrace;

  public FnMispCommand(CliContext context) {
    this.context = context;
  }

  CliContext cliContext() {
    return context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }

  /** {@code --version}: the version built into the jar. */
  static final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
      return new String[] {FnMisp.PACKAGE + " " + FnMisp.version()};
    }
  }
}
