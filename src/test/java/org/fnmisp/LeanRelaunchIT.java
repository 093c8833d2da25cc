package org.fnmisp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain {@code java -jar fn-misp.jar run}, as an operator or a unit file types it, runs the server in a child JVM with
 * the flags of bin/jvm.options: the child gets them, signals reach it and it stops cleanly, its exit code is the
 * parent's, it records the class-data archive, and it never outlives the parent. Flags of the operator's own, or
 * FN_MISP_NO_REEXEC, keep it in one JVM.
 */
class LeanRelaunchIT {

  private static final Path JAR = Path.of("target", "fn-misp.jar");
  private static final String LISTENING = "listening for STOMP on 127.0.0.1:";

  @TempDir
  Path dir;

  private final List<ProcessHandle> started = new ArrayList<>();
  private Path config;
  private Path log;
  private Path cds;

  @BeforeEach
  void config() throws IOException {
    config = Files.writeString(dir.resolve("app.config"), """
        [resilient]
        logdir = %s
        [fn_misp]
        misp_url = http://127.0.0.1:9
        misp_key = %s
        """.formatted(dir.resolve("logs"), "fake".repeat(10)));
    log = dir.resolve("server.log");
    cds = dir.resolve("cds");
  }

  @AfterEach
  void stop() {
    for (ProcessHandle process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  @Test
  void shouldRunTheServerInAChildJvmWithTheLauncherFlagsAndStopItCleanlyOnSigterm() throws Exception {
    // given
    Process parent = start(Map.of(), List.of(), "run", "--local", "--port", "0", "--config-file", config.toString());
    ProcessHandle child = awaitListeningChild(parent);

    // then the child has the flags of bin/jvm.options, and the parent none
    List<String> childArguments = List.of(child.info().arguments().orElseThrow());
    assertThat(childArguments).containsAll(launcherFlags()).contains("-Dfnmisp.relaunched=" + parent.pid(), "run",
        "--local");
    assertThat(childArguments).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit=" + cds));
    assertThat(parent.info().arguments().orElseThrow()).doesNotContain("-XX:+UseSerialGC");

    // when
    parent.destroy();

    // then the child stopped as on its own SIGTERM, the parent exits with its code, the archive is recorded
    assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(parent.exitValue()).as(read(log)).isZero();
    assertThat(child.isAlive()).isFalse();
    assertThat(read(log)).contains("Received SIGTERM: stopping").contains("Stopped; every call was answered");
    try (Stream<Path> archives = Files.list(cds)) {
      assertThat(archives.map(path -> path.getFileName().toString())).singleElement().asString()
          .startsWith("java-jar-").endsWith(".jsa");
    }
  }

  @Test
  void shouldTakeACtrlCThatReachesBothProcessesAsOneStopRequest() throws Exception {
    // given
    Process parent = start(Map.of(), List.of(), "run", "--local", "--port", "0", "--config-file", config.toString());
    ProcessHandle child = awaitListeningChild(parent);

    // when a terminal's Ctrl-C reaches the process group: both get SIGINT, and the parent passes it on
    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(parent.pid()), Long.toString(child.pid()))
        .start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

    // then the child stops cleanly instead of taking the second signal as "exit now" (130)
    assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(parent.exitValue()).as(read(log)).isZero();
    assertThat(read(log)).contains("Stopped; every call was answered").doesNotContain("exiting now");
  }

  @Test
  void shouldStopTheChildWhenTheParentIsKilled() throws Exception {
    // given
    Process parent = start(Map.of(), List.of(), "run", "--local", "--port", "0", "--config-file", config.toString());
    ProcessHandle child = awaitListeningChild(parent);

    // when SIGKILL, which the parent cannot pass on
    parent.destroyForcibly();

    // then the child notices and stops by itself
    await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    assertThat(read(log)).contains("ended: stopping").contains("Stopped; every call was answered");
  }

  @Test
  void shouldExitWithTheChildsExitCode() throws Exception {
    // given an app.config without misp_url: the child exits with 78
    Files.writeString(config, "[resilient]\nlogdir = " + dir.resolve("logs") + "\n[fn_misp]\nmisp_key = x\n");

    // when
    Process parent = start(Map.of(), List.of(), "run", "--local", "--port", "0", "--config-file", config.toString());

    // then
    assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(parent.exitValue()).as(read(log)).isEqualTo(78);
    assertThat(read(log)).contains("misp_url");
    assertThat(cds).as("the child ran: it recorded the class-data archive at its exit").isNotEmptyDirectory();
  }

  @Test
  void shouldRunInOneJvmWhenTheOperatorChoseTheHeap() throws Exception {
    Process parent = start(Map.of(), List.of("-Xmx200m"), "run", "--local", "--port", "0", "--config-file",
        config.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains(LISTENING) || !parent.isAlive());
    assertThat(read(log)).contains(LISTENING);
    assertThat(parent.toHandle().children()).isEmpty();
  }

  @Test
  void shouldRunInOneJvmWithFnMispNoReexec() throws Exception {
    Process parent = start(Map.of("FN_MISP_NO_REEXEC", "1"), List.of(), "run", "--local", "--port", "0",
        "--config-file", config.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains(LISTENING) || !parent.isAlive());
    assertThat(read(log)).contains(LISTENING);
    assertThat(parent.toHandle().children()).isEmpty();
  }

  @Test
  void shouldRunInOneJvmThroughTheLauncherEvenWithItsFlagsEmptied() throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bin/fn-misp", "run", "--local", "--port", "0", "--config-file",
        config.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("FN_MISP_JAR", JAR.toAbsolutePath().toString());
    builder.environment().put("FN_MISP_JAVA_OPTS", "");
    builder.environment().put("FN_MISP_CDS_DIR", "");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process launcher = builder.start();
    started.add(launcher.toHandle());
    await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains(LISTENING) || !launcher.isAlive());
    assertThat(read(log)).contains(LISTENING);
    assertThat(launcher.toHandle().children()).isEmpty();
  }

  private ProcessHandle awaitListeningChild(Process parent) throws IOException {
    await().atMost(Duration.ofSeconds(60)).until(() -> read(log).contains(LISTENING) || !parent.isAlive());
    assertThat(read(log)).contains(LISTENING);
    List<ProcessHandle> children = parent.toHandle().children().toList();
    assertThat(children).hasSize(1);
    started.add(children.get(0));
    return children.get(0);
  }

  private Process start(Map<String, String> environment, List<String> jvmFlags, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().put("FN_MISP_CDS_DIR", cds.toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    started.add(process.toHandle());
    return process;
  }

  private static List<String> launcherFlags() throws IOException {
    return Files.readAllLines(Path.of("bin", "jvm.options")).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
