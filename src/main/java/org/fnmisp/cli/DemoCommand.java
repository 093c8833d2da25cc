package org.fnmisp.cli;

import org.fnmisp.demo.Demo;
import org.fnmisp.logging.LogSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fn-misp demo}: tries the whole path with nothing configured (see {@link Demo}). It reads no app.config and
 * writes no file; it logs only warnings (to stderr) unless {@code --loglevel} asks for more.
 */
@Command(name = "demo", description = "Try fn-misp with nothing to set up: a MISP stand-in, the local broker and the "
    + "server of `run --local` start in this process; each function is called once the way SOAR calls it, and its "
    + "status messages and result are printed. Exit 0 when every function succeeded.")
public final class DemoCommand extends BaseCommand {

  @Mixin
  LogLevelOption logLevel;

  @Override
  public Integer call() throws Exception {
    context().logging().accept(new LogSettings(logLevel.level() == null ? "WARNING" : logLevel.level(), null, 0, 0));
    return Demo.run(out()) ? ExitCodes.OK : ExitCodes.APP_FAILURE;
  }
}
