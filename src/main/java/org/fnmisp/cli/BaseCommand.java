package org.fnmisp.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every command: {@link #call()} returns one of {@link ExitCodes}, or throws and lets the one error
 * handler print {@code Error: <message>} and choose the exit code. Output goes to the command line's writers, never
 * to System.out, so tests capture it.
 */
public abstract class BaseCommand implements Callable<Integer> {

  @Spec
  protected CommandSpec spec;

  /** Command output (stdout): results, created files. */
  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Notes and errors for the operator (stderr). */
  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The environment, working directory and home the command runs in. */
  protected CliContext context() {
    return ((FnMispCommand) spec.root().userObject()).cliContext();
  }
}
