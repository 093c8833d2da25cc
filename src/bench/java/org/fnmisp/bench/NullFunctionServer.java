package org.fnmisp.bench;

import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.worker.WorkerSettings;

/**
 * The null baseline: our real {@link FunctionServer} (STOMP client, worker pool, receipts, ACKs) serving one function
 * that calls nothing, in its own process with the same JVM flags as fn-misp. Its throughput is the broker-bound
 * ceiling of our runtime. Arguments: broker port, queue, number of workers.
 */
public final class NullFunctionServer {

  static final String FUNCTION = "bench_null";

  private NullFunctionServer() {}

  public static void main(String[] args) throws InterruptedException {
    int workers = Integer.parseInt(args[2]);
    FunctionServer server = FunctionServer.start(ConfiguredSettings.localStomp("127.0.0.1", Integer.parseInt(args[0])),
        List.of(args[1]), Map.of(FUNCTION, (invocation, status) -> FunctionResult.ok(NullNode.getInstance())),
        WorkerSettings.defaults(workers, workers), Duration.ofSeconds(5));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      stopped.countDown();
    }, "null-server-stop"));
    stopped.await();
  }
}
