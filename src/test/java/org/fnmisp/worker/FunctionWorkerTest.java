package org.fnmisp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fnmisp.worker.ServerFixture.QUEUE;
import static org.fnmisp.worker.ServerFixture.inputs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fnmisp.Loggers;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.testing.StompTestClient.Reply;
import org.fnmisp.testing.WireTap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class FunctionWorkerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ServerFixture fixture;

  FunctionWorkerTest() throws Exception {
    fixture = new ServerFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void shouldSendStatusAndTheFinalResultWithTheCorrelationIdIntactAndEmptyTheQueue() throws Exception {
    // given
    fixture.start(Map.of("fn_echo", ServerFixture.echo()), 2);

    // when
    String correlationId = fixture.soar.invoke("fn_echo", inputs("n", "42"));

    // then (the broker keeps persistent and non-persistent messages in separate lists, so the status may be
    // delivered after the persistent final reply; the order we send them in is asserted on the wire below)
    List<Reply> replies = List.of(fixture.soar.nextReply(WAIT), fixture.soar.nextReply(WAIT));
    Reply status = replies.stream().filter(reply -> !reply.complete()).findFirst().orElseThrow();
    Reply last = replies.stream().filter(Reply::complete).findFirst().orElseThrow();
    assertThat(status.correlationId()).isEqualTo(correlationId).contains(":");
    assertThat(status.body().get("message_type").asInt()).isZero();
    assertThat(status.body().get("message").asText()).isEqualTo("Working on 42");
    assertThat(last.correlationId()).isEqualTo(correlationId);
    assertThat(last.body().get("message").asText()).isEqualTo("Completed");
    assertThat(last.body().at("/results/version").decimalValue()).isEqualByComparingTo("2.0");
    assertThat(last.body().at("/results/content/n").asText()).isEqualTo("42");
    assertThat(last.body().at("/results/inputs/n").asText()).isEqualTo("42");
    assertThat(last.frame().headers()).containsEntry("correlation-id", correlationId);
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
  }

  @Test
  void shouldPutTheseExactBytesOnTheWireForAStatusAndTheReplyTransaction() throws Exception {
    // given a function whose status needs STOMP escaping in no header but UTF-8 and JSON escaping in its body
    String status = "Zürich: \"a\\b\" 😀";
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_status", (FunctionHandler) (invocation, reporter) -> {
        reporter.info(status);
        return FunctionResult.ok(invocation.inputs());
      }), 1, Duration.ofSeconds(5));

      // when
      String correlationId = fixture.soar.invoke("fn_status", inputs("n", "7"));
      fixture.soar.finalReply(correlationId, WAIT);
      await().atMost(WAIT).until(() -> tap.frames().stream().anyMatch(frame -> frame.command().equals("COMMIT")));

      // then: the correlation id "invid:1" goes out escaped, the bodies as UTF-8 with content-length (Jackson writes
      // a character beyond the BMP as an escaped surrogate pair)
      List<WireTap.Frame> sent = tap.frames().stream()
          .filter(frame -> frame.fromClient() && List.of("SEND", "BEGIN", "ACK", "COMMIT").contains(frame.command()))
          .toList();
      assertThat(sent).hasSize(5);
      String replyTo = "/queue/" + fixture.soar.replyQueue();
      String escapedId = correlationId.replace(":", "\\c");
      byte[] statusBody = Replies.status(status);
      assertThat(sent.get(0).raw()).isEqualTo("SEND\ndestination:" + replyTo + "\ncorrelation-id:" + escapedId
          + "\ncontent-length:" + statusBody.length + "\n\n" + latin1(statusBody) + "\0");
      assertThat(new String(statusBody, StandardCharsets.UTF_8))
          .isEqualTo("{\"message_type\":0,\"message\":\"Zürich: \\\"a\\\\b\\\" \\uD83D\\uDE00\",\"complete\":false}");
      String transaction = sent.get(1).headers().replaceAll("(?s).*\ntransaction:([^\n]*)\n.*", "$1");
      String ackId = sent.get(3).headers().replaceAll("(?s).*\nid:([^\n]*)\n.*", "$1");
      String receipt = sent.get(4).headers().replaceAll("(?s).*\nreceipt:([^\n]*)\n.*", "$1");
      assertThat(sent.get(1).raw()).isEqualTo("BEGIN\ntransaction:" + transaction + "\n\n\0");
      assertThat(sent.get(2).raw()).startsWith("SEND\ndestination:" + replyTo + "\ncorrelation-id:" + escapedId
          + "\npersistent:true\ntransaction:" + transaction + "\ncontent-length:");
      String reply = sent.get(2).raw().substring(sent.get(2).raw().indexOf("\n\n") + 2);
      assertThat(sent.get(2).headers()).contains("\ncontent-length:" + (reply.length() - 1) + "\n");
      assertThat(reply).startsWith("{\"message_type\":0,\"message\":\"Completed\",\"complete\":true,\"results\":{")
          .endsWith("}\0");
      // (the two headers of ACK and COMMIT come from a Map.of, whose order is not fixed)
      assertThat(sent.get(3).raw()).isIn(frame("ACK", "id:" + ackId, "transaction:" + transaction),
          frame("ACK", "transaction:" + transaction, "id:" + ackId));
      assertThat(sent.get(4).raw()).isIn(frame("COMMIT", "transaction:" + transaction, "receipt:" + receipt),
          frame("COMMIT", "receipt:" + receipt, "transaction:" + transaction));
    }
  }

  private static String frame(String command, String firstHeader, String secondHeader) {
    return command + "\n" + firstHeader + "\n" + secondHeader + "\n\n\0";
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void shouldPutStatusThenFinalReplyAndAckInOneReceiptedTransactionOnTheWire() throws Exception {
    // given a server talking to the broker through a wire tap
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_echo", ServerFixture.echo()), 2,
          Duration.ofSeconds(5));

      // when
      String correlationId = fixture.soar.invoke("fn_echo", inputs("n", "7"));
      fixture.soar.finalReply(correlationId, WAIT);
      await().atMost(WAIT).until(() -> tap.frames().stream().anyMatch(frame -> frame.command().equals("RECEIPT")));

      // then
      List<WireTap.Frame> frames = tap.frames();
      List<String> subscribeReceipts = frames.stream().filter(frame -> frame.command().equals("SUBSCRIBE"))
          .map(frame -> frame.headers().replaceAll("(?s).*\nreceipt:([^\n]*)\n.*", "$1")).toList();
      List<String> sequence = frames.stream()
          .filter(frame -> List.of("SEND", "BEGIN", "ACK", "COMMIT", "RECEIPT").contains(frame.command()))
          .filter(frame -> !frame.command().equals("RECEIPT") || subscribeReceipts.stream()
              .noneMatch(receipt -> frame.headers().contains("\nreceipt-id:" + receipt + "\n")))
          .map(frame -> frame.command() + (frame.hasHeader("transaction") ? "+tx" : "")
              + (frame.hasHeader("receipt") ? "+receipt" : ""))
          .toList();
      assertThat(sequence).containsExactly("SEND", "BEGIN+tx", "SEND+tx", "ACK+tx", "COMMIT+tx+receipt", "RECEIPT");
      // one subscription per message in flight (2 here), one message each, `client` acknowledgement
      List<String> subscriptions = frames.stream().filter(frame -> frame.command().equals("SUBSCRIBE"))
          .map(WireTap.Frame::headers).toList();
      assertThat(subscriptions).hasSize(2).allSatisfy(headers -> assertThat(headers)
          .contains("\nack:client\n").contains("\nactivemq.prefetchSize:1\n")
          .contains("\ndestination:" + QUEUE + "\n").contains("\nreceipt:"));
      assertThat(subscriptions.get(0)).contains("\nid:" + QUEUE + "#1\n");
      assertThat(subscriptions.get(1)).contains("\nid:" + QUEUE + "#2\n");
      await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
    }
  }

  @Test
  void shouldTakeAtMostNumWorkersMessagesAtATimeWhateverThePrefetchLimitSays() throws Exception {
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      FunctionServer server = FunctionServer.start(fixture.plainSettings(tap.port()), List.of(QUEUE),
          Map.of("fn_echo", ServerFixture.echo()), WorkerSettings.defaults(3, 50), Duration.ofSeconds(5));
      try {
        server.stomp().awaitConnected(WAIT);

        assertThat(tap.frames()).filteredOn(frame -> frame.command().equals("SUBSCRIBE")).hasSize(3);
        String correlationId = fixture.soar.invoke("fn_echo", inputs("n", "1"));
        assertThat(fixture.soar.finalReply(correlationId, WAIT).messageType()).isZero();
      } finally {
        server.stop();
      }
    }
    assertThat(WorkerSettings.defaults(2000, 2000).subscriptions()).isEqualTo(WorkerSettings.MAX_SUBSCRIPTIONS);
  }

  @Test
  void shouldAnswerAndAckAMessageOverTheFrameLimitWithoutDroppingTheConnection() throws Exception {
    // given a server that keeps bodies up to 64 KiB, behind a wire tap
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      fixture.start(fixture.plainSettings(tap.port()).withMaxBodyBytes(64 * 1024),
          Map.of("fn_echo", ServerFixture.echo()), 2, Duration.ofSeconds(5));

      // when one oversized call comes first, then three normal ones
      fixture.broker.sendMessage(QUEUE, Map.of("reply-to", "/queue/acks.201.fn_misp", "correlation-id", "invid:big"),
          "{\"function\":{\"name\":\"fn_echo\"},\"inputs\":{\"n\":\"" + "x".repeat(100 * 1024) + "\"}}");
      List<String> normal = new java.util.ArrayList<>();
      for (int n = 0; n < 3; n++) {
        normal.add(fixture.soar.invoke("fn_echo", inputs("n", Integer.toString(n))));
      }

      // then the oversized one gets an error naming its size and the limit, the others their results
      Reply big = fixture.soar.finalReply("invid:big", WAIT);
      assertThat(big.messageType()).isEqualTo(1);
      assertThat(big.body().get("message").asText()).contains("exceeds the limit of 65536 bytes")
          .contains("a MESSAGE body of 1024");
      for (String correlationId : normal) {
        assertThat(fixture.soar.finalReply(correlationId, WAIT).messageType()).isZero();
      }
      await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
      assertThat(tap.frames()).filteredOn(frame -> frame.command().equals("CONNECTED")).hasSize(1);
    }
  }

  @Test
  void shouldAnswerMalformedJsonWithAnErrorAndNotLeaveItInTheQueue() throws Exception {
    fixture.start(Map.of("fn_echo", ServerFixture.echo()), 2);

    String correlationId = fixture.soar.send("{not json");

    Reply reply = fixture.soar.finalReply(correlationId, WAIT);
    assertThat(reply.messageType()).isEqualTo(1);
    assertThat(reply.body().get("message").asText()).startsWith("fn-misp could not read the function message")
        .contains("not valid JSON");
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
  }

  @Test
  void shouldAnswerAnUnknownFunctionWithAnErrorNamingIt() throws Exception {
    fixture.start(Map.of("fn_echo", ServerFixture.echo()), 2);

    String correlationId = fixture.soar.invoke("fn_nope", inputs("n", 1));

    Reply reply = fixture.soar.finalReply(correlationId, WAIT);
    assertThat(reply.messageType()).isEqualTo(1);
    assertThat(reply.body().get("message").asText())
        .isEqualTo("fn-misp has no function named 'fn_nope'; it runs [fn_echo]");
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
  }

  @Test
  void shouldAckAMessageWithoutReplyToSoItDoesNotStayInTheQueue() throws Exception {
    fixture.start(Map.of("fn_echo", ServerFixture.echo()), 2);

    fixture.broker.sendMessage(QUEUE, Map.of("correlation-id", "invid:1"),
        "{\"function\":{\"name\":\"fn_echo\"},\"inputs\":{}}");

    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
    assertThat(fixture.soar.hasNoReply()).isTrue();
  }

  @Test
  void shouldReplyWithTheTextOfAnExpectedFailureAndErrorPrefixForAnUnexpectedOne() throws Exception {
    fixture.start(Map.of(
        "fn_refuse", (invocation, status) -> {
          throw new FunctionException("misp_event_id must be an integer, got \"abc\"");
        },
        "fn_crash", (invocation, status) -> {
          throw new IllegalStateException("boom");
        },
        "fn_error", (invocation, status) -> {
          throw new StackOverflowError("deep");
        }), 2);

    String refused = fixture.soar.invoke("fn_refuse", inputs("misp_event_id", "abc"));
    Reply refusal = fixture.soar.finalReply(refused, WAIT);
    String crashed = fixture.soar.invoke("fn_crash", inputs("n", 1));
    Reply crash = fixture.soar.finalReply(crashed, WAIT);

    assertThat(refusal.messageType()).isEqualTo(1);
    assertThat(refusal.body().get("message").asText()).isEqualTo("misp_event_id must be an integer, got \"abc\"");
    assertThat(refusal.body().has("results")).isFalse();
    assertThat(crash.body().get("message").asText()).isEqualTo("ERROR:\n\nIllegalStateException: boom");
    String errored = fixture.soar.invoke("fn_error", inputs("n", 1));
    assertThat(fixture.soar.finalReply(errored, WAIT).body().get("message").asText())
        .isEqualTo("ERROR:\n\nfn-misp could not handle the function message: java.lang.StackOverflowError: deep");
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
  }

  @Test
  void shouldTellHowToFixAQueueTheKeyMayNotRead() throws Exception {
    // given a log capture and a queue the broker refuses to this user
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.fnmisp.worker");
    ch.qos.logback.classic.Logger stompLogger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.fnmisp.stomp");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    stompLogger.addAppender(logs);
    try {
      FunctionWorker worker = new FunctionWorker(FunctionRegistry.of(Map.of("fn_echo", ServerFixture.echo())),
          new org.fnmisp.handler.FunctionRunner(new org.fnmisp.handler.ResultPayload("fn-misp", "1", "host"),
              java.time.Clock.systemUTC()),
          WorkerSettings.defaults(3, 3));
      try (org.fnmisp.stomp.StompClient client = new org.fnmisp.stomp.StompClient(fixture.broker.tlsSettings(),
          worker)) {
        worker.start(client, List.of("forbidden.fn_misp"));

        // when
        client.start();

        // then each of the three subscriptions is refused, and the fix is explained once
        await().atMost(WAIT).until(() -> logs.list.stream()
            .filter(event -> event.getFormattedMessage().contains("sent ERROR")).count() >= 3);
        assertThat(logs.list).filteredOn(event -> event.getFormattedMessage().contains("refused to let fn-misp read"))
            .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("refused to let fn-misp read [forbidden.fn_misp]").contains("fn-misp customize"));
      } finally {
        worker.shutdown(Duration.ofSeconds(1));
      }
    } finally {
      logger.detachAppender(logs);
      stompLogger.detachAppender(logs);
    }
  }

  @Test
  void shouldEndEachCallWithOneInfoLineNamingTheOutcomeAndMispsStatus() throws Exception {
    // given a handler that leaves MISP's answer status in the MDC, as misp.MispTransport does, and a log capture
    List<String> lines = new CopyOnWriteArrayList<>();
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getFormattedMessage());
      }
    };
    capture.start();
    Logger worker = (Logger) LoggerFactory.getLogger("org.fnmisp.worker");
    worker.addAppender(capture);
    try {
      fixture.start(Map.of("fn_misp_call", (invocation, status) -> {
        MDC.put(Loggers.MDC_MISP_STATUS, "201");
        return FunctionResult.ok(invocation.inputs());
      }, "fn_local", ServerFixture.echo()), 2);

      // when
      String first = fixture.soar.invoke("fn_misp_call", inputs("n", 1));
      fixture.soar.finalReply(first, WAIT);
      String second = fixture.soar.invoke("fn_local", inputs("n", 2));
      fixture.soar.finalReply(second, WAIT);

      // then one line each; the status of the first call does not leak into the second
      await().atMost(WAIT).until(() -> lines.stream().filter(line -> line.contains(": completed in ")).count() == 2);
      assertThat(lines).filteredOn(line -> line.contains("fn_misp_call ")).singleElement().asString()
          .startsWith("INFO fn_misp_call ").matches(".*: completed in \\d+ ms, MISP HTTP 201");
      assertThat(lines).filteredOn(line -> line.contains("fn_local ")).singleElement().asString()
          .matches("INFO fn_local .*: completed in \\d+ ms");
    } finally {
      worker.detachAppender(capture);
    }
  }
}
