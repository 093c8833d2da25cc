package org.fnmisp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Product identity: the package name SOAR sees in result metrics and the version built into the jar. */
public final class FnMisp {

  /** The distribution name fn_misp reports in {@code metrics.package}; workflows and dashboards match on it. */
  public static final String PACKAGE = "fn-misp";

  /** The message destination of the functions, as in the original app's customizations. */
  public static final String MESSAGE_DESTINATION = "fn_misp";

  private static final String VERSION = loadVersion();

  private FnMisp() {}

  /** The queue SOAR sends the calls of a message destination to: {@code actions.<org id>.<destination>}. */
  public static String queue(long orgId, String destination) {
    return "actions." + orgId + "." + destination;
  }

  public static String version() {
    return VERSION;
  }

  private static String loadVersion() {
    try (InputStream in = FnMisp.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the fn-misp version resource", e);
    }
  }
}
