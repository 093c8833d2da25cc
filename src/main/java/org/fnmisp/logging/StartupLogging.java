package org.fnmisp.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's set-up until app.config is read (stderr, INFO, {@link Logging#PATTERN}), found by Logback through
 * META-INF/services. In code rather than a logback.xml: parsing the XML loaded about 600 classes (the JDK's XML
 * parser and Logback's Joran) and took about a fifth of fn-misp's start-up (doc/performance.md).
 */
public final class StartupLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.configure(context, new LogSettings("INFO", null, 0, 0));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
