package org.fnmisp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.fnmisp.worker.ServerFixture.QUEUE;
import static org.fnmisp.worker.ServerFixture.inputs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.testing.StompTestClient.Reply;
import org.fnmisp.testing.WireTap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Exactly one final reply per message, no function run twice: across broker drops, redeliveries and shutdowns. */
class DeliveryGuaranteesTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private final ServerFixture fixture;
  private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  DeliveryGuaranteesTest() throws Exception {
    fixture = new ServerFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  /** Counts runs per input "n" and takes a moment, so calls are in flight when the broker goes away. */
  private FunctionHandler counting(long millis) {
    return (invocation, status) -> {
      runs.computeIfAbsent(invocation.input("n").asText(), n -> new AtomicInteger()).incrementAndGet();
      status.info("running " + invocation.input("n").asText());
      TimeUnit.MILLISECONDS.sleep(millis); // simulated MISP latency, not synchronisation
      return FunctionResult.ok(invocation.inputs());
    };
  }

  @Test
  void shouldGiveEveryMessageExactlyOneFinalReplyAcrossABrokerDrop() throws Exception {
    // given
    fixture.start(Map.of("fn_count", counting(20)), 8);
    int calls = 200;
    List<String> sent = new ArrayList<>();
    for (int n = 0; n < calls; n++) {
      sent.add(fixture.soar.invoke("fn_count", inputs("n", Integer.toString(n))));
    }
    Map<String, Integer> finals = new HashMap<>();
    while (finals.size() < 40) {
      collect(finals, fixture.soar.nextReply(WAIT));
    }

    // when the broker drops every connection mid-load and comes back
    fixture.broker.stopTransport();
    fixture.broker.startTransport();
    long back = System.nanoTime();
    long firstAfter = 0;
    int before = finals.size();
    while (finals.size() < calls) {
      collect(finals, fixture.soar.nextReply(WAIT));
      if (firstAfter == 0 && finals.size() > before) {
        firstAfter = System.nanoTime();
      }
    }

    // then
    assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(finals.values()).allMatch(count -> count == 1);
    assertThat(runs).hasSize(calls);
    assertThat(runs.values()).allMatch(count -> count.get() == 1);
    assertThat(Duration.ofNanos(firstAfter - back)).isLessThan(Duration.ofSeconds(2));
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
    assertThat(drainFinals()).as("no late duplicate").isEmpty();
  }

  @Test
  void shouldOnlyAckARedeliveredMessageWhoseReplyWasAlreadyConfirmed() throws Exception {
    // given a server whose first ACK never reaches the broker
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_count", counting(0)), 2, Duration.ofSeconds(5));
      tap.dropAcks(1);
      String correlationId = fixture.soar.invoke("fn_count", inputs("n", "once"));
      fixture.soar.finalReply(correlationId, WAIT);
      await().atMost(WAIT).until(() -> tap.frames().stream().anyMatch(f -> f.command().equals("ACK(dropped)")));
      assertThat(fixture.broker.queueSize(QUEUE)).isEqualTo(1);

      // when the connection breaks, the broker redelivers the message on the new one
      tap.cutConnections();

      // then it is acknowledged without running the function or replying again
      await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
      assertThat(runs.get("once").get()).isEqualTo(1);
      assertThat(drainFinals()).isEmpty();
      assertThat(tap.frames().stream().filter(f -> f.command().equals("MESSAGE")).count()).isEqualTo(2);
    }
  }

  @Test
  void shouldNotReplyTwiceWhenTheConnectionDiesWithTheReceiptOfACommittedReply() throws Exception {
    // given a server whose first COMMIT (reply + ACK) the broker carries out, but whose RECEIPT is lost with the
    // connection
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      FunctionServer server = fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_count", counting(0)), 2,
          Duration.ofSeconds(10));
      tap.loseNextReceiptWithTheConnection();

      // when
      String correlationId = fixture.soar.invoke("fn_count", inputs("n", "once"));

      // then the one reply arrives, the server reconnects, and the message is neither redelivered nor answered again
      assertThat(fixture.soar.finalReply(correlationId, WAIT).messageType()).isZero();
      await().atMost(WAIT).until(() -> tap.frames().stream().filter(f -> f.command().equals("CONNECTED")).count() == 2);
      assertThat(tap.frames()).anyMatch(f -> f.command().equals("RECEIPT(lost)"));
      assertThat(fixture.broker.queueSize(QUEUE)).isZero();
      assertThat(runs.get("once").get()).isEqualTo(1);
      assertThat(drainFinals()).isEmpty();
      assertThat(tap.frames().stream().filter(f -> f.command().equals("MESSAGE")).count()).isEqualTo(1);
      // and a reply whose fate was unknown does not hold up shutdown: had the broker not stored it, it redelivers
      long stopping = System.nanoTime();
      assertThat(server.stop()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldDeadLetterMessagesWhoseReplyIsAlwaysRefusedWithoutLettingALaterAckCoverThem() throws Exception {
    // given two calls whose reply-to the server may not write to, then four normal ones, on two subscriptions
    ListAppender<ILoggingEvent> logs = capture("org.fnmisp.worker");
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_count", counting(0)), 2, Duration.ofSeconds(5));
      for (String n : List.of("refused-1", "refused-2")) {
        fixture.broker.sendMessage(QUEUE, Map.of("reply-to", "/queue/forbidden.replies", "correlation-id", n),
            "{\"function\":{\"name\":\"fn_count\"},\"inputs\":{\"n\":\"" + n + "\"}}");
      }
      List<String> normal = new ArrayList<>();
      for (int n = 0; n < 4; n++) {
        normal.add(fixture.soar.invoke("fn_count", inputs("n", "ok-" + n)));
      }

      // when / then the normal calls are answered
      for (String correlationId : normal) {
        assertThat(fixture.soar.finalReply(correlationId, WAIT).messageType()).isZero();
      }
      // and each refused call, run once, ends in the broker's dead-letter queue after 3 refusals: not lost by being
      // covered by a later ACK on its subscription
      await().atMost(WAIT).until(() -> fixture.broker.queueSize("ActiveMQ.DLQ") == 2);
      await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
      assertThat(runs.get("refused-1").get()).isEqualTo(1);
      assertThat(runs.get("refused-2").get()).isEqualTo(1);
      assertThat(tap.frames()).filteredOn(f -> f.command().equals("NACK")).hasSize(2);
      assertThat(tap.frames()).filteredOn(f -> f.command().equals("NACK")).allMatch(f -> !f.hasHeader("transaction"));
      // and the operator reads one ERROR per call, naming the queues and the fix
      await().atMost(WAIT).until(() -> errors(logs).size() == 2);
      assertThat(errors(logs)).allSatisfy(line -> assertThat(line).contains("refused the reply")
          .contains("dead-letter queue").contains("/queue/forbidden.replies").contains(QUEUE)
          .contains("Fix: let the API key write to /queue/forbidden.replies"));
    } finally {
      release(logs, "org.fnmisp.worker");
    }
  }

  @Test
  void shouldSendTheKeptReplyOnRedeliveryAfterARefusedCommitWithoutRunningTheCallAgain() throws Exception {
    // given a broker that refuses the first COMMIT (its store failed once)
    try (WireTap tap = new WireTap(fixture.broker.stompPort())) {
      FunctionServer server = fixture.start(fixture.plainSettings(tap.port()), Map.of("fn_count", counting(0)), 2,
          Duration.ofSeconds(10));
      fixture.broker.refuseCommits(1);

      // when
      String correlationId = fixture.soar.invoke("fn_count", inputs("n", "once"));

      // then the one reply arrives with the redelivery's ACK, the call ran once and the message is gone
      assertThat(fixture.soar.finalReply(correlationId, WAIT).messageType()).isZero();
      await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 0);
      assertThat(runs.get("once").get()).isEqualTo(1);
      assertThat(tap.frames()).filteredOn(f -> f.command().equals("MESSAGE")).hasSize(2);
      assertThat(tap.frames()).filteredOn(f -> f.command().equals("COMMIT")).hasSize(2);
      assertThat(server.stop()).isTrue();
      assertThat(drainFinals()).isEmpty();
      assertThat(fixture.broker.queueSize(QUEUE)).isZero();
    }
  }

  private static ListAppender<ILoggingEvent> capture(String loggerName) {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(logs);
    return logs;
  }

  private static void release(ListAppender<ILoggingEvent> logs, String loggerName) {
    ((Logger) LoggerFactory.getLogger(loggerName)).detachAppender(logs);
  }

  private static List<String> errors(ListAppender<ILoggingEvent> logs) {
    return logs.list.stream().filter(event -> event.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void shouldFinishCallsInFlightOnShutdownAndLeaveTheRestForRedelivery() throws Exception {
    // given two calls blocked in their function
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    FunctionServer server = fixture.start(fixture.broker.tlsSettings(), Map.of("fn_block", (invocation, status) -> {
      started.countDown();
      release.await();
      return FunctionResult.ok(invocation.inputs());
    }), 2, Duration.ofSeconds(10));
    String first = fixture.soar.invoke("fn_block", inputs("n", "1"));
    String second = fixture.soar.invoke("fn_block", inputs("n", "2"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    // when shutdown starts, a third call arrives, and then the blocked calls finish
    Thread stopper = new Thread(() -> server.stop());
    stopper.start();
    fixture.soar.invoke("fn_block", inputs("n", "3"));
    release.countDown();
    stopper.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(stopper.isAlive()).as("stop() returned").isFalse();

    // then the two running calls were answered and the third stays queued for another server
    assertThat(fixture.soar.finalReply(first, WAIT).messageType()).isZero();
    assertThat(fixture.soar.finalReply(second, WAIT).messageType()).isZero();
    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 1);
    assertThat(drainFinals()).isEmpty();
  }

  @Test
  void shouldLeaveCallsThatOutliveTheGracePeriodUnacknowledged() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    FunctionServer server = fixture.start(fixture.broker.tlsSettings(), Map.of("fn_stuck", (invocation, status) -> {
      started.countDown();
      never.await();
      return FunctionResult.ok(invocation.inputs());
    }), 1, Duration.ofMillis(300));
    fixture.soar.invoke("fn_stuck", inputs("n", "1"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(server.stop()).isFalse();

    await().atMost(WAIT).until(() -> fixture.broker.queueSize(QUEUE) == 1);
    assertThat(drainFinals()).isEmpty();
  }

  @Test
  void shouldShareTheLoadBetweenTwoServersWithoutHandlingAMessageTwice() throws Exception {
    Map<String, Set<String>> byServer = new ConcurrentHashMap<>();
    for (String name : List.of("a", "b")) {
      fixture.start(Map.of("fn_count", (invocation, status) -> {
        runs.computeIfAbsent(invocation.input("n").asText(), n -> new AtomicInteger()).incrementAndGet();
        byServer.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(invocation.input("n").asText());
        TimeUnit.MILLISECONDS.sleep(5); // simulated MISP latency
        return FunctionResult.ok(invocation.inputs());
      }), 2);
    }
    int calls = 100;
    for (int n = 0; n < calls; n++) {
      fixture.soar.invoke("fn_count", inputs("n", Integer.toString(n)));
    }

    Map<String, Integer> finals = new HashMap<>();
    while (finals.size() < calls) {
      collect(finals, fixture.soar.nextReply(WAIT));
    }

    assertThat(byServer.get("a")).isNotEmpty();
    assertThat(byServer.get("b")).isNotEmpty();
    assertThat(runs.values()).allMatch(count -> count.get() == 1);
    assertThat(finals.values()).allMatch(count -> count == 1);
  }

  private static void collect(Map<String, Integer> finals, Reply reply) {
    if (reply.complete()) {
      finals.merge(reply.correlationId(), 1, Integer::sum);
    }
  }

  private List<Reply> drainFinals() throws InterruptedException {
    List<Reply> late = new ArrayList<>();
    // Replies are sent before the ACK, so anything late is already queued once the queue is empty.
    while (!fixture.soar.hasNoReply()) {
      Reply reply = fixture.soar.nextReply(Duration.ofSeconds(1));
      if (reply.complete()) {
        late.add(reply);
      }
    }
    return late;
  }
}
