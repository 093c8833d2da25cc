package org.fnmisp.cli;

import org.fnmisp.FnMisp;
import picocli.CommandLine.Command;

/** {@code fn-misp selftest}: not built yet; it says so and fails. */
@Command(name = "selftest", description = "Check the SOAR REST login, the STOMP subscription and MISP.")
public final class SelftestCommand extends ConfiguredCommand {

  @Override
  public Integer call() {
    throw new ExitException(ExitCodes.APP_FAILURE,
        "the 'selftest' command is not built yet in fn-misp " + FnMisp.version());
  }
}
