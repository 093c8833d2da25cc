package org.fnmisp.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.Locale;
import org.fnmisp.config.ConfigException;
import org.fnmisp.config.ResilientKeys;
import org.slf4j.LoggerFactory;

/**
 * Sets up Logback from app.config once it is read: stderr (stdout is for command output) plus a size-rotated file
 * named like Python's RotatingFileHandler names them ({@code app.log}, {@code app.log.1}, ...). Until then
 * {@link StartupLogging} logs to stderr only. Both use {@link #PATTERN}.
 */
public final class Logging {

  /** Time, level, thread, logger, then " [function message-id]" inside a function call, then the message. */
  public static final String PATTERN = "%d{ISO8601} %-5level [%thread] %logger{36}%invocation - %msg%n";

  /** Logback's FixedWindowRollingPolicy keeps at most this many rotated files. */
  static final int MAX_BACKUPS = 20;

  private Logging() {}

  /** Replaces the process's logging set-up. */
  public static void configure(LogSettings settings) {
    configure((LoggerContext) LoggerFactory.getILoggerFactory(), settings);
  }

  /** Python level names to Logback's: WARNING is WARN and CRITICAL is ERROR. */
  public static Level level(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "WARNING", "WARN" -> Level.WARN;
      case "CRITICAL", "ERROR" -> Level.ERROR;
      case "DEBUG" -> Level.DEBUG;
      default -> Level.INFO;
    };
  }

  static void configure(LoggerContext context, LogSettings settings) {
    if (settings.file() != null) {
      try {
        Files.createDirectories(settings.file().toAbsolutePath().getParent());
      } catch (IOException e) {
        String why = e instanceof FileAlreadyExistsException ? "a file of that name is in the way"
            : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        throw ConfigException.badValue(ResilientKeys.LOGDIR.section(), ResilientKeys.LOGDIR.name(),
            settings.file().getParent().toString(),
            "cannot create the directory: " + why);
      }
    }
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(level(settings.level()));
    // The embedded broker of `run --local` narrates its life at INFO; only its problems matter here.
    Level activemq = level(settings.level()).isGreaterOrEqual(Level.WARN) ? level(settings.level()) : Level.WARN;
    context.getLogger("org.apache.activemq").setLevel(activemq);
    root.addAppender(console(context));
    if (settings.file() == null) {
      return;
    }
    root.addAppender(file(context, settings));
    if (settings.backupCount() > MAX_BACKUPS) {
      root.warn("[resilient] log_backup_count = {}: keeping {} rotated log files, the most Logback supports",
          settings.backupCount(), MAX_BACKUPS);
    }
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder(context));
    console.start();
    return console;
  }

  private static FileAppender<ILoggingEvent> file(LoggerContext context, LogSettings settings) {
    boolean rotating = settings.maxBytes() > 0 && settings.backupCount() > 0;
    FileAppender<ILoggingEvent> file = rotating ? new RollingFileAppender<>() : new FileAppender<>();
    file.setContext(context);
    file.setName("file");
    file.setFile(settings.file().toString());
    file.setEncoder(encoder(context));
    if (file instanceof RollingFileAppender<ILoggingEvent> rolling) {
      FixedWindowRollingPolicy policy = new FixedWindowRollingPolicy();
      policy.setContext(context);
      policy.setParent(rolling);
      policy.setFileNamePattern(settings.file() + ".%i");
      policy.setMinIndex(1);
      policy.setMaxIndex(Math.min(settings.backupCount(), MAX_BACKUPS));
      policy.start();
      SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
      trigger.setContext(context);
      trigger.setMaxFileSize(new FileSize(settings.maxBytes()));
      // Logback checks the size at most once a minute by default; Python checks on every record. Ten times a second
      // keeps the file close to log_max_bytes for one cheap stat() call.
      trigger.setCheckIncrement(Duration.buildByMilliseconds(100));
      trigger.start();
      rolling.setRollingPolicy(policy);
      rolling.setTriggeringPolicy(trigger);
    }
    file.start();
    return file;
  }

  private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("invocation", InvocationConverter::new);
    layout.setPattern(PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }
}
