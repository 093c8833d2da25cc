package org.fnmisp.cli;

import org.fnmisp.FnMisp;
import picocli.CommandLine.Command;

/** {@code fn-misp run}: not built yet; it says so and fails. */
@Command(name = "run",
    description = "Run the function server: receive function calls from SOAR and reply with MISP results.")
public final class RunCommand extends ConfiguredCommand {

  @Override
  public Integer call() {
    throw new ExitException(ExitCodes.APP_FAILURE,
        "the 'run' command is not built yet in fn-misp " + FnMisp.version());
  }
}
