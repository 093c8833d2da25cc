package org.fnmisp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sun.misc.Signal;

/**
 * Makes plain {@code java -jar fn-misp.jar run} as lean as {@code bin/fn-misp run}: a JVM started without a choice
 * of heap or collector starts {@code run} once more in a child JVM with the flags of {@code jvm.options} (the list
 * {@code bin/fn-misp} reads, shipped in the jar) and the launcher's class-data archive, and passes on signals, standard
 * input and output, and the exit code. With the JVM's own defaults, G1 and a quarter of the machine's memory as heap
 * let a burst of calls grow fn-misp to nearly 300 MB, and C2 and the absent class-data archive make it start slower
 * (doc/performance.md).
 *
 * <p>Not relaunched: other commands than {@code run}; a JVM given a heap or collector option (on its command line, in
 * {@code JAVA_TOOL_OPTIONS} or {@code JDK_JAVA_OPTIONS}: the operator chose, as bin/fn-misp and the App Host image
 * do); {@code FN_MISP_NO_REEXEC} set to a non-empty value; and the child itself (marked by {@link #MARKER}).
 */
final class LeanRelaunch {

  /** System property set on the child JVM to the parent's pid: it does not start another one, and watches it. */
  static final String MARKER = "fnmisp.relaunched";
  static final String OPT_OUT = "FN_MISP_NO_REEXEC";
  private static final String OPTIONS = "/org/fnmisp/jvm.options";
  /** Options by which an operator chose memory or collector: fn-misp then runs as started. */
  private static final List<String> CHOSEN = List.of("-Xmx", "-Xms", "-XX:MaxHeapSize", "-XX:MaxRAM",
      "-XX:InitialRAMPercentage", "-XX:+Use", "-XX:TieredStopAtLevel", "-XX:SharedArchiveFile",
      "-XX:ArchiveClassesAtExit");
  /** Launcher options that take the next argument as their value. */
  private static final Set<String> WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
      "--add-modules", "--add-opens", "--add-exports", "--add-reads", "--limit-modules", "--upgrade-module-path");

  private LeanRelaunch() {}

  /**
   * The child's command line, or empty when this JVM runs {@code run} itself.
   *
   * @param jvmArguments this JVM's own arguments before the jar or main class (from its command line)
   */
  static Optional<List<String>> command(String[] args, Map<String, String> environment, List<String> jvmArguments,
      String javaHome, String classPath, Path cacheDir, Path jar) {
    if (args.length == 0 || !args[0].equals("run") || System.getProperty(MARKER) != null
        || !environment.getOrDefault(OPT_OUT, "").isEmpty() || choseFlags(jvmArguments)
        || choseFlags(split(environment.get("JAVA_TOOL_OPTIONS"))) || choseFlags(split(environment.get(
            "JDK_JAVA_OPTIONS")))) {
      return Optional.empty();
    }
    List<String> options = jvmOptions();
    if (options.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(javaHome, "bin", "java").toString());
    command.addAll(options);
    command.addAll(jvmArguments); // after the list: the operator's -D and -XX win
    command.addAll(classDataArchive(cacheDir, jar));
    command.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    command.addAll(List.of("-cp", classPath, Main.class.getName()));
    command.addAll(List.of(args));
    return Optional.of(command);
  }

  /** The flags of jvm.options in the jar, without comments; empty when the jar has none. */
  static List<String> jvmOptions() {
    try (InputStream in = LeanRelaunch.class.getResourceAsStream(OPTIONS)) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * As bin/fn-misp: the first run records the classes it loaded when it exits, later starts map them. One archive per
   * jar (its size and time), kept beside the launcher's under another name; none when the folder is not writable.
   */
  private static List<String> classDataArchive(Path cacheDir, Path jar) {
    if (cacheDir == null || jar == null || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try {
      Files.createDirectories(cacheDir);
      if (!Files.isWritable(cacheDir)) {
        return List.of();
      }
      String stamp = "java-jar-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa";
      Path archive = cacheDir.resolve(stamp);
      List<String> quiet = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
      List<String> flags = new ArrayList<>();
      if (Files.isRegularFile(archive)) {
        flags.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
      } else {
        try (var old = Files.newDirectoryStream(cacheDir, "java-jar-*.jsa")) {
          for (Path stale : old) {
            Files.deleteIfExists(stale);
          }
        }
        flags.add("-XX:ArchiveClassesAtExit=" + archive);
      }
      flags.addAll(quiet);
      return flags;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Where the archive lives: FN_MISP_CDS_DIR (empty: none), else $XDG_CACHE_HOME/fn-misp or ~/.cache/fn-misp. */
  static Path cacheDir(Map<String, String> environment, String userHome) {
    String configured = environment.get("FN_MISP_CDS_DIR");
    if (configured != null) {
      return configured.isEmpty() ? null : Path.of(configured);
    }
    String cache = environment.get("XDG_CACHE_HOME");
    return cache != null && !cache.isEmpty() ? Path.of(cache, "fn-misp") : Path.of(userHome, ".cache", "fn-misp");
  }

  /** The JVM options on a {@code java} command line: what comes before {@code -jar} or the main class. */
  static List<String> jvmArguments(List<String> commandLineArguments) {
    List<String> options = new ArrayList<>();
    for (int i = 0; i < commandLineArguments.size(); i++) {
      String argument = commandLineArguments.get(i);
      if (argument.equals("-jar") || !argument.startsWith("-")) {
        break;
      }
      if (WITH_VALUE.contains(argument)) {
        i++;
      } else if (!argument.startsWith("--class-path=") && !argument.startsWith("--module-path=")) {
        options.add(argument);
      }
    }
    return options;
  }

  private static boolean choseFlags(List<String> options) {
    return options.stream().anyMatch(option -> CHOSEN.stream().anyMatch(option::startsWith));
  }

  private static List<String> split(String value) {
    return value == null || value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  /**
   * Runs the child to its end and returns its exit code. SIGTERM and SIGINT reach it as SIGTERM (it then stops as
   * on its own signal, finishing the calls in progress); a Ctrl-C in a terminal reaches both processes, and the child
   * takes the two as one (see {@code StopSignal}).
   */
  static int run(List<String> command) throws IOException, InterruptedException {
    Process child = new ProcessBuilder(command).inheritIO().start();
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), signal -> child.destroy());
      } catch (IllegalArgumentException e) {
        // not on this platform: the JVM's default applies
      }
    }
    return child.waitFor();
  }
}
