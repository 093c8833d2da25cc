package org.fnmisp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as an operator runs it, in processes of its own: `run --local` serving a broker, `invoke --broker`
 * calling it the way SOAR would, and SIGTERM ending the server with exit code 0. Catches what the test classpath
 * hides, such as a class the jar does not contain.
 */
class PackagedJarIT {

  private static final Path JAR = Path.of("target", "fn-misp.jar");
  private static final Pattern PORT = Pattern.compile("listening for STOMP on 127\\.0\\.0\\.1:(\\d+)");

  @TempDir
  Path dir;

  private final List<Process> processes = new ArrayList<>();
  private MockWebServer misp;

  @AfterEach
  void stop() throws Exception {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    if (misp != null) {
      misp.close();
    }
  }

  @Test
  void shouldServeALocalBrokerAndAnswerAnInvokeThroughIt() throws Exception {
    // given MISP and `run --local` on a free port
    misp = new MockWebServer();
    misp.enqueue(new MockResponse(200, Headers.of("Content-Type", "application/json"),
        "{\"Sighting\":{\"id\":\"7\",\"value\":\"8.8.8.8\",\"source\":\"IBM QRadar SOAR\"}}"));
    misp.start(InetAddress.getByName("127.0.0.1"), 0);
    Path config = Files.writeString(dir.resolve("app.config"), """
        [resilient]
        logdir = %s
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(dir.resolve("logs"), misp.url("/"), "fake".repeat(10)));
    Path serverLog = dir.resolve("server.log");
    Path work = Files.createDirectories(dir.resolve("server-work"));
    Process server = start(work, serverLog, "run", "--local", "--port", "0", "--config-file", config.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> PORT.matcher(read(serverLog)).find() || !server.isAlive());
    Matcher port = PORT.matcher(read(serverLog));
    assertThat(port.find()).as(read(serverLog)).isTrue();

    // when
    Path invokeLog = dir.resolve("invoke.err");
    Process invoke = start(invokeLog, "invoke", "--broker", "stomp://127.0.0.1:" + port.group(1), "--timeout", "60",
        "misp_create_sighting", "misp_sighting=8.8.8.8");
    String out = new String(invoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(invoke.waitFor(90, TimeUnit.SECONDS)).isTrue();

    // then
    assertThat(invoke.exitValue()).as(read(invokeLog)).isZero();
    JsonNode results = Json.parse(out, "invoke output");
    assertThat(results.get("success").asBoolean()).isTrue();
    assertThat(results.at("/content/Sighting/id").asText()).isEqualTo("7");
    assertThat(read(invokeLog)).contains("status: Marking 8.8.8.8 as sighted");
    assertThat(misp.takeRequest().getUrl().encodedPath()).isEqualTo("/sightings/add");

    // and SIGTERM stops the server cleanly
    server.destroy();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).as(read(serverLog)).isZero();
    assertThat(read(serverLog)).contains("Stopped; every call was answered").doesNotContain("Exception");
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("the in-memory broker keeps no data in the working directory").isEmpty();
    }
  }

  @Test
  void shouldRunTheDemoWithNothingConfiguredAndLeaveTheWorkingDirectoryClean() throws Exception {
    // given an empty working directory and no app.config anywhere
    Path work = Files.createDirectories(dir.resolve("work"));
    Path err = dir.resolve("demo.err");

    // when
    Process demo = start(work, err, "demo");
    String out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();

    // then every function answered, and neither broker data nor logs were left behind
    assertThat(demo.exitValue()).as(out + read(err)).isZero();
    int functions = FnMispFunctions.NAMES.size();
    assertThat(out).contains("Demo done: " + functions + " of " + functions + " functions answered with success")
        .contains("[MISP stand-in, not a real MISP] POST /events/add -> HTTP 200")
        .contains("result: success, verdict malicious: ");
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("files left in the working directory").isEmpty();
    }
  }

  @Test
  void shouldPrintItsVersion() throws Exception {
    Path err = dir.resolve("version.err");
    Process version = start(err, "--version");
    String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(version.exitValue()).isZero();
    assertThat(out.trim()).isEqualTo("fn-misp " + FnMisp.version());
  }

  private Process start(Path stderr, String... args) throws IOException {
    return start(Path.of("").toAbsolutePath(), stderr, args);
  }

  private Process start(Path workingDirectory, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
        .redirectError(stderr.toFile());
    builder.environment().put("FN_MISP_CDS_DIR", dir.resolve("cds").toString()); // not the home of the build's user
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
