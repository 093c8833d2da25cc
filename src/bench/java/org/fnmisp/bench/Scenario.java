package org.fnmisp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fnmisp.json.Json;

/**
 * One benchmark scenario.
 *
 * @param server which process answers: fn-misp itself, or the {@link NullFunctionServer} baseline
 * @param restartBroker stop and restart the broker once half the calls were sent
 */
record Scenario(String name, Server server, String function, ObjectNode inputs, long mispLatencyMillis, int n,
    int concurrency, boolean restartBroker) {

  enum Server { FN_MISP, NULL }

  static ObjectNode inputsFor(String function) {
    ObjectNode inputs = Json.object();
    switch (function) {
      case "misp_create_sighting" -> inputs.put("misp_sighting", "8.8.8.8");
      case "misp_search_attribute", "misp_enrich_artifact" -> inputs.put("misp_attribute_value", "8.8.8.8");
      default -> {}
    }
    return inputs;
  }

  static Scenario fnMisp(String name, String function, long latency, int n, int concurrency) {
    return new Scenario(name, Server.FN_MISP, function, inputsFor(function), latency, n, concurrency, false);
  }
}
