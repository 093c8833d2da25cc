package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.fnmisp.broker.LocalBroker;
import org.fnmisp.config.secrets.SecretSources;
import org.fnmisp.json.Json;
import org.fnmisp.testing.AppHostSecretFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code run} in App Host (or with --watch-config): a changed app.config drains the calls in flight and exits 75. */
class ConfigChangeRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SIGHTING = "{\"Sighting\":{\"id\":\"7\",\"value\":\"8.8.8.8\"}}";

  @TempDir
  Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<RecordedRequest> mispRequests = FakeServers.recorder();
  private final CountDownLatch callArrived = new CountDownLatch(1);
  private final CountDownLatch releaseCall = new CountDownLatch(1);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private LocalBroker broker;
  private MockWebServer misp;

  @BeforeEach
  void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    toClose.add(() -> root.detachAppender(logs));
    broker = LocalBroker.start("127.0.0.1", 0, null);
    toClose.add(broker);
    misp = new MockWebServer();
    // MISP holds the sighting until the test lets it go, so that the call is in flight when app.config changes.
    misp.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        mispRequests.add(request);
        callArrived.countDown();
        releaseCall.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new MockResponse(200, Headers.of("Content-Type", "application/json"), SIGHTING);
      }
    });
    misp.start(InetAddress.getByName("127.0.0.1"), 0);
    toClose.add(misp);
  }

  @AfterEach
  void closeAll() throws Exception {
    releaseCall.countDown();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void shouldFinishTheCallInFlightAndExitWith75WhenAppConfigChangesInAppHost() throws Exception {
    // given App Host: the MISP key as a protected secret, and no --watch-config
    Path secrets = dir.resolve("secrets");
    AppHostSecretFiles.write(secrets, Map.of("MISP_KEY", FakeServers.MISP_KEY));
    Path config = writeConfig("$MISP_KEY");
    CliRun server = new CliRun(Map.of(SecretSources.APP_HOST_CONTAINER, "1",
        SecretSources.SECRETS_DIRECTORY, secrets.toString()), dir, dir);
    toClose.add(server.stopSignal::stop);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> server.execute("run", "--local", "--broker",
        brokerUrl(), "--config-file", config.toString()));

    // when a call is in flight and app.config changes
    CliRun invoke = new CliRun(Map.of(), dir, dir);
    CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> invoke.execute("invoke", "--broker",
        brokerUrl(), "--timeout", "30", "misp_create_sighting", "misp_sighting=8.8.8.8"));
    assertThat(callArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    Files.writeString(config, "\n# changed by SOAR\n", StandardOpenOption.APPEND);
    await().atMost(WAIT).until(() -> logged("Shutting down: waiting up to"));
    releaseCall.countDown();

    // then the call is answered and the server exits with the restart code
    assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(invoke.err.toString()).isZero();
    JsonNode result = Json.parse(invoke.out.toString(), "invoke output");
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.CONFIG_CHANGED);
    assertThat(mispRequests).singleElement()
        .satisfies(request -> assertThat(request.getHeaders().get("Authorization")).isEqualTo(FakeServers.MISP_KEY));
    assertThat(secrets).doesNotExist();
  }

  @Test
  void shouldExitWith75WhenAppConfigChangesWithWatchConfig() throws Exception {
    Path config = writeConfig(FakeServers.MISP_KEY);
    CliRun server = new CliRun(Map.of(), dir, dir);
    toClose.add(server.stopSignal::stop);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> server.execute("run", "--local", "--broker",
        brokerUrl(), "--watch-config", "--config-file", config.toString()));
    await().atMost(WAIT).until(() -> logged("Subscribing to actions.201.fn_misp"));

    Files.writeString(config, "\n# changed\n", StandardOpenOption.APPEND);

    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.CONFIG_CHANGED);
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .contains(config + " changed: stopping so that fn-misp is restarted with the new configuration");
  }

  @Test
  void shouldExitWith0OnSigtermWhenWatchingAnUnchangedConfig() throws Exception {
    Path config = writeConfig(FakeServers.MISP_KEY);
    CliRun server = new CliRun(Map.of(), dir, dir);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> server.execute("run", "--local", "--broker",
        brokerUrl(), "--watch-config", "--config-file", config.toString()));
    await().atMost(WAIT).until(() -> logged("Subscribing to actions.201.fn_misp"));

    server.stopSignal.stop();

    assertThat(run.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
  }

  private boolean logged(String text) {
    return logs.list.stream().anyMatch(event -> event.getFormattedMessage().contains(text));
  }

  private String brokerUrl() {
    return "stomp://127.0.0.1:" + broker.stompPort();
  }

  private Path writeConfig(String mispKey) throws Exception {
    return FakeServers.writeConfig(dir, """
        [resilient]
        logdir = %s
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(dir.resolve("logs"), misp.url("/"), mispKey));
  }
}
