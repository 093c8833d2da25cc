package org.fnmisp.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jar's entry point. {@code run} in a JVM started without flags starts itself once more with the lean ones
 * ({@link LeanRelaunch}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    Optional<List<String>> lean = leanCommand(args);
    if (lean.isPresent()) {
      System.exit(LeanRelaunch.run(lean.get()));
    }
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, charset);
    PrintWriter err = new PrintWriter(System.err, true, charset);
    System.exit(FnMispCli.execute(args, out, err, CliContext.system()));
  }

  /** The command of a child JVM with the lean flags, when this one should start it (see {@link LeanRelaunch}). */
  private static Optional<List<String>> leanCommand(String[] args) {
    if (args.length == 0 || !args[0].equals("run") || System.getProperty(LeanRelaunch.MARKER) != null) {
      return Optional.empty(); // cheap checks first: every other command starts as before
    }
    Map<String, String> environment = System.getenv();
    List<String> jvmArguments = ProcessHandle.current().info().arguments()
        .map(arguments -> LeanRelaunch.jvmArguments(List.of(arguments))).orElse(null);
    if (jvmArguments == null) {
      return Optional.empty(); // cannot see this JVM's options: run as started rather than drop them
    }
    Path jar = null;
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      jar = Files.isRegularFile(location) ? location : null;
    } catch (URISyntaxException | RuntimeException e) {
      // no class-data archive then
    }
    return LeanRelaunch.command(args, environment, jvmArguments, System.getProperty("java.home"),
        System.getProperty("java.class.path"), LeanRelaunch.cacheDir(environment, System.getProperty("user.home")),
        jar);
  }
}
