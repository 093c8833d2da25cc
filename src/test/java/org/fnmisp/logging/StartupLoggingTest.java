package org.fnmisp.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StartupLoggingTest {

  @Test
  void shouldBeWhatLogbackFindsFirst() {
    assertThat(ServiceLoader.load(Configurator.class)).first().isInstanceOf(StartupLogging.class);
  }

  @Test
  void shouldLogInfoToStderrAndTheEmbeddedBrokerOnlyFromWarn() {
    LoggerContext context = new LoggerContext();

    Configurator.ExecutionStatus status = new StartupLogging().configure(context);

    assertThat(status).as("no logback.xml search after it").isEqualTo(
        Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("org.apache.activemq").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(root.getAppender("console")).isInstanceOfSatisfying(ConsoleAppender.class,
        console -> assertThat(console.getTarget()).isEqualTo("System.err"));
  }
}
