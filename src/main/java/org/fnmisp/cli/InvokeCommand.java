package org.fnmisp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fnmisp.FnMisp;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.config.KeySpelling;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.functions.InputType;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionOutcome;
import org.fnmisp.handler.FunctionRunner;
import org.fnmisp.handler.HostName;
import org.fnmisp.handler.Inputs;
import org.fnmisp.handler.ResultPayload;
import org.fnmisp.invoke.BrokerInvocation;
import org.fnmisp.json.Json;
import org.fnmisp.logging.LogSettings;
import org.fnmisp.misp.MispClient;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fn-misp invoke <function> name=value ...}: runs one function and prints its status messages (stderr) and its
 * v2 result JSON (stdout). In-process against the configured MISP by default; with {@code --broker}, through a
 * running server the way SOAR calls it.
 */
@Command(name = "invoke", description = "Run one function and print its status messages (stderr) and result JSON "
    + "(stdout). Exit 0 when it completed (even with success false), 1 when it failed.")
public final class InvokeCommand extends ConfiguredCommand {

  @Parameters(index = "0", paramLabel = "FUNCTION", description = "The function, e.g. misp_search_attribute.")
  String function;

  @Parameters(index = "1..*", paramLabel = "NAME=VALUE",
      description = "Inputs of the function; a text input keeps the value as written, a number, boolean or select "
          + "input takes it as JSON when it is JSON.")
  List<String> inputs = List.of();

  @Option(names = "--input-file", paramLabel = "FILE", description = "A JSON object of inputs.")
  Path inputFile;

  @Mixin
  BrokerOptions broker;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "With --broker: seconds to wait for the final reply (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    ObjectNode arguments = parseInputs();
    return broker.given() ? viaBroker(arguments) : inProcess(arguments);
  }

  private ObjectNode parseInputs() {
    Map<String, InputType> declared = FnMispFunctions.INPUTS.get(function);
    if (declared == null) {
      String hint = KeySpelling.suggestion(function, FnMispFunctions.INPUTS.keySet())
          .map(known -> "did you mean " + known + "? ").orElse("");
      throw new ExitException(ExitCodes.USAGE, "unknown function \"" + function + "\"; " + hint + "fn-misp has "
          + String.join(", ", FnMispFunctions.NAMES));
    }
    try {
      return InvokeArguments.parse(function, declared, inputs, Optional.ofNullable(inputFile)
          .map(file -> context().workingDirectory().resolve(file)));
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  private int inProcess(ObjectNode arguments) {
    AppConfig config = loadConfig(ConfigCatalogue.MISP_SECTIONS);
    try (MispClient misp = new MispClient(ConfiguredSettings.misp(config, context().environment()))) {
      FunctionHandler handler = FnMispFunctions.all(misp, ConfiguredSettings.functions(config)).get(function);
      // metrics.timestamp is the host's local time, as resilient-circuits writes it (datetime.now()).
      @SuppressWarnings("JavaTimeDefaultTimeZone")
      Clock localTime = Clock.systemDefaultZone();
      FunctionRunner runner = new FunctionRunner(
          new ResultPayload(FnMisp.PACKAGE, FnMisp.version(), HostName.get()), localTime);
      FunctionInvocation invocation = new FunctionInvocation(function, "local", Inputs.normalise(arguments));
      FunctionOutcome outcome = runner.run(handler, invocation, message -> {
        err().println("status: " + message);
        err().flush();
      });
      return finish(outcome.isCompleted() ? outcome.results() : null, outcome.error());
    }
  }

  private int viaBroker(ObjectNode arguments) throws InterruptedException {
    StompSettings stomp = broker.stomp();
    // No app.config here: stderr shows the call's status messages and, on failure, one Error line, not the STOMP
    // client's narration (its "retrying in the background" would be wrong: invoke does not retry).
    context().logging().accept(new LogSettings(logLevel.level() == null ? "ERROR" : logLevel.level(), null, 0, 0));
    try {
      JsonNode reply = BrokerInvocation.call(stomp, broker.queue(), function, arguments,
          Duration.ofSeconds(timeoutSeconds), status -> {
            err().println("status: " + status.path("message").asText());
            err().flush();
          });
      boolean failed = reply.path("message_type").asInt() == 1;
      return finish(failed ? null : reply.path("results"), failed ? reply.path("message").asText() : null);
    } catch (StompException e) {
      throw new ExitException(ExitCodes.STOMP_GENERIC, e.getMessage(), e);
    }
  }

  private int finish(JsonNode results, String error) {
    if (results == null) {
      err().println("Error: " + error);
      err().flush();
      return ExitCodes.APP_FAILURE;
    }
    out().println(Json.writePretty(results));
    out().flush();
    return ExitCodes.OK;
  }
}
