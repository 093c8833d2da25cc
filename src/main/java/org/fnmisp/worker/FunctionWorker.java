package org.fnmisp.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fnmisp.Loggers;
import org.fnmisp.handler.FunctionRunner;
import org.fnmisp.stomp.StompClient;
import org.fnmisp.stomp.StompFrame;
import org.fnmisp.stomp.StompListener;
import org.slf4j.Logger;

/**
 * Takes function messages from the broker and runs them on a pool of {@code num_workers} threads.
 *
 * <p>How it works: the STOMP reader thread only asks the {@link DeliveryLedger} what a frame means and hands the
 * work to a thread; it never runs a function or waits. A worker thread runs the function ({@link InvocationTask}),
 * and {@link ReplyDelivery} sends the final reply together with the message's ACK in one broker transaction.
 * Redelivered frames (after a reconnect or a refused COMMIT) update the ACK id of the running call, re-send the kept
 * reply, or are just ACKed: a function runs at most once per message id in this process while its reply is kept.
 */
public final class FunctionWorker implements StompListener {

  private static final Logger LOG = Loggers.WORKER;

  private final FunctionRegistry registry;
  private final FunctionRunner runner;
  private final WorkerSettings settings;
  private final DeliveryLedger ledger;
  private final int subscriptions;
  private final ThreadPoolExecutor functionPool;
  private final ExecutorService deliveryThread;
  private final List<String> queues = new ArrayList<>();
  private volatile ReplyDelivery replies;
  private volatile WorkerState state = WorkerState.RUNNING;
  private final AtomicBoolean readRefusalLogged = new AtomicBoolean();

  public FunctionWorker(FunctionRegistry registry, FunctionRunner runner, WorkerSettings settings) {
    this.registry = registry;
    this.runner = runner;
    this.settings = settings;
    this.ledger = new DeliveryLedger(settings, System::nanoTime);
    this.subscriptions = settings.subscriptions();
    if (subscriptions < settings.prefetch()) {
      LOG.warn("[resilient] stomp_prefetch_limit = {}: fn-misp takes at most {} message(s) at a time (at most "
          + "num_workers = {} and at most {}): a message taken beyond what the workers can run only waits, and "
          + "the broker's work per call grows with the number of subscriptions", settings.prefetch(), subscriptions,
          settings.numWorkers(), WorkerSettings.MAX_SUBSCRIPTIONS);
    }
    this.functionPool = new ThreadPoolExecutor(settings.numWorkers(), settings.numWorkers(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("fn-worker"));
    this.deliveryThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        daemonThreads("fn-delivery"));
  }

  /**
   * Starts taking messages from {@code queues} (e.g. {@code actions.201.fn_misp}) over {@code client}, whose listener
   * must be this worker. The subscriptions are remembered by the client and renewed after every reconnect.
   */
  public void start(StompClient stompClient, List<String> queueNames) {
    this.replies = new ReplyDelivery(stompClient, ledger, settings, this::state);
    // One subscription per message in flight, each with a prefetch of 1 and `client` acknowledgement: the reply and
    // the ACK go in one transaction, and ActiveMQ only forgets a transacted ACK in `client` mode (in
    // `client-individual` mode it keeps every one for the life of the subscription and scans them all on each
    // COMMIT). With one message per subscription, a `client` ACK is exactly that message's ACK.
    for (String queue : queueNames) {
      queues.add(queue);
      for (int slot = 1; slot <= subscriptions; slot++) {
        stompClient.subscribe(queue, queue + "#" + slot, Map.of("ack", "client", "activemq.prefetchSize", "1"));
      }
    }
  }

  /** Subscriptions per queue: one per message in flight. */
  public int subscriptions() {
    return subscriptions;
  }

  @Override
  public void onConnected(long epoch) {
    readRefusalLogged.set(false);
    LOG.info("Connected to the message broker; taking function calls from {}", queues);
  }

