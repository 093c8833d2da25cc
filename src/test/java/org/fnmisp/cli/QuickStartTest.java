package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start as written: `config -c`, set only the three [fn_misp] keys, then `run --local` + invoke. */
class QuickStartTest {

  @TempDir
  Path dir;

  private final List<RecordedRequest> mispRequests = FakeServers.recorder();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private MockWebServer misp;

  @BeforeEach
  void startMisp() throws Exception {
    misp = FakeServers.misp(mispRequests);
    toClose.add(misp);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void shouldRunLocalAndInvokeWithTheTemplateResilientSectionUntouched() throws Exception {
    // given a new app.config with only [fn_misp] filled in
    CliRun config = new CliRun(Map.of(), dir, dir);
    assertThat(config.execute("config", "-c", "app.config")).as(config.err.toString()).isZero();
    Path file = dir.resolve("app.config");
    Files.writeString(file, Files.readString(file)
        .replace("misp_url = https://misp.example.org", "misp_url = " + misp.url("/"))
        .replace("misp_key = <your key>", "misp_key = " + FakeServers.MISP_KEY)
        .replace("verify_cert = true", "verify_cert = false"));
    assertThat(Files.readString(file)).contains("api_key_id = <api key id>");

    // when `invoke` runs in-process
    CliRun invoke = new CliRun(Map.of(), dir, dir);
    int invoked = invoke.execute("invoke", "--config-file", "app.config", "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");

    // then
    assertThat(invoked).as(invoke.err.toString()).isZero();
    assertThat(Json.parse(invoke.out.toString(), "out").path("success").asBoolean()).isTrue();

    // and when `run --local` serves and `invoke --broker` calls through it
    int port = freePort();
    CliRun server = new CliRun(Map.of(), dir, dir);
    toClose.add(server.stopSignal::stop);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> server.execute("run", "--local", "--port", String.valueOf(port), "--config-file", "app.config"));
    await().atMost(Duration.ofSeconds(30)).until(() -> listening(port) || run.isDone());
    CliRun viaBroker = new CliRun(Map.of(), dir, dir);
    int called = viaBroker.execute("invoke", "--broker", "stomp://127.0.0.1:" + port, "--timeout", "20",
        "misp_create_sighting", "misp_sighting=8.8.8.8");

    // then
    assertThat(called).as(viaBroker.err + "\nserver: " + server.err).isZero();
    server.stopSignal.stop();
    assertThat(run.get(30, TimeUnit.SECONDS)).as(server.err.toString()).isZero();
  }

  @Test
  void shouldKeepAWorkingFnMispOnlyFileWorkingAfterConfigUpdate() throws Exception {
    // given a file with only [fn_misp]
    Path file = FakeServers.writeConfig(dir, """
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(misp.url("/"), FakeServers.MISP_KEY));

    // when `config -u` adds the missing sections (with the template's placeholders)
    CliRun update = new CliRun(Map.of(), dir, dir);
    assertThat(update.execute("config", "-u", file.toString())).isZero();
    assertThat(update.out.toString()).contains("added [resilient], [integrations]");

    // then invoke still works
    CliRun invoke = new CliRun(Map.of(), dir, dir);
    int code = invoke.execute("invoke", "--config-file", file.toString(), "misp_sighting_list", "misp_event_id=42");
    assertThat(code).as(invoke.err.toString()).isZero();
    assertThat(mispRequests).extracting(request -> request.getUrl().encodedPath())
        .containsExactly("/sightings/listSightings");
  }

  @Test
  void shouldStillCheckResilientForRunAgainstSoar() throws Exception {
    CliRun config = new CliRun(Map.of(), dir, dir);
    assertThat(config.execute("config", "-c", "app.config")).isZero();

    CliRun run = new CliRun(Map.of(), dir, dir);
    int code = run.execute("run", "--config-file", "app.config");

    assertThat(code).isEqualTo(ExitCodes.CONFIG_ERROR);
    assertThat(run.err.toString()).contains("[resilient] api_key_id = <api key id>: still the template placeholder")
        .contains("[fn_misp] misp_key = [hidden]: still the template placeholder");
    assertThat(run.logSettings).as("logging (and its logs/ directory) is not set up before the config is valid")
        .isEmpty();
  }

  @Test
  void shouldNotCreateTheLogDirectoryForCommandsThatDoNotLogToAFile() throws Exception {
    Path file = FakeServers.writeConfig(dir, """
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(misp.url("/"), FakeServers.MISP_KEY));
    CliRun invoke = new CliRun(Map.of(), dir, dir);

    assertThat(invoke.execute("invoke", "--config-file", file.toString(), "misp_sighting_list", "misp_event_id=42"))
        .isZero();
    assertThat(invoke.execute("selftest", "--config-file", file.toString())).isZero();

    assertThat(invoke.logSettings).hasSize(2).allSatisfy(settings -> assertThat(settings.file()).isNull());
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
