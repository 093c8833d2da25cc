package org.fnmisp.cli;

import org.fnmisp.FnMisp;
import picocli.CommandLine.Command;

/** {@code fn-misp customize}: not built yet; it says so and fails. */
@Command(name = "customize", description = "Import the fn-misp functions, message destination and examples into SOAR.")
public final class CustomizeCommand extends ConfiguredCommand {

  @Override
  public Integer call() {
    throw new ExitException(ExitCodes.APP_FAILURE,
        "the 'customize' command is not built yet in fn-misp " + FnMisp.version());
  }
}
