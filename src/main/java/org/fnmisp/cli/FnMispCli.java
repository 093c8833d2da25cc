package org.fnmisp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.fnmisp.logging.Logging;
import org.fnmisp.server.StopSignal;
import picocli.CommandLine;

/** Wires the command line: the commands, the writers and the one error handler. */
public final class FnMispCli {

  private FnMispCli() {}

  /** The command line with every command registered; tests may add their own subcommands. */
  public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    ErrorHandler errors = new ErrorHandler();
    return new CommandLine(new FnMispCommand(context))
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors);
  }

  /** Runs one command line and returns its exit code (see {@link ExitCodes}). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, CliContext context) {
    try {
      return commandLine(context, out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Like {@link #execute(String[], PrintWriter, PrintWriter, CliContext)} with the real Logback set-up. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
      Path workingDirectory, Path home) {
    return execute(args, out, err,
        new CliContext(environment, workingDirectory, home, Logging::configure, StopSignal.manual()));
  }
}
