package org.fnmisp.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The jar's entry point. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(System.out, true, charset);
    PrintWriter err = new PrintWriter(System.err, true, charset);
    System.exit(FnMispCli.execute(args, out, err, CliContext.system()));
  }
}
