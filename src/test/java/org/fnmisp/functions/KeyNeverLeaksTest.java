package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fnmisp.misp.FakeMisp;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.misp.NewEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The MISP key appears in no log line (DEBUG included), error text or result, whatever goes wrong. */
class KeyNeverLeaksTest {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void capture() {
    previous = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void release() {
    root.detachAppender(logs);
    root.setLevel(previous);
  }

  @Test
  @SuppressWarnings("try") // closes a server inside its try block on purpose, to fail a call to it
  void shouldKeepTheKeyOutOfLogsMessagesAndResults() {
    List<String> seen = new ArrayList<>();
    try (FunctionHarness harness = new FunctionHarness(Duration.ofMillis(300))) {
      String event = "{\"misp_event_name\":\"x\"}";
      harness.misp.reply(403, "auth-failed-403.json");
      seen.add(harness.run("misp_create_event", event).error());
      harness.misp.replyRaw(500, "{\"message\":\"bad key " + FakeMisp.KEY + "\"}");
      seen.add(harness.run("misp_create_event", event).error());
      harness.misp.replyRaw(403, "{\"message\":\"key " + FakeMisp.KEY + " not allowed\"}");
      seen.add(harness.run("misp_create_event", event).outcome().results().toString());
      harness.misp.replyRaw(200, "not json " + FakeMisp.KEY);
      seen.add(harness.run("misp_create_event", event).error());
      harness.misp.stall();
      seen.add(harness.run("misp_create_event", event).error());
    }
    FakeMisp closed = new FakeMisp();
    MispSettings unreachable = closed.settings(Duration.ofMillis(300), 2);
    closed.close();
    try (MispClient retrying = new MispClient(unreachable)) {
      seen.add(createEventError(retrying));
    }

    for (ILoggingEvent event : logs.list) {
      seen.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        seen.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    assertThat(logs.list).isNotEmpty();
    assertThat(seen).hasSizeGreaterThan(6).allSatisfy(text -> assertThat(text).doesNotContain(FakeMisp.KEY));
  }

  /** create_event straight on a client, to cover retries against a closed port. */
  private static String createEventError(MispClient client) {
    try {
      client.createEvent(new NewEvent("x", null, null, null));
      return "";
    } catch (MispException e) {
      return e.getMessage();
    }
  }
}
