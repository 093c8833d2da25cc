package org.fnmisp.handler;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node name reported in {@code metrics.host}, like Python's {@code platform.node()}, read once. */
public final class HostName {

  private static final String NAME = find();

  private HostName() {}

  public static String get() {
    return NAME;
  }

  private static String find() {
    // /proc avoids a DNS lookup, which can take seconds on a badly configured integration server.
    Path kernel = Path.of("/proc/sys/kernel/hostname");
    try {
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException ignored) {
      // fall through to the JDK's lookup
    }
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
