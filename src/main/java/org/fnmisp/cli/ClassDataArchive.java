package org.fnmisp.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data archive of a relaunched {@code run}, kept as bin/fn-misp keeps its own: the first run of a jar writes
 * the list of classes it loads; the next start builds a static archive from that list ({@code -Xshare:dump}, a few
 * seconds, once per jar) and maps it, as every later start does. A static archive rather than the JVM's dynamic one
 * ({@code -XX:ArchiveClassesAtExit}): a dynamic archive of JDK 17 leaves out picocli, whose classes are compiled for
 * Java 5, and must be rewritten at each start; a start took 0.15 to 0.2 s less to its first reply
 * (doc/performance.md). One archive per jar (its size and time), beside the launcher's under another name.
 */
final class ClassDataArchive {

  private static final String PREFIX = "java-jar-";
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  private static final long BUILD_LIMIT_SECONDS = 300;

  private final Path archive;
  private final Path classList;

  private ClassDataArchive(Path folder, String stamp) {
    this.archive = folder.resolve(stamp + ".jsa");
    this.classList = folder.resolve(stamp + ".classlist");
  }

  /**
   * The JVM flags of this start: map the archive; or build it first from the list an earlier run wrote; or write the
   * list. None when the folder is not usable, when the list is still being written, or when a build failed (the list
   * is then removed, so that the next run writes it again).
   *
   * @param java the {@code java} command; {@code flags} and {@code classPath} are those of the start
   */
  static List<String> flags(Path folder, Path jar, String java, List<String> flags, String classPath) {
    if (folder == null || jar == null || !Files.isRegularFile(jar)) {
      return List.of();
    }
    try {
      Files.createDirectories(folder);
      if (!Files.isWritable(folder)) {
        return List.of();
      }
      ClassDataArchive files =
          new ClassDataArchive(folder, PREFIX + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
      return files.flags(java, flags, classPath);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private List<String> flags(String java, List<String> flags, String classPath) throws IOException {
    if (!Files.isRegularFile(archive) && Files.isRegularFile(classList) && Files.size(classList) > 0) {
      build(java, flags, classPath);
    }
    List<String> result = new ArrayList<>();
    if (Files.isRegularFile(archive)) {
      result.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
    } else if (!Files.exists(classList)) {
      removeOtherJars();
      result.add("-XX:DumpLoadedClassList=" + classList);
    } else {
      return List.of();
    }
    result.addAll(QUIET);
    return result;
  }

  /** Builds the archive under a name of its own and then moves it in place, so a start never maps half a file. */
  private void build(String java, List<String> flags, String classPath) throws IOException {
    Path building = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(flags);
    command.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList,
        "-XX:SharedArchiveFile=" + building));
    command.addAll(QUIET);
    command.addAll(List.of("-cp", classPath));
    System.err.println("fn-misp: building the class-data archive of this jar, once: " + archive);
    Process dump;
    try {
      dump = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      Files.deleteIfExists(classList);
      return;
    }
    try {
      boolean built = dump.waitFor(BUILD_LIMIT_SECONDS, TimeUnit.SECONDS) && dump.exitValue() == 0
          && Files.isRegularFile(building);
      if (built) {
        Files.move(building, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      dump.destroyForcibly();
      Files.deleteIfExists(building);
    }
    Files.deleteIfExists(classList);
  }

  private void removeOtherJars() throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(archive.getParent(), PREFIX + "*")) {
      for (Path stale : old) {
        Files.deleteIfExists(stale);
      }
    }
  }
}
