package org.fnmisp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** `invoke --broker` fails fast when nothing listens and when the server stops in the middle of the call. */
class InvokeBrokerTest {

  @TempDir
  Path dir;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void shouldExit30WithinTwoSecondsNamingTheAddressWhenNothingListens() throws Exception {
    int port = QuickStartTest.freePort();
    // once to load the classes: the time measured below is the wait, not the JVM warming up on a busy machine
    new CliRun(Map.of(), dir, dir).execute("invoke", "--broker", "stomp://127.0.0.1:" + port, "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");
    CliRun invoke = new CliRun(Map.of(), dir, dir);

    long started = System.nanoTime();
    int code = invoke.execute("invoke", "--broker", "stomp://127.0.0.1:" + port, "misp_search_attribute",
        "misp_attribute_value=8.8.8.8");
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(code).isEqualTo(ExitCodes.STOMP_GENERIC);
    assertThat(millis).isLessThan(2000);
    assertThat(invoke.err.toString()).startsWith("Error: cannot connect to the STOMP broker at 127.0.0.1:" + port
        + ": connection refused").contains("`fn-misp run --local`").doesNotContain("Exception");
    assertThat(invoke.logSettings).singleElement()
        .satisfies(settings -> assertThat(settings.level()).isEqualTo("ERROR"));
  }

  @Test
  void shouldSayTheServerStoppedInsteadOfWaitingWhenRunLocalStopsMidCall() throws Exception {
    // given MISP that takes a minute to answer, and `run --local` with no shutdown grace
    MockWebServer misp = new MockWebServer();
    misp.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).body("{}").headersDelay(60, TimeUnit.SECONDS).build();
      }
    });
    misp.start(InetAddress.getByName("127.0.0.1"), 0);
    toClose.add(misp);
    Path config = FakeServers.writeConfig(dir, """
        [resilient]
        shutdown_grace_s = 0
        [fn_misp]
        misp_url = %s
        misp_key = %s
        """.formatted(misp.url("/"), FakeServers.MISP_KEY));
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    toClose.add(() -> root.detachAppender(logs));
    int port = QuickStartTest.freePort();
    CliRun server = new CliRun(Map.of(), dir, dir);
    toClose.add(server.stopSignal::stop);
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> server.execute("run", "--local", "--port",
        String.valueOf(port), "--config-file", config.toString()));
    await().atMost(Duration.ofSeconds(30)).until(() -> QuickStartTest.listening(port) || run.isDone());

    // when a call is running and the server stops
    CliRun invoke = new CliRun(Map.of(), dir, dir);
    CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> invoke.execute("invoke", "--broker",
        "stomp://127.0.0.1:" + port, "misp_create_sighting", "misp_sighting=8.8.8.8"));
    await().atMost(Duration.ofSeconds(30)).until(() -> misp.getRequestCount() > 0);
    server.stopSignal.stop();

    // then invoke says so at once, and the server says the call was lost, not that it will be redelivered
    assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCodes.STOMP_GENERIC);
    assertThat(invoke.err.toString()).contains("ended before the final reply of misp_create_sighting")
        .contains("`fn-misp run --local`");
    assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anyMatch(line -> line.contains("calls still running were lost with the in-memory local broker"))
        .noneMatch(line -> line.contains("will be redelivered"));
  }
}