  @Override
  public void onDisconnected(long epoch, String reason) {
    if (state == WorkerState.STOPPED) {
      return; // our own DISCONNECT at shutdown
    }
    int unfinished = ledger.unfinished();
    LOG.warn("Lost the connection to the message broker ({}); {} call(s) in progress keep running and reply after "
        + "the reconnect", reason, unfinished);
  }

  @Override
  public void onError(StompFrame error) {
    String message = error.header("message");
    // Every subscription slot gets the same refusal: one explanation per connection is enough.
    if (message != null && message.contains("not authorized to read") && !readRefusalLogged.getAndSet(true)) {
      LOG.error("The broker refused to let fn-misp read {}: {}. Grant the API key access to the message destination "
          + "(run `fn-misp customize`, or add the key to the destination in SOAR's Administrator Settings)", queues,
          message);
    }
  }

  @Override
  public void onMessage(StompFrame message, long epoch) {
    String messageId = message.header("message-id");
    String ackId = message.header("ack");
    if (messageId == null || ackId == null) {
      // Header names only: values such as Co3ContextToken are credentials.
      LOG.warn("Ignoring a {} frame without message-id or ack header (headers: {})", message.command(),
          message.headers().keySet());
      return;
    }
    DeliveryLedger.Delivery delivery = new DeliveryLedger.Delivery(ackId, epoch, message.header("subscription"));
    DeliveryLedger.Decision decision = replies.delivered(messageId, delivery);
    if (decision == DeliveryLedger.Decision.RUN && state != WorkerState.RUNNING) {
      replies.abandoned(messageId); // shutting down: left un-ACKed, the broker gives it to another consumer
      return;
    }
    try {
      switch (decision) {
        case RUN -> functionPool.execute(
            new InvocationTask(message, messageId, registry, runner, replies, this::state));
        case ALREADY_RUNNING -> LOG.info("Message {} was redelivered while its function is still running; its "
            + "reply will acknowledge the new delivery", messageId);
        case RESEND_REPLY -> deliveryThread.execute(() -> replies.resendReply(messageId));
        case ACK_ONLY -> deliveryThread.execute(() -> replies.ackAgain(messageId, delivery));
        case DEAD_LETTER -> deliveryThread.execute(() -> replies.deadLetter(messageId, delivery));
      }
    } catch (RejectedExecutionException e) {
      if (decision == DeliveryLedger.Decision.RUN) {
        replies.abandoned(messageId); // the pool closed for shutdown in between: redelivered elsewhere
      }
    }
  }

  WorkerState state() {
    return state;
  }

  /**
   * Stops taking new calls, lets running ones finish and deliver their replies for up to {@code grace}, then stops
   * the threads. Calls still running after that are abandoned un-ACKed, so the broker redelivers them.
   *
   * @return true when every call that had started finished and was acknowledged in time
   */
  public boolean shutdown(Duration grace) {
    state = WorkerState.DRAINING;
    long deadline = System.nanoTime() + grace.toNanos();
    functionPool.shutdown();
    boolean finished = awaitQuietly(functionPool, deadline);
    if (!finished) {
      state = WorkerState.ABANDONING;
      LOG.warn("{} call(s) did not finish within the shutdown grace period of {} s; they stay unacknowledged and the "
          + "broker will redeliver them", functionPool.getActiveCount(), grace.toSeconds());
      functionPool.shutdownNow();
    }
    boolean settled = finished && awaitSettled(deadline);
    deliveryThread.shutdown();
    awaitQuietly(deliveryThread, Math.max(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
    state = WorkerState.STOPPED;
    return settled;
  }

  /** Replies that wait for a reconnect (and the redelivery) still get their chance within the grace period. */
  private boolean awaitSettled(long deadlineNanos) {
    try {
      if (ledger.awaitSettled(deadlineNanos)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state = WorkerState.ABANDONING;
    LOG.warn("{} finished call(s) could not deliver their reply within the shutdown grace period; the broker will "
        + "redeliver them", ledger.unfinished());
    return false;
  }

  private static boolean awaitQuietly(ExecutorService executor, long deadlineNanos) {
    try {
      return executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
