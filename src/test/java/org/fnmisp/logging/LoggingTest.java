package org.fnmisp.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.fnmisp.config.AppConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/** Each test configures its own LoggerContext, so the process's logging is never touched. */
class LoggingTest {

  @TempDir
  Path temp;

  private final LoggerContext context = new LoggerContext();

  @BeforeEach
  void shareTheMdc() {
    context.setMDCAdapter(MDC.getMDCAdapter()); // the worker sets MDC keys through SLF4J's MDC
  }

  @AfterEach
  void stop() {
    MDC.clear();
    context.stop();
  }

  @Test
  void shouldWriteTheFileWithFunctionAndMessageIdFromTheMdc() throws IOException {
    Path file = temp.resolve("logs/app.log");
    Logging.configure(context, new LogSettings("INFO", file, 10_000_000, 10));
    Logger logger = context.getLogger("org.fnmisp.worker");

    logger.info("outside a call");
    MDC.put("function", "misp_create_event");
    MDC.put("message_id", "ID:soar-1:2:3");
    logger.info("inside a call");
    MDC.remove("message_id");
    logger.info("function only");

    assertThat(Files.readAllLines(file))
        .hasSize(3)
        .satisfiesExactly(
            line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[.+\\] "
                + "org.fnmisp.worker - outside a call"),
            line -> assertThat(line).endsWith("org.fnmisp.worker [misp_create_event ID:soar-1:2:3] - inside a call"),
            line -> assertThat(line).endsWith("org.fnmisp.worker [misp_create_event] - function only"));
  }

  @Test
  void shouldMapPythonLevelNames() {
    assertThat(Logging.level("warning")).isEqualTo(Level.WARN);
    assertThat(Logging.level("CRITICAL")).isEqualTo(Level.ERROR);
    assertThat(Logging.level("DEBUG")).isEqualTo(Level.DEBUG);

    Logging.configure(context, new LogSettings("WARNING", temp.resolve("app.log"), 0, 0));
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void shouldLogToStderrAndRotateBySize() {
    Path file = temp.resolve("app.log");
    Logging.configure(context, new LogSettings("INFO", file, 100_000, 2));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    assertThat(((ConsoleAppender<?>) root.getAppender("console")).getTarget()).isEqualTo("System.err");
    assertThat(root.getAppender("file")).isInstanceOf(RollingFileAppender.class);
    root.detachAppender("console");
    String line = "x".repeat(1000);
    // The size check runs at most every few milliseconds, so keep writing until the rotation is seen.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (int i = 0; i < 200; i++) {
        root.info(line);
      }
      return Files.exists(temp.resolve("app.log.1"));
    });
    assertThat(temp.resolve("app.log")).exists();
  }

  @Test
  void shouldNotRotateWhenMaxBytesIsZero() {
    Logging.configure(context, new LogSettings("INFO", temp.resolve("app.log"), 0, 10));

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("file"))
        .isNotInstanceOf(RollingFileAppender.class);
  }

  @Test
  void shouldTakeSettingsFromAppConfigWithTheOptionWinning() {
    AppConfig config = AppConfig.parse("[resilient]\nlogdir = out\nlogfile = fn.log\nloglevel = ERROR\n"
        + "log_max_bytes = 200000\nlog_backup_count = 3\n", "app.config", Map.of());

    assertThat(LogSettings.from(config, null, temp, true))
        .isEqualTo(new LogSettings("ERROR", temp.resolve("out/fn.log"), 200_000, 3));
    assertThat(LogSettings.from(config, "DEBUG", temp, true).level()).isEqualTo("DEBUG");
  }
}
