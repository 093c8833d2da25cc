package org.fnmisp.cli;

import java.io.PrintWriter;
import org.fnmisp.Loggers;
import org.fnmisp.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where an exception becomes an exit code and a one-line {@code Error: <message>} on stderr. The stack
 * trace follows only with {@code --stacktrace} or when logging is at DEBUG. Commands signal specific codes with
 * {@link ExitException}; new exception types that deserve their own code are mapped in {@link #exitCode}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println("Error: " + message(exception));
    if (stacktraceWanted(parseResult)) {
      exception.printStackTrace(err);
    }
    return exitCode(exception);
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String message = exception.getMessage();
    err.println(message.startsWith("Error: ") ? message : "Error: " + message);
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
    return ExitCodes.USAGE;
  }

  /** The exit code for an exception, judged by the first exception in its cause chain that has a meaning. */
  static int exitCode(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExitException exit) {
        return exit.exitCode();
      }
      if (cause instanceof ConfigException) {
        return ExitCodes.CONFIG_ERROR;
      }
    }
    return ExitCodes.APP_FAILURE;
  }

  private static String message(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ExitException || cause instanceof ConfigException) {
        return cause.getMessage();
      }
    }
    String message = exception.getMessage();
    return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
  }

  private static boolean stacktraceWanted(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--stacktrace")) {
        return true;
      }
    }
    return Loggers.FN_MISP.isDebugEnabled();
  }
}
