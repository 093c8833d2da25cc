package org.fnmisp.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.fnmisp.Loggers;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionOutcome;
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
 * {@link ReplyDelivery}. Whatever goes wrong, the message ends with one reply and one ACK; a poisoned message never
 * stays in the queue.
 */
final class InvocationTask implements Runnable {

  private static final Logger LOG = Loggers.WORKER;

  private final StompFrame message;
  private final String messageId;
  private final FunctionWorker worker;

  InvocationTask(StompFrame message, String messageId, FunctionWorker worker) {
    this.message = message;
    this.messageId = messageId;
    this.worker = worker;
  }

  @Override
  @SuppressWarnings("try") // the MDC entry is the resource: it lives as long as the try block
  public void run() {
    if (worker.state() != WorkerState.RUNNING) {
      worker.ledger().abandoned(messageId); // not started: the broker redelivers it after we disconnect
      return;
    }
    String replyTo = message.header("reply-to");
    String correlationId = message.header("correlation-id");
    Map<String, String> replyHeaders = correlationId == null ? Map.of() : Map.of("correlation-id", correlationId);
    boolean answered = false;
    try (MDC.MDCCloseable ignored = MDC.putCloseable(Loggers.MDC_MESSAGE_ID, messageId)) {
      byte[] reply = runFunction(replyTo, replyHeaders);
      if (!worker.state().mayReply()) {
        return; // past the shutdown grace period: stay un-ACKed so the broker redelivers it
      }
      if (replyTo == null) {
        LOG.warn("Message {} has no reply-to header, so no reply can be sent; acknowledging it so it does not stay "
            + "in the queue", messageId);
        answered = true;
        worker.replies().ackWithoutReply(messageId);
        return;
      }
      answered = true;
      worker.replies().deliver(messageId, new DeliveryLedger.Reply(replyTo, replyHeaders, reply));
    } finally {
      MDC.remove(Loggers.MDC_FUNCTION);
      if (!answered) {
        worker.ledger().abandoned(messageId); // never stuck as "running": a redelivery may run it again
      }
    }
  }

  private byte[] runFunction(String replyTo, Map<String, String> replyHeaders) {
    try {
      JsonNode body = Json.parse(message.body(), "The body of message " + messageId);
      String functionName = body.path("function").path("name").asText("");
      MDC.put(Loggers.MDC_FUNCTION, functionName);
      Optional<FunctionHandler> handler = worker.registry().handler(functionName);
      if (handler.isEmpty()) {
        String error = functionName.isEmpty()
            ? "fn-misp received a message without a function name (function.name); it runs " + worker.registry().names()
            : "fn-misp has no function named '" + functionName + "'; it runs " + worker.registry().names();
        LOG.warn("Message {}: {}", messageId, error);
        return Replies.error(error);
      }
      FunctionInvocation invocation =
          new FunctionInvocation(functionName, messageId, Inputs.normalise(body.get("inputs")));
      LOG.debug("Running {}", functionName);
      FunctionOutcome outcome = worker.runner().run(handler.get(), invocation, status(replyTo, replyHeaders));
      return outcome.isCompleted() ? Replies.completed(outcome.results()) : Replies.error(outcome.error());
    } catch (JsonException e) {
      LOG.warn("Message {}: {}", messageId, e.getMessage());
      return Replies.error("fn-misp could not read the function message: " + e.getMessage());
    } catch (RuntimeException | Error e) {
      // An Error (out of memory on a huge MISP reply, say) still gets its reply, or the call would hang in SOAR.
      LOG.error("Message {} could not be handled", messageId, e);
      return Replies.error("ERROR:\n\nfn-misp could not handle the function message: " + e);
    }
  }

  private StatusReporter status(String replyTo, Map<String, String> replyHeaders) {
    if (replyTo == null) {
      return StatusReporter.noop();
    }
    return text -> {
      try {
        worker.replies().sendStatus(replyTo, replyHeaders, Replies.status(text));
      } catch (StompException e) {
        LOG.debug("Status for message {} not sent ({}): {}", messageId, e.getMessage(), text);
      }
    };
  }
}
