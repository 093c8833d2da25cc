package org.fnmisp.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fnmisp.config.Secret;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.json.Json;
import org.fnmisp.retry.Backoff;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.testing.StompTestClient;
import org.fnmisp.testing.TestBroker;

/** A TLS test broker, SOAR's side of it, and the function servers a test starts; closing it stops them all. */
final class ServerFixture implements AutoCloseable {

  static final String QUEUE = "actions.201.fn_misp";

  final TestBroker broker = TestBroker.start();
  final StompTestClient soar;
  private final List<FunctionServer> servers = new ArrayList<>();

  ServerFixture() throws Exception {
    soar = StompTestClient.connect(broker, 201, "fn_misp");
  }

  FunctionServer start(Map<String, FunctionHandler> functions, int workers) {
    return start(broker.tlsSettings(), functions, workers, Duration.ofSeconds(10));
  }

  FunctionServer start(StompSettings stomp, Map<String, FunctionHandler> functions, int workers, Duration grace) {
    FunctionServer server = FunctionServer.start(stomp, List.of(QUEUE), functions,
        new WorkerSettings(workers, workers, 3, Duration.ofSeconds(5), Duration.ofHours(1), 1000), grace);
    servers.add(server);
    return server;
  }

  /** Plain STOMP to {@code port} (e.g. a WireTap in front of the broker) as the broker's user. */
  StompSettings plainSettings(int port) {
    return new StompSettings(TestBroker.HOST, port, false, null, TestBroker.USER, Secret.of(TestBroker.PASSWORD),
        StompSettings.DEFAULT_HEART_BEAT, Duration.ofSeconds(5), Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.2, new Random(1)::nextDouble));
  }

  static ObjectNode inputs(String name, Object value) {
    ObjectNode inputs = Json.object();
    inputs.set(name, Json.toTree(value));
    return inputs;
  }

  static FunctionHandler echo() {
    return (invocation, status) -> {
      status.info("Working on " + invocation.input("n").asText());
      return FunctionResult.ok(invocation.inputs());
    };
  }

  @Override
  public void close() {
    for (FunctionServer server : servers) {
      server.stop();
    }
    soar.close();
    broker.close();
  }
}
