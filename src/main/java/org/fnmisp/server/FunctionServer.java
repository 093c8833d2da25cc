package org.fnmisp.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fnmisp.FnMisp;
import org.fnmisp.Loggers;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionRunner;
import org.fnmisp.handler.HostName;
import org.fnmisp.handler.ResultPayload;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.worker.FunctionRegistry;
import org.fnmisp.worker.FunctionWorker;
import org.fnmisp.worker.WorkerSettings;
import org.slf4j.Logger;

/**
 * A running function server: a STOMP connection to the broker, subscribed to the function queues, feeding a
 * {@link FunctionWorker}. It reconnects by itself until {@link #stop()}.
 */
public final class FunctionServer {

  private static final Logger LOG = Loggers.SERVER;

  private final FunctionWorker worker;
  private final StompClient stomp;
  private final Duration shutdownGrace;
  private final boolean inMemoryBroker;

  private FunctionServer(FunctionWorker worker, StompClient stomp, Duration shutdownGrace, boolean inMemoryBroker) {
    this.worker = worker;
    this.stomp = stomp;
    this.shutdownGrace = shutdownGrace;
    this.inMemoryBroker = inMemoryBroker;
  }

  /** Starts taking calls of {@code functions} from {@code queues}; the connection is made in the background. */
  public static FunctionServer start(StompSettings stompSettings, List<String> queues,
      Map<String, FunctionHandler> functions, WorkerSettings workerSettings, Duration shutdownGrace) {
    return start(stompSettings, queues, functions, workerSettings, shutdownGrace, false);
  }

  /**
   * As {@link #start(StompSettings, List, Map, WorkerSettings, Duration)}; {@code inMemoryBroker} says the broker
   * keeps messages in memory and stops with this process ({@code run --local}), so unanswered calls are lost, not
   * redelivered, and the shutdown lines say so.
   */
  public static FunctionServer start(StompSettings stompSettings, List<String> queues,
      Map<String, FunctionHandler> functions, WorkerSettings workerSettings, Duration shutdownGrace,
      boolean inMemoryBroker) {
    // metrics.timestamp is the host's local time, as resilient-circuits writes it (datetime.now()).
    @SuppressWarnings("JavaTimeDefaultTimeZone")
    Clock localTime = Clock.systemDefaultZone();
    FunctionRunner runner = new FunctionRunner(
        new ResultPayload(FnMisp.PACKAGE, FnMisp.version(), HostName.get()), localTime);
    FunctionWorker worker = new FunctionWorker(FunctionRegistry.of(functions), runner, workerSettings);
    StompClient stomp = new StompClient(stompSettings, worker);
    worker.start(stomp, queues);
    stomp.start();
    for (String queue : queues) {
      LOG.info("Subscribing to {} on {} ({} workers, {} subscriptions of one message each)", queue,
          stompSettings.address(), workerSettings.numWorkers(), worker.subscriptions());
    }
    return new FunctionServer(worker, stomp, shutdownGrace, inMemoryBroker);
  }

  public StompClient stomp() {
    return stomp;
  }

  /**
   * Stops taking calls, waits up to the grace period for running ones and their replies, then disconnects.
   *
   * @return true when every started call was answered and acknowledged
   */
  public boolean stop() {
    LOG.info("Shutting down: waiting up to {} s for calls in progress{}", shutdownGrace.toSeconds(), inMemoryBroker
        ? " (the local broker keeps calls in memory: any still running after that are lost, not redelivered)" : "");
    boolean clean = worker.shutdown(shutdownGrace);
    stomp.close(Duration.ofSeconds(5));
    if (clean) {
      LOG.info("Stopped; every call was answered");
    } else if (inMemoryBroker) {
      LOG.warn("Stopped; calls still running were lost with the in-memory local broker (not redelivered): send "
          + "them again");
    } else {
      LOG.info("Stopped; unanswered calls will be redelivered");
    }
    return clean;
  }
}
