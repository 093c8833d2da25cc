package org.fnmisp.cli;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fnmisp.FnMisp;
import org.fnmisp.Loggers;
import org.fnmisp.broker.LocalBroker;
import org.fnmisp.config.AppConfig;
import org.fnmisp.config.ConfigCatalogue;
import org.fnmisp.config.ResilientKeys;
import org.fnmisp.config.secrets.SecretSources;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.handler.FunctionHandler;
import org.fnmisp.misp.MispClient;
import org.fnmisp.server.ConfigWatcher;
import org.fnmisp.server.ConfiguredSettings;
import org.fnmisp.server.FunctionServer;
import org.fnmisp.server.SoarDiscovery;
import org.fnmisp.soar.SoarClient;
import org.fnmisp.soar.SoarException;
import org.fnmisp.stomp.StompException;
import org.fnmisp.stomp.StompSettings;
import org.fnmisp.worker.WorkerSettings;
import org.slf4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fn-misp run}: the function server. Logs in to SOAR, finds the functions' message destination, then takes
 * calls over STOMP until SIGTERM/SIGINT. {@code --local} skips SOAR and serves a broker on this machine instead.
 */
@Command(name = "run", description = "Run the function server: take SOAR function calls from the message broker, "
    + "call MISP and reply. Stops cleanly on SIGTERM or Ctrl-C.")
public final class RunCommand extends ConfiguredCommand {

  private static final Logger LOG = Loggers.SERVER;
  static final int LOCAL_BROKER_PORT = 61613;
  static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(2);

  @Option(names = "--num-workers", paramLabel = "N",
      description = "Function calls run at the same time (overrides [resilient] num_workers).")
  Integer numWorkers;

  @Option(names = "--local", description = "Try it without SOAR: serve a message broker on this machine "
      + "(STOMP on 127.0.0.1:" + LOCAL_BROKER_PORT + ", or the one named by --broker); no SOAR REST login.")
  boolean local;

  @Option(names = "--port", paramLabel = "PORT",
      description = "With --local: the port of the broker it starts (default " + LOCAL_BROKER_PORT
          + "; 0 = any free port).")
  Integer port;

  @Mixin
  BrokerOptions broker;

  @Option(names = "--watch-config", description = "When app.config changes, finish the calls in progress (as on "
      + "SIGTERM) and exit with code " + ExitCodes.CONFIG_CHANGED + " so that the supervisor restarts fn-misp with "
      + "it. Always on in App Host (APP_HOST_CONTAINER=1).")
  boolean watchConfig;

  private ConfigWatcher configWatcher;

  @Override
  protected boolean logsToFile() {
    return true;
  }

  @Override
  public Integer call() throws Exception {
    if (broker.given() && !local) {
      throw new ExitException(ExitCodes.USAGE, "--broker works only with --local");
    }
    if (port != null && (!local || broker.given())) {
      throw new ExitException(ExitCodes.USAGE, "--port " + port + " works only with --local (without --broker): it "
          + "is the port of the broker `run --local` starts");
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new ExitException(ExitCodes.USAGE, "--port " + port + ": must be between 0 and 65535 (0 = any free port)");
    }
    context().stopSignal().listen();
    AppConfig config = loadConfig(local ? ConfigCatalogue.MISP_SECTIONS : ConfigCatalogue.SECTIONS);
    WorkerSettings workers = ConfiguredSettings.worker(config, numWorkers);
    Duration grace = config.get(ResilientKeys.SHUTDOWN_GRACE_S);
    LOG.info("fn-misp {} starting", FnMisp.version());
    if (watchConfig || SecretSources.inAppHost(context().environment())) {
      configWatcher = ConfigWatcher.start(config.source(), CONFIG_CHECK_INTERVAL, context().stopSignal()::stop);
    }
    try (MispClient misp = new MispClient(ConfiguredSettings.misp(config, context().environment()))) {
      Map<String, FunctionHandler> functions = FnMispFunctions.all(misp, ConfiguredSettings.functions(config));
      return local ? runLocal(functions, workers, grace) : runWithSoar(config, functions, workers, grace);
    } finally {
      if (configWatcher != null) {
        configWatcher.close();
      }
    }
  }

  private int runWithSoar(AppConfig config, Map<String, FunctionHandler> functions, WorkerSettings workers,
      Duration grace) throws InterruptedException {
    List<String> queues;
    try (SoarClient soar = SoarClient.connect(ConfiguredSettings.soar(config))) {
      LOG.info("Logged in to SOAR as {}, org '{}' (id {}){}", soar.principalDescription(), soar.org().name(),
          soar.org().id(), soar.serverVersion().map(version -> ", SOAR " + version).orElse(""));
      queues = SoarDiscovery.queues(soar, functions.keySet());
    } catch (SoarException e) {
      throw new ExitException(ExitCodes.of(e.kind()), e.getMessage(), e);
    }
    StompSettings stomp = ConfiguredSettings.stomp(config);
    if (!stomp.trust().isVerifying()) {
      LOG.warn("[resilient] stomp_cafile/cafile = false: the broker's certificate is not verified");
    }
    return serve(stomp, queues, functions, workers, grace, false);
  }

  private int runLocal(Map<String, FunctionHandler> functions, WorkerSettings workers, Duration grace)
      throws InterruptedException {
    List<String> queues = List.of(broker.queue());
    if (broker.given()) {
      return serve(broker.stomp(), queues, functions, workers, grace, false);
    }
    int wanted = port == null ? LOCAL_BROKER_PORT : port;
    try (LocalBroker embedded = LocalBroker.start("127.0.0.1", wanted, null)) {
      LOG.info("Try it: java -jar fn-misp.jar invoke --broker stomp://127.0.0.1:{} misp_search_attribute "
          + "misp_attribute_value=8.8.8.8", embedded.stompPort());
      return serve(ConfiguredSettings.localStomp(embedded.host(), embedded.stompPort()), queues, functions, workers,
          grace, true);
    } catch (BindException e) {
      throw new ExitException(ExitCodes.APP_FAILURE, e.getMessage() + "; choose another port with --port (--port 0 "
          + "takes any free one)", e);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.APP_FAILURE, e.getMessage(), e);
    }
  }

  /**
   * @param inMemoryBroker true when the broker lives in this process and keeps messages in memory: calls not answered
   *     at shutdown are then lost with it, not redelivered
   */
  private int serve(StompSettings stomp, List<String> queues, Map<String, FunctionHandler> functions,
      WorkerSettings workers, Duration grace, boolean inMemoryBroker) throws InterruptedException {
    FunctionServer server = FunctionServer.start(stomp, queues, functions, workers, grace, inMemoryBroker);
    try {
      server.stomp().awaitConnected(stomp.connectTimeout());
    } catch (StompException e) {
      if (!e.isRetryable()) {
        // A refused login or an untrusted certificate does not heal by itself: say so and stop, as circuits does.
        server.stop();
        throw new ExitException(ExitCodes.of(e.kind()), e.getMessage(), e);
      }
      LOG.warn("Not connected to the message broker yet: {}. fn-misp keeps trying", e.getMessage());
    }
    try {
      context().stopSignal().await();
    } finally {
      server.stop();
    }
    return configWatcher != null && configWatcher.changed() ? ExitCodes.CONFIG_CHANGED : ExitCodes.OK;
  }
}
