package org.fnmisp.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.fnmisp.FnMisp;
import org.fnmisp.broker.LocalBroker;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.functions.FunctionSettings;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.invoke.BrokerInvocation;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.worker.WorkerSettings;

/**
 * {@code fn-misp demo}: the whole path of a SOAR function call on this machine, with nothing to install or configure.
 * A MISP stand-in, the embedded broker and the function server of {@code run --local} start in this process on free
 * ports; then every registered function is called once through the broker, as SOAR calls it, and its status messages
 * and a one-line summary of its result are printed.
 */
public final class Demo {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final String QUEUE = FnMisp.queue(201, FnMisp.MESSAGE_DESTINATION);

  private Demo() {}

  /**
   * Runs the demo, printing to {@code out}.
   *
   * @return true when every function answered with success
   */
  public static boolean run(PrintWriter out) throws IOException, InterruptedException {
    out.println("fn-misp " + FnMisp.version() + " demo: every function called once the way SOAR calls it, against a "
        + "MISP stand-in; no SOAR and no MISP needed.");
    try (MispStandIn standIn = MispStandIn.start(out);
        MispClient misp = new MispClient(MispSettings.of(HttpUrl.get(standIn.url()), standIn.key()));
        LocalBroker broker = LocalBroker.start("127.0.0.1", 0, null)) {
      out.println("  MISP stand-in (not a real MISP) on " + standIn.url() + ", seeded with event "
          + MispStandIn.SEEDED_EVENT + " holding ip-dst " + MispStandIn.SEEDED_VALUE);
      StompSettings stomp = ConfiguredSettings.localStomp(broker.host(), broker.stompPort());
      Map<String, FunctionHandler> functions = FnMispFunctions.all(misp, FunctionSettings.defaults());
      FunctionServer server = FunctionServer.start(stomp, List.of(QUEUE), functions, WorkerSettings.defaults(2, 2),
          Duration.ofSeconds(5), true);
      out.println("  fn-misp server (as `run --local`) on the local broker stomp://" + stomp.address() + ", queue "
          + QUEUE + ", " + functions.size() + " functions");
      out.flush();
      int succeeded = 0;
      try {
        server.stomp().awaitConnected(CALL_TIMEOUT);
        for (String function : functions.keySet()) {
          succeeded += call(function, stomp, out) ? 1 : 0;
        }
      } catch (StompException e) {
        out.println("The demo could not reach its own broker: " + e.getMessage());
      } finally {
        server.stop();
      }
      boolean allSucceeded = succeeded == functions.size();
      out.println();
      out.println((allSucceeded ? "Demo done: " : "Demo FAILED: ") + succeeded + " of " + functions.size()
          + " functions answered with success (MISP stand-in data, not a real MISP). Next: point app.config at your "
          + "MISP and SOAR (README, \"Set up against SOAR\").");
      out.flush();
      return allSucceeded;
    }
  }

  private static boolean call(String function, StompSettings stomp, PrintWriter out) throws InterruptedException {
    out.println();
    DemoCalls.DemoCall demo = DemoCalls.BY_FUNCTION.get(function);
    if (demo == null) {
      out.println(function + ": FAILED: the demo has no inputs for it (add them to " + DemoCalls.class.getName() + ")");
      return false;
    }
    out.println(function + " " + demo.inputs());
    out.flush();
    long started = System.nanoTime();
    JsonNode reply;
    try {
      reply = BrokerInvocation.call(stomp, QUEUE, function, demo.inputs().deepCopy(), CALL_TIMEOUT, status -> {
        out.println("  status: " + status.path("message").asText());
        out.flush();
      });
    } catch (StompException e) {
      out.println("  FAILED: " + e.getMessage());
      return false;
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (reply.path("message_type").asInt() == 1) {
      out.println("  FAILED in " + millis + " ms: " + reply.path("message").asText());
      return false;
    }
    JsonNode results = reply.path("results");
    boolean success = results.path("success").asBoolean(false);
    out.println("  " + (success ? "result: success, " + demo.summary().apply(results) : "result: success false, "
        + results.path("content")) + " (" + millis + " ms)");
    out.flush();
    return success;
  }
}
