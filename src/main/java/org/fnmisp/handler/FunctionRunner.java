package org.fnmisp.handler;

import java.time.Clock;
import java.time.LocalDateTime;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * Runs a handler and turns whatever happens into a {@link FunctionOutcome}: a v2 payload when the handler returns,
 * the handler's own text for a {@link FunctionException}, and {@code "ERROR:\n\n<what happened>"} (resilient-circuits'
 * form) for anything unexpected. It never throws, so every invocation ends in exactly one reply.
 */
public final class FunctionRunner {

  private static final Logger LOG = Loggers.FUNCTIONS;

  private final ResultPayload payload;
  private final Clock clock;

  public FunctionRunner(ResultPayload payload, Clock clock) {
    this.payload = payload;
    this.clock = clock;
  }

  public FunctionOutcome run(FunctionHandler handler, FunctionInvocation invocation, StatusReporter status) {
    long started = System.nanoTime();
    try {
      FunctionResult result = handler.handle(invocation, status);
      if (result == null) {
        throw new IllegalStateException("the handler returned no result");
      }
      long elapsedMs = (System.nanoTime() - started) / 1_000_000;
      return FunctionOutcome.completed(
          payload.build(result, invocation.inputs(), elapsedMs, LocalDateTime.now(clock)));
    } catch (FunctionException e) {
      LOG.info("{} failed: {}", invocation.functionName(), e.getMessage());
      return FunctionOutcome.failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FunctionOutcome
          .failed(
              FunctionOutcome.ERROR_PREFIX + invocation.functionName() + " was interrupted (fn-misp is shutting down)");
    } catch (Exception | LinkageError | AssertionError e) {
      LOG.warn("{} failed unexpectedly", invocation.functionName(), e);
      return FunctionOutcome.failed(FunctionOutcome.ERROR_PREFIX + describe(e));
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}
