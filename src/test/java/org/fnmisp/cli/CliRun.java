package org.fnmisp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fnmisp.logging.LogSettings;
import org.fnmisp.server.StopSignal;
import picocli.CommandLine;

/** Runs the command line with captured output, a given environment and a recorded logging set-up. */
final class CliRun {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final List<LogSettings> logSettings = new ArrayList<>();
  final StopSignal stopSignal = StopSignal.manual();
  private final CliContext context;

  CliRun(Map<String, String> environment, Path workingDirectory, Path home) {
    this.context = new CliContext(environment, workingDirectory, home, logSettings::add, stopSignal);
  }

  int execute(String... args) {
    return FnMispCli.execute(args, new PrintWriter(out), new PrintWriter(err), context);
  }

  /** Runs with an extra subcommand, for testing what commands share. */
  int executeWith(Object subcommand, String... args) {
    PrintWriter outWriter = new PrintWriter(out);
    PrintWriter errWriter = new PrintWriter(err);
    // Writers set on a command line reach only the subcommands it has at the time, so set them again.
    CommandLine commandLine = FnMispCli.commandLine(context, outWriter, errWriter)
        .addSubcommand(subcommand)
        .setOut(outWriter)
        .setErr(errWriter);
    int code = commandLine.execute(args);
    outWriter.flush();
    errWriter.flush();
    return code;
  }
}
