package org.fnmisp.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fnmisp.Loggers;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionOutcome;
import org.fnmisp.handler.FunctionRunner;
import org.fnmisp.handler.Inputs;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.json.Json;
import org.fnmisp.json.JsonException;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompFrame;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Runs one function message on a worker thread: reads the FunctionDataDTO body, runs the named function with status
 * messages going to the message's {@code reply-to}, and hands the final reply (result or error) to
 * {@link ReplyDelivery}. Whatever goes wrong, the message ends with one reply and one ACK; a poisoned message (not
 * JSON, no such function, larger than the frame limit) never stays in the queue. Logs one INFO line per call.
 */
final class InvocationTask implements Runnable {

  private static final Logger LOG = Loggers.WORKER;

  /** What a call came to, for its log line. */
  @SuppressWarnings("ArrayRecordComponent") // handed on to the broker once, never compared
  private record Result(byte[] reply, String outcome) {}

  private final StompFrame message;
  private final String messageId;
  private final FunctionRegistry registry;
  private final FunctionRunner runner;
  private final ReplyDelivery replies;
  private final Supplier<WorkerState> state;
  private String functionName = "(unknown function)";

  InvocationTask(StompFrame message, String messageId, FunctionRegistry registry, FunctionRunner runner,
      ReplyDelivery replies, Supplier<WorkerState> state) {
    this.message = message;
    this.messageId = messageId;
    this.registry = registry;
    this.runner = runner;
    this.replies = replies;
    this.state = state;
  }

  @Override
  @SuppressWarnings("try") // the MDC entry is the resource: it lives as long as the try block
  public void run() {
    if (state.get() != WorkerState.RUNNING) {
      replies.abandoned(messageId); // not started: the broker redelivers it after we disconnect
      return;
    }
    long started = System.nanoTime();
    MDC.remove(Loggers.MDC_MISP_STATUS);
    String replyTo = message.header("reply-to");
    String correlationId = message.header("correlation-id");
    Map<String, String> replyHeaders = correlationId == null ? Map.of() : Map.of("correlation-id", correlationId);
    boolean answered = false;
    try (MDC.MDCCloseable ignored = MDC.putCloseable(Loggers.MDC_MESSAGE_ID, messageId)) {
      Result result = runFunction(replyTo, replyHeaders);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (!state.get().mayReply()) {
        LOG.info("{} {}: {} in {} ms{}; not answered, past the shutdown grace period", functionName, messageId,
            result.outcome(), millis, mispStatus());
        return; // stay un-ACKed so the broker redelivers it
      }
      if (replyTo == null) {
        LOG.warn("Message {} has no reply-to header, so no reply can be sent; acknowledging it so it does not stay "
            + "in the queue", messageId);
        answered = true;
        replies.ackWithoutReply(messageId);
        return;
      }
      LOG.info("{} {}: {} in {} ms{}", functionName, messageId, result.outcome(), millis, mispStatus());
      answered = true;
      replies.deliver(messageId, new DeliveryLedger.Reply(replyTo, replyHeaders, result.reply()));
    } finally {
      MDC.remove(Loggers.MDC_FUNCTION);
      MDC.remove(Loggers.MDC_MISP_STATUS);
      if (!answered) {
        replies.abandoned(messageId); // never stuck as "running": a redelivery may run it again
      }
    }
  }

  private Result runFunction(String replyTo, Map<String, String> replyHeaders) {
    if (message.isIncomplete()) {
      String error = "fn-misp skipped function message " + messageId + ": " + message.skipped()
          + " (fn-misp keeps no larger frame, as ActiveMQ accepts none by default)";
      LOG.warn("{}", error);
      return failed(error);
    }
    try {
      JsonNode body = Json.parse(message.body(), "The body of message " + messageId);
      functionName = body.path("function").path("name").asText("");
      MDC.put(Loggers.MDC_FUNCTION, functionName);
      Optional<FunctionHandler> handler = registry.handler(functionName);
      if (handler.isEmpty()) {
        String error = functionName.isEmpty()
            ? "fn-misp received a message without a function name (function.name); it runs " + registry.names()
            : "fn-misp has no function named '" + functionName + "'; it runs " + registry.names();
        LOG.warn("Message {}: {}", messageId, error);
        return failed(error);
      }
      FunctionInvocation invocation =
          new FunctionInvocation(functionName, messageId, Inputs.normalise(body.get("inputs")));
      LOG.debug("Running {}", functionName);
      FunctionOutcome outcome = runner.run(handler.get(), invocation, status(replyTo, replyHeaders));
      return outcome.isCompleted() ? new Result(Replies.completed(outcome.results()), "completed")
          : failed(outcome.error());
    } catch (JsonException e) {
      LOG.warn("Message {}: {}", messageId, e.getMessage());
      return failed("fn-misp could not read the function message: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      // An Error (out of memory on a huge MISP reply, say) still gets its reply, or the call would hang in SOAR.
      LOG.error("Message {} could not be handled", messageId, e);
      return failed(FunctionOutcome.ERROR_PREFIX + "fn-misp could not handle the function message: " + e);
    }
  }

  private static Result failed(String error) {
    String firstLine = error.strip().lines()
        .filter(line -> !line.isBlank() && !line.equals(FunctionOutcome.ERROR_PREFIX.strip())).findFirst()
        .orElse("");
    return new Result(Replies.error(error),
        "failed: " + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine));
  }

  private StatusReporter status(String replyTo, Map<String, String> replyHeaders) {
    if (replyTo == null) {
      return StatusReporter.noop();
    }
    return text -> {
      try {
        replies.sendStatus(replyTo, replyHeaders, Replies.status(text));
      } catch (StompException e) {
        LOG.debug("Status for message {} not sent ({}): {}", messageId, e.getMessage(), text);
      }
    };
  }

  /** The MISP status the call's last MISP answer left in the MDC (see {@link Loggers#MDC_MISP_STATUS}), if any. */
  private static String mispStatus() {
    String status = MDC.get(Loggers.MDC_MISP_STATUS);
    return status == null ? "" : ", MISP HTTP " + status;
  }
}
