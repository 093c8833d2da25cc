package org.fnmisp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fnmisp.FnMisp;
import org.fnmisp.json.Json;

/**
 * Runs every scenario end to end on loopback: a broker JVM (persistent), the MISP stand-in (in this JVM), fn-misp (or
 * the null server) as its own process with default JVM flags, and the {@link LoadGenerator}. Prints one JSON line per
 * scenario and a summary table, and writes {@code target/bench/results.json}. Run it with {@code bench/run.sh}.
 */
public final class BenchMain {

  static final String QUEUE = FnMisp.queue(201, FnMisp.MESSAGE_DESTINATION);
  private static final String KEY = "benchkey".repeat(5); // 40 characters, as a MISP key
  private static final Duration DRAIN = Duration.ofSeconds(20);

  private final BenchOptions options;
  private final Path work;
  private final MispStandIn misp;
  private SoarStandIn soar;
  private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private BrokerProcess broker;

  private BenchMain(BenchOptions options, Path work, MispStandIn misp) {
    this.options = options;
    this.work = work;
    this.misp = misp;
  }

  public static void main(String[] args) throws Exception {
    // The JDK HTTP server leaves Nagle on: its header and body writes would add ~40 ms (delayed ACK) to every MISP call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    BenchOptions options = BenchOptions.parse(args);
    String loadBefore = loadAverage();
    if (!Files.isRegularFile(options.jar())) {
      throw new IllegalStateException(options.jar() + " is missing: build it with `mvn -B -o -DskipTests package`");
    }
    Files.createDirectories(options.out());
    Path work = Files.createTempDirectory("fn-misp-bench");
    List<ObjectNode> results = new ArrayList<>();
    ObjectNode brokerWarmup;
    try (MispStandIn misp = new MispStandIn()) {
      BenchMain bench = new BenchMain(options, work, misp);
      try {
        if (options.wants("startup_soar")) {
          bench.soar = new SoarStandIn(work);
        }
        bench.broker = BrokerProcess.start(bench.javaCommand, work,
            bench.soar == null ? null : bench.soar.serverKeyFile());
        bench.prime();
        brokerWarmup = bench.warmUpBroker();
        for (Scenario scenario : scenarios(options)) {
          if (options.wants(scenario.name())) {
            List<ObjectNode> scenarioResults = scenario.name().equals("startup_soar")
                ? List.of(bench.startupSoar(scenario, StartMode.JAVA_JAR), bench.startupSoar(scenario,
                    StartMode.LAUNCHER))
                : List.of(bench.run(scenario));
            for (ObjectNode result : scenarioResults) {
              System.out.println(Json.write(result));
              results.add(result);
            }
          }
        }
      } finally {
        if (bench.broker != null) {
          bench.broker.close();
        }
        if (bench.soar != null) {
          bench.soar.close();
        }
      }
    }
    Report report = new Report(results);
    report.brokerWarmup(brokerWarmup);
    report.environment(loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
    System.out.println();
    System.out.print(report.table());
    Files.writeString(options.out().resolve("results.json"), Json.writePretty(report.json()));
    System.out.println("Written to " + options.out().resolve("results.json") + "; process logs in " + work);
  }

  /** CPU time of this JVM (load generator and MISP stand-in together). */
  private static long loaderCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The 1/5/15-minute load averages: other work on the machine skews every figure, so it goes into the report. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static List<Scenario> scenarios(BenchOptions o) {
    int n = o.n();
    int c = o.concurrency();
    String sighting = "misp_create_sighting";
    String search = "misp_search_attribute";
    return List.of(
        new Scenario("null_baseline", Scenario.Server.NULL, NullFunctionServer.FUNCTION, Json.object(), 0, n, c, false),
        Scenario.fnMisp("sighting_0ms", sighting, 0, n, c),
        Scenario.fnMisp("sighting_20ms", sighting, 20, n, c),
        Scenario.fnMisp("search_0ms", search, 0, n, c),
        Scenario.fnMisp("search_20ms", search, 20, n, c),
        Scenario.fnMisp("enrich_0ms", "misp_enrich_artifact", 0, n, c),
        Scenario.fnMisp("single_call", sighting, 0, Math.max(200, n / 5), 1),
        new Scenario("broker_restart", Scenario.Server.FN_MISP, sighting, Scenario.inputsFor(sighting), 20, n, c,
            true),
        Scenario.fnMisp("startup_soar", sighting, 0, n, c),
        Scenario.fnMisp("soak", sighting, 0, o.soak(), c));
  }

  private ObjectNode run(Scenario scenario) throws Exception {
    misp.latency(scenario.mispLatencyMillis());
    long[] brokerBack = {0, 0};
    try (LoadGenerator load = new LoadGenerator(broker.port(), QUEUE);
        ChildProcess server = startServer(scenario)) {
      LoadGenerator.Window first = load.run(scenario.function(), scenario.inputs(), 1, 1, Duration.ofSeconds(60),
          Duration.ZERO, null);
      double startToFirstReplyMs = first.unique.sum() == 1
          ? (first.finalReplyNanos.get() - server.launchedNanos()) / 1e6 : Double.NaN;
      LoadGenerator.Window warmup = load.run(scenario.function(), scenario.inputs(), options.warmup(),
          scenario.concurrency(), DRAIN, Duration.ofMillis(100), null);
      double rssAt10k = Double.NaN;
      long soakLost = 0;
      long soakDuplicates = 0;
      if (scenario.name().equals("soak")) {
        // RSS after the first 10,000 calls, against RSS after all of them: memory must not grow with the calls
        LoadGenerator.Window first10k = load.run(scenario.function(), scenario.inputs(), 10_000,
            scenario.concurrency(), DRAIN, Duration.ofMillis(200), null);
        rssAt10k = server.rssMb();
        soakLost = 10_000 - first10k.unique.sum();
        soakDuplicates = first10k.duplicates.sum();
        scenario = Scenario.fnMisp("soak", scenario.function(), 0, scenario.n() - 10_000, scenario.concurrency());
      }
      double cpuBefore = server.cpuSeconds();
      java.util.Map<String, Double> threadsBefore = server.threadCpuSeconds();
      long mispBefore = misp.requests();
      long connectionsBefore = misp.connections();
      double brokerCpuBefore = broker.cpuSeconds();
      long loaderCpuBefore = loaderCpuNanos();
      Runnable restart = scenario.restartBroker() ? () -> brokerBack[0] = restartBroker(brokerBack) : null;
      LoadGenerator.Window measured = load.run(scenario.function(), scenario.inputs(), scenario.n(),
          scenario.concurrency(), scenario.restartBroker() ? DRAIN.plusSeconds(options.outageSeconds()) : DRAIN,
          Duration.ofMillis(scenario.restartBroker() ? 3000 : 200), restart);
      double cpu = server.cpuSeconds() - cpuBefore;
      long mispRequests = misp.requests() - mispBefore;
      long mispConnections = misp.connections() - connectionsBefore;
      double loaderCpu = (loaderCpuNanos() - loaderCpuBefore) / 1e9;
      // After a restart this is the new broker's CPU only: the figure is left out then.
      double brokerCpu = scenario.restartBroker() ? Double.NaN : broker.cpuSeconds() - brokerCpuBefore;
      double rss = server.peakRssMb();
      java.util.Map<String, Double> threadsAfter = server.threadCpuSeconds();
      ObjectNode result = Report.scenario(scenario, options.workers(), measured, warmup, cpu, mispRequests, rss,
          startToFirstReplyMs);
      if (scenario.restartBroker()) {
        long back = brokerBack[0];
        long firstAfter = back == 0 ? -1 : measured.firstReplyAfter(back);
        result.put("broker_down_ms", brokerBack[1] / 1e6);
        result.put("first_reply_after_broker_back_ms", firstAfter < 0 ? Double.NaN : (firstAfter - back) / 1e6);
      }
      ObjectNode threads = result.putObject("thread_cpu_s");
      threadsAfter.entrySet().stream()
          .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0.0)))
          .filter(e -> e.getValue() >= 0.01)
          .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> threads.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
      result.put("misp_connections_opened", mispConnections);
      long calls = Math.max(1, measured.unique.sum());
      if (!Double.isNaN(brokerCpu)) {
        result.put("broker_cpu_s_per_1000_calls", Math.round(brokerCpu * 1e6 / calls) / 1000.0);
      }
      result.put("loadgen_and_misp_cpu_s_per_1000_calls", Math.round(loaderCpu * 1e6 / calls) / 1000.0);
      double jit = threadsAfter.entrySet().stream().filter(e -> e.getKey().startsWith("C# Compiler"))
          .mapToDouble(e -> e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0.0)).sum();
      result.put("cpu_s_per_1000_calls_excl_jit", Math.round((cpu - jit) * 1e6 / Math.max(1, measured.unique.sum()))
          / 1000.0);
      if (!Double.isNaN(rssAt10k)) {
        double rssAtEnd = server.rssMb();
        result.put("rss_mb_after_10k", Math.round(rssAt10k * 10) / 10.0);
        result.put("rss_mb_after_all", Math.round(rssAtEnd * 10) / 10.0);
        result.put("rss_growth_percent", Math.round((rssAtEnd / rssAt10k - 1) * 1000) / 10.0);
        result.put("lost_in_first_10k", soakLost);
        result.put("duplicated_in_first_10k", soakDuplicates);
      }
      result.put("server_alive", server.isAlive());
      return result;
    }
  }

  /** How {@code startup_soar} starts fn-misp. */
  enum StartMode {
    /** {@code java -jar fn-misp.jar run}: no JVM flags, as a systemd unit or an image written by someone else runs it. */
    JAVA_JAR,
    /** {@code bin/fn-misp run}: the launcher, with bin/jvm.options and its class-data archive. */
    LAUNCHER
  }

  /**
   * fn-misp as it runs next to SOAR: REST login over HTTPS, org, server version and one look-up per function at the
   * {@link SoarStandIn}, then STOMP over TLS to the broker. One unmeasured first start (an installation's first, which
   * records the class-data archive), then {@code --starts} starts, each stopped after its first reply: start to first
   * reply and the CPU used until then (median). The last start then takes a burst of N calls at concurrency C: peak
   * RSS and CPU per 1000 calls. A process that started itself again counts with its child.
   */
  private ObjectNode startupSoar(Scenario scenario, StartMode mode) throws Exception {
    misp.latency(0);
    String name = "startup_soar_" + mode.name().toLowerCase(java.util.Locale.ROOT);
    Path config = writeSoarConfig(name);
    Path cds = Files.createDirectories(work.resolve("cds-" + name));
    int starts = options.starts();
    double[] startMs = new double[starts];
    double[] startCpu = new double[starts];
    double firstStartMs = Double.NaN;
    ObjectNode result = null;
    long soarRequestsBefore = soar.requests();
    int processes = 0;
    try (LoadGenerator load = new LoadGenerator(broker.port(), QUEUE)) {
      for (int start = -1; start < starts; start++) {
        try (ChildProcess server = startSoarMode(name + "-" + (start + 1), mode, config, cds)) {
          LoadGenerator.Window first = load.run(scenario.function(), scenario.inputs(), 1, 1, Duration.ofSeconds(60),
              Duration.ZERO, null);
          double cpu = server.treeCpuSeconds();
          if (first.unique.sum() != 1) {
            throw new IllegalStateException(name + ": no reply to the first call within 60 s; see the logs in " + work);
          }
          double ms = (first.finalReplyNanos.get() - server.launchedNanos()) / 1e6;
          if (start < 0) {
            firstStartMs = ms;
            continue;
          }
          startMs[start] = ms;
          startCpu[start] = cpu;
          if (start == starts - 1) {
            processes = server.treeSize();
            LoadGenerator.Window warmup = load.run(scenario.function(), scenario.inputs(), options.warmup(),
                scenario.concurrency(), DRAIN, Duration.ofMillis(100), null);
            double cpuBefore = server.treeCpuSeconds();
            long mispBefore = misp.requests();
            LoadGenerator.Window burst;
            double rssSumPeak;
            try (RssSampler sampler = new RssSampler(server)) {
              burst = load.run(scenario.function(), scenario.inputs(), scenario.n(), scenario.concurrency(), DRAIN,
                  Duration.ofMillis(200), null);
              rssSumPeak = sampler.peakMb();
            }
            double burstCpu = server.treeCpuSeconds() - cpuBefore;
            result = Report.scenario(new Scenario(name, Scenario.Server.FN_MISP, scenario.function(),
                scenario.inputs(), 0, scenario.n(), scenario.concurrency(), false), options.workers(), burst, warmup,
                burstCpu, misp.requests() - mispBefore, server.treePeakRssMb(), median(startMs));
            result.put("pss_mb_after_burst", Math.round(server.treePssMb() * 10) / 10.0);
            result.put("rss_sum_peak_sampled_mb", Math.round(rssSumPeak * 10) / 10.0);
            result.put("process_peak_rss_mb", Math.round(server.peakRssMb() * 10) / 10.0);
            result.put("server_alive", server.isAlive());
          }
        }
      }
    }
    result.put("processes", processes);
    com.fasterxml.jackson.databind.node.ArrayNode startsMs = result.putArray("starts_ms");
    for (double ms : startMs) {
      startsMs.add(Math.round(ms));
    }
    result.put("first_start_ever_ms", Math.round(firstStartMs));
    result.put("startup_cpu_s", Math.round(median(startCpu) * 100) / 100.0);
    result.put("soar_requests_per_start", (soar.requests() - soarRequestsBefore) / (starts + 1));
    return result;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private ChildProcess startSoarMode(String name, StartMode mode, Path config, Path cds) throws Exception {
    Map<String, String> environment = new java.util.HashMap<>(Map.of("FN_MISP_CDS_DIR", cds.toString(),
        "JAVA_HOME", System.getProperty("java.home")));
    // -Dbench.startupJvm="-Xlog:class+load:file=/tmp/cl-%p.log:uptime" profiles the starts (not for the figures)
    List<String> extra = System.getProperty("bench.startupJvm", "").isBlank() ? List.of()
        : List.of(System.getProperty("bench.startupJvm").trim().split("\\s+"));
    if (mode == StartMode.JAVA_JAR) {
      List<String> command = new ArrayList<>(List.of(javaCommand));
      command.addAll(extra);
      command.addAll(List.of("-jar", options.jar().toAbsolutePath().toString(), "run", "--config-file",
          config.toString()));
      return ChildProcess.start(name, command, environment, work, null);
    }
    environment.put("JAVA_OPTS", String.join(" ", extra));
    environment.put("FN_MISP_JAR", options.jar().toAbsolutePath().toString());
    return ChildProcess.start(name, List.of("bin/fn-misp", "run", "--config-file", config.toString()), environment,
        work, null);
  }

  private Path writeSoarConfig(String name) throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs-" + name));
    Path config = work.resolve(name + ".app.config");
    Files.writeString(config, String.join("\n",
        "[resilient]",
        "host = 127.0.0.1",
        "port = " + soar.port(),
        "org = " + SoarStandIn.ORG,
        "api_key_id = " + SoarStandIn.API_KEY_ID,
        "api_key_secret = " + KEY,
        "cafile = " + soar.caFile(),
        "stomp_port = " + broker.tlsPort(),
        "num_workers = " + options.workers(),
        "logdir = " + logs,
        "loglevel = INFO", // a few lines per start, with the time of each step (login, look-ups, STOMP)
        "",
        "[fn_misp]",
        "misp_url = " + misp.url(),
        "misp_key = " + KEY,
        ""));
    return config;
  }

  /** Stops the broker, starts it again on the same port and data; returns when it accepts connections again. */
  private long restartBroker(long[] timings) {
    try {
      long down = System.nanoTime();
      broker.close();
      Thread.sleep(Duration.ofSeconds(options.outageSeconds()).toMillis()); // the outage itself, not synchronisation
      broker = BrokerProcess.restart(javaCommand, work, broker.port(), null);
      long back = System.nanoTime();
      timings[1] = back - down;
      return back;
    } catch (Exception e) {
      throw new IllegalStateException("broker restart failed: " + e.getMessage(), e);
    }
  }

  private ChildProcess startServer(Scenario scenario) throws Exception {
    String jfr = options.jfr() ? "-XX:StartFlightRecording=filename=" + options.out().toAbsolutePath()
        .resolve(scenario.name() + ".jfr") + ",settings=profile" : "";
    if (scenario.server() == Scenario.Server.NULL) {
      List<String> command = new ArrayList<>(List.of(javaCommand));
      command.addAll(options.serverJvm());
      if (!jfr.isEmpty()) {
        command.add(jfr);
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), NullFunctionServer.class.getName(),
          Integer.toString(broker.port()), QUEUE, Integer.toString(options.workers())));
      return ChildProcess.start(scenario.name(), command, work, null);
    }
    // fn-misp as an operator starts it: through the launcher, with its flags and class-data archive.
    List<String> command = List.of("bin/fn-misp", "run", "--local", "--broker", "stomp://127.0.0.1:" + broker.port(),
        "--config-file", writeConfig(scenario).toString(), "--num-workers", Integer.toString(options.workers()));
    return ChildProcess.start(scenario.name(), command, Map.of(
        "FN_MISP_JAR", options.jar().toAbsolutePath().toString(),
        "FN_MISP_JAVA_OPTS", String.join(" ", options.serverJvm()),
        "FN_MISP_CDS_DIR", work.resolve("cds").toString(),
        "JAVA_OPTS", jfr,
        "JAVA_HOME", System.getProperty("java.home")), work, null);
  }

  /**
   * Starts and stops fn-misp once before the measured scenarios, as installing it would: the launcher records its
   * class-data archive at that first exit, and every scenario then starts with it.
   */
  private void prime() throws Exception {
    Scenario priming = Scenario.fnMisp("priming", "misp_create_sighting", 0, 1, 1);
    try (LoadGenerator load = new LoadGenerator(broker.port(), QUEUE);
        ChildProcess server = startServer(priming)) {
      load.run(priming.function(), priming.inputs(), 1, 1, Duration.ofSeconds(60), Duration.ZERO, null);
    }
  }

  /**
   * SOAR's broker runs for weeks, so its JIT compiler finished long ago. A fresh broker JVM spends most of its CPU
   * compiling ActiveMQ (JFR: 27 s of C2 compiler time in a 31 s run of 5,500 calls), taking the shared cores from
   * fn-misp and the load generator: the scenarios would measure the broker's warm-up. So calls go through the null
   * server first, in rounds of 5,000, until a round's broker CPU per call falls by less than 10 % (or the budget of
   * {@code --broker-warmup} calls is spent). This also warms the load generator. The rounds are reported.
   */
  private ObjectNode warmUpBroker() throws Exception {
    ObjectNode report = Json.object();
    com.fasterxml.jackson.databind.node.ArrayNode rounds = report.putArray("rounds");
    Scenario warming = new Scenario("broker_warmup", Scenario.Server.NULL, NullFunctionServer.FUNCTION, Json.object(),
        0, 5_000, options.concurrency(), false);
    long started = System.nanoTime();
    int done = 0;
    double previous = Double.MAX_VALUE;
    try (LoadGenerator load = new LoadGenerator(broker.port(), QUEUE);
        ChildProcess server = startServer(warming)) {
      while (done < options.brokerWarmup()) {
        int calls = Math.min(warming.n(), options.brokerWarmup() - done);
        double cpuBefore = broker.cpuSeconds();
        long roundStart = System.nanoTime();
        load.run(warming.function(), warming.inputs(), calls, warming.concurrency(), DRAIN, Duration.ofMillis(100),
            null);
        double seconds = (System.nanoTime() - roundStart) / 1e9;
        double msPerCall = (broker.cpuSeconds() - cpuBefore) * 1000 / calls;
        done += calls;
        ObjectNode round = rounds.addObject();
        round.put("calls", calls);
        round.put("calls_per_s", Math.round(calls / seconds));
        round.put("broker_cpu_ms_per_call", Math.round(msPerCall * 1000) / 1000.0);
        System.err.printf("broker warm-up: %d calls, %.0f calls/s, broker %.2f ms CPU per call%n", done,
            calls / seconds, msPerCall);
        if (msPerCall > 0.9 * previous) {
          break;
        }
        previous = msPerCall;
      }
    }
    report.put("calls", done);
    report.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    return report;
  }

  private Path writeConfig(Scenario scenario) throws Exception {
    Path logs = Files.createDirectories(work.resolve("logs-" + scenario.name()));
    Path config = work.resolve(scenario.name() + ".app.config");
    Files.writeString(config, String.join("\n",
        "[resilient]",
        "num_workers = " + options.workers(),
        "logdir = " + logs,
        "loglevel = WARN",
        "",
        "[fn_misp]",
        "misp_url = " + misp.url(),
        "misp_key = " + KEY,
        ""));
    return config;
  }
}
