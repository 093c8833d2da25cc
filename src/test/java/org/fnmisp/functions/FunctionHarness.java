package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionOutcome;
import org.fnmisp.handler.FunctionRunner;
import org.fnmisp.handler.ResultPayload;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.fnmisp.misp.MispClient;

/**
 * Runs one of the functions the way the worker does (FunctionRunner + v2 ResultPayload) against a {@link FakeMisp},
 * recording the status messages, so tests can compare the whole payload.
 */
public final class FunctionHarness implements AutoCloseable {

  static final String FINISHED = "2024-05-01 12:00:00";

  public final FakeMisp misp = new FakeMisp();
  final MispClient client;
  private final FunctionRunner runner = new FunctionRunner(new ResultPayload("fn-misp", "1.0.0-test", "soar-host"),
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));

  public FunctionHarness() {
    client = new MispClient(misp.settings());
  }

  FunctionHarness(java.time.Duration timeout) {
    client = new MispClient(misp.settings(timeout, 0));
  }

  private FunctionSettings settings = FunctionSettings.defaults();

  /** Runs the functions with these settings instead of the defaults of an app.config without them. */
  FunctionHarness with(FunctionSettings settings) {
    this.settings = settings;
    return this;
  }

  /** What one run produced: the outcome and the status messages in order. */
  public record Run(FunctionOutcome outcome, List<String> statuses) {

    /** The payload as SOAR reads it (written out and parsed), with the variable execution time checked and removed. */
    public JsonNode payload() {
      assertThat(outcome.isCompleted()).as("completed, error was: %s", outcome.error()).isTrue();
      ObjectNode results = (ObjectNode) Json.parse(Json.writeBytes(outcome.results()), "the results as sent");
      ObjectNode metrics = (ObjectNode) results.get("metrics");
      assertThat(metrics.get("execution_time_ms").asLong()).isNotNegative();
      metrics.remove("execution_time_ms");
      return results;
    }

    String error() {
      assertThat(outcome.isCompleted()).as("failed, results were: %s", outcome.results()).isFalse();
      return outcome.error();
    }
  }

  public Run run(String function, String inputsJson) {
    ObjectNode inputs = (ObjectNode) Json.parse(inputsJson, "inputs");
    List<String> statuses = new CopyOnWriteArrayList<>();
    FunctionOutcome outcome = runner.run(FnMispFunctions.all(client, settings).get(function),
        new FunctionInvocation(function, "ID:msg-1", inputs), statuses::add);
    return new Run(outcome, statuses);
  }

  /** The v2 payload fn_misp 3.0.2 returns, without execution_time_ms. */
  static JsonNode expectedPayload(boolean success, JsonNode content, String inputsJson) {
    ObjectNode payload = Json.object();
    payload.set("version", Json.parse("2.0", "v"));
    payload.put("success", success);
    payload.putNull("reason");
    payload.set("content", content);
    payload.putNull("raw");
    payload.set("inputs", Json.parse(inputsJson, "inputs"));
    ObjectNode metrics = payload.putObject("metrics");
    metrics.put("version", "1.0");
    metrics.put("package", "fn-misp");
    metrics.put("package_version", "1.0.0-test");
    metrics.put("host", "soar-host");
    metrics.put("timestamp", FINISHED);
    return payload;
  }

  static JsonNode errors(int status, String fixture) {
    return Json.object().set("errors", Json.array().add(status).add(FakeMisp.fixtureJson(fixture)));
  }

  @Override
  public void close() {
    client.close();
    misp.close();
  }
}
