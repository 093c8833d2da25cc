package org.fnmisp.handler;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Builds the "v2" result payload fn_misp 3.0.2 returns, which also keeps every key 3.0.1 workflows read:
 * {@code version} (the number 2.0), {@code success}, {@code reason}, {@code content}, {@code raw} (null),
 * {@code inputs}, {@code metrics}, then any extra top-level keys of the result.
 */
public final class ResultPayload {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  // 2.0 must serialise as a JSON number with a fraction, as Python's float does, not as the integer 2.
  private static final DecimalNode VERSION = DecimalNode.valueOf(new BigDecimal("2.0"));

  private final String packageName;
  private final String packageVersion;
  private final String host;
  /** The last timestamp written: the calls that finish within one second share its text. */
  private volatile Stamp last = new Stamp(LocalDateTime.MIN, "");

  private record Stamp(LocalDateTime second, String text) {}

  public ResultPayload(String packageName, String packageVersion, String host) {
    this.packageName = packageName;
    this.packageVersion = packageVersion;
    this.host = host;
  }

  public ObjectNode build(
      FunctionResult result, ObjectNode inputs, long executionTimeMs, LocalDateTime finishedAt) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode payload = nodes.objectNode();
    payload.set("version", VERSION);
    payload.put("success", result.success());
    payload.put("reason", result.reason());
    payload.set("content", result.content());
    payload.putNull("raw");
    payload.set("inputs", inputs);
    ObjectNode metrics = payload.putObject("metrics");
    metrics.put("version", "1.0");
    metrics.put("package", packageName);
    metrics.put("package_version", packageVersion);
    metrics.put("host", host);
    metrics.put("execution_time_ms", executionTimeMs);
    metrics.put("timestamp", timestamp(finishedAt));
    result.extra().forEach(payload::set);
    return payload;
  }

  /** Formatting a date for every call showed in the profile; the text changes once a second. */
  private String timestamp(LocalDateTime finishedAt) {
    LocalDateTime second = finishedAt.truncatedTo(ChronoUnit.SECONDS);
    Stamp stamp = last;
    if (!stamp.second().equals(second)) {
      stamp = new Stamp(second, TIMESTAMP.format(second));
      last = stamp;
    }
    return stamp.text();
  }
}
