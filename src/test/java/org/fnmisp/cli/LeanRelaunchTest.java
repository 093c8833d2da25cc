package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeanRelaunchTest {

  private static final String[] RUN = {"run", "--config-file", "app.config"};

  @TempDir
  Path dir;

  @Test
  void shouldShipTheLaunchersJvmOptionsInTheJar() throws IOException {
    List<String> launcher = Files.readAllLines(Path.of("bin", "jvm.options")).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    assertThat(LeanRelaunch.jvmOptions()).isNotEmpty().isEqualTo(launcher);
  }

  @Test
  void shouldStartRunAgainWithTheFlagsThenTheOperatorsOwnThenTheMarker() throws IOException {
    Path jar = Files.writeString(dir.resolve("fn-misp.jar"), "jar");

    List<String> command = command(RUN, Map.of(), List.of("-Dhttps.proxyHost=proxy"), jar).orElseThrow();

    List<String> flags = LeanRelaunch.jvmOptions();
    assertThat(command.get(0)).isEqualTo(Path.of("/jdk", "bin", "java").toString());
    assertThat(command.subList(1, 1 + flags.size())).isEqualTo(flags);
    assertThat(command.get(1 + flags.size())).isEqualTo("-Dhttps.proxyHost=proxy");
    assertThat(command).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("cds").resolve(
        "java-jar-3-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa"));
    assertThat(command.subList(command.size() - 7, command.size())).containsExactly(
        "-Dfnmisp.relaunched=" + ProcessHandle.current().pid(), "-cp", "the.jar", "org.fnmisp.cli.Main", "run",
        "--config-file", "app.config");
  }

  @Test
  void shouldMapTheArchiveOnceItExistsAndDropArchivesOfOtherJars() throws IOException {
    Path jar = Files.writeString(dir.resolve("fn-misp.jar"), "jar");
    Path cache = Files.createDirectories(dir.resolve("cds"));
    Path stale = Files.writeString(cache.resolve("java-jar-1-1.jsa"), "old");
    Path launchers = Files.writeString(cache.resolve("fn-misp-123.jsa"), "bin/fn-misp's");
    assertThat(command(RUN, Map.of(), List.of(), jar).orElseThrow()).anyMatch(a -> a.startsWith("-XX:Archive"));
    assertThat(stale).doesNotExist();
    assertThat(launchers).exists();
    Files.writeString(cache.resolve("java-jar-3-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa"), "archive");

    List<String> command = command(RUN, Map.of(), List.of(), jar).orElseThrow();

    assertThat(command).contains("-Xshare:auto").anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=" + cache))
        .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit"));
  }

  @Test
  void shouldRunAsStartedForOtherCommandsAnOptOutOrAChosenHeapOrCollector() {
    assertThat(command(new String[] {"invoke", "misp_search_attribute"}, Map.of(), List.of(), null)).isEmpty();
    assertThat(command(new String[0], Map.of(), List.of(), null)).isEmpty();
    assertThat(command(RUN, Map.of("FN_MISP_NO_REEXEC", "1"), List.of(), null)).isEmpty();
    assertThat(command(RUN, Map.of(), List.of("-Xmx512m"), null)).isEmpty();
    assertThat(command(RUN, Map.of(), List.of("-XX:MaxRAMPercentage=75"), null)).isEmpty();
    assertThat(command(RUN, Map.of("JAVA_TOOL_OPTIONS", "-Dx=1 -XX:+UseG1GC"), List.of(), null)).isEmpty();
    assertThat(command(RUN, Map.of("JDK_JAVA_OPTIONS", "-Xms64m"), List.of(), null)).isEmpty();
    assertThat(command(RUN, Map.of("FN_MISP_NO_REEXEC", ""), List.of("-Dx=1"), null)).isPresent();
  }

  @Test
  void shouldRunTheAppHostImageAsStartedForItChoosesItsOwnFlags() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    String entrypoint = dockerfile.substring(dockerfile.indexOf("ENTRYPOINT ["));
    java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(
        entrypoint.substring(0, entrypoint.indexOf(']')));
    List<String> javaCommandLine = new java.util.ArrayList<>();
    while (quoted.find()) {
      javaCommandLine.add(quoted.group(1));
    }
    List<String> jvmArguments = LeanRelaunch.jvmArguments(javaCommandLine.subList(1, javaCommandLine.size()));
    assertThat(jvmArguments).contains("-XX:+UseSerialGC");
    assertThat(javaCommandLine).endsWith("run");

    assertThat(command(new String[] {"run"}, Map.of(), jvmArguments, null)).isEmpty();
  }

  @Test
  void shouldLeaveTheArchiveOutWhenItsFolderIsSwitchedOff() {
    assertThat(LeanRelaunch.cacheDir(Map.of("FN_MISP_CDS_DIR", ""), "/home/u")).isNull();
    assertThat(LeanRelaunch.cacheDir(Map.of("XDG_CACHE_HOME", "/c"), "/home/u")).isEqualTo(Path.of("/c/fn-misp"));
    assertThat(LeanRelaunch.cacheDir(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/fn-misp"));
    assertThat(LeanRelaunch.command(RUN, Map.of(), List.of(), "/jdk", "the.jar", null, null).orElseThrow())
        .noneMatch(argument -> argument.contains("Archive"));
  }

  @Test
  void shouldFindTheJvmOptionsOfAJavaCommandLine() {
    assertThat(LeanRelaunch.jvmArguments(List.of("-Da=1", "-jar", "fn-misp.jar", "run", "-Db=2")))
        .containsExactly("-Da=1");
    assertThat(LeanRelaunch.jvmArguments(List.of("-cp", "x.jar", "-Xss1m", "org.fnmisp.cli.Main", "run")))
        .containsExactly("-Xss1m");
    assertThat(LeanRelaunch.jvmArguments(List.of("--class-path=x.jar", "org.fnmisp.cli.Main"))).isEmpty();
  }

  private Optional<List<String>> command(String[] args, Map<String, String> environment, List<String> jvmArguments,
      Path jar) {
    return LeanRelaunch.command(args, environment, jvmArguments, "/jdk", "the.jar", dir.resolve("cds"), jar);
  }
}
