package org.fnmisp.cli;

import java.util.List;
import org.fnmisp.FnMisp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fn-misp invoke <function> name=value ...}: not built yet; it says so and fails. */
@Command(name = "invoke",
    description = "Run one function in-process against the configured MISP and print its result JSON.")
public final class InvokeCommand extends ConfiguredCommand {

  @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function name, e.g. misp_create_event.")
  String function;

  @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "The function inputs.")
  List<String> inputs = List.of();

  @Override
  public Integer call() {
    throw new ExitException(ExitCodes.APP_FAILURE,
        "the 'invoke' command is not built yet in fn-misp " + FnMisp.version());
  }
}
