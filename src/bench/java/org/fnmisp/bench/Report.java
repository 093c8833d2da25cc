package org.fnmisp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fnmisp.json.Json;

/** Turns measured windows into the result JSON, checks the targets and prints the summary table. */
final class Report {

  private final List<ObjectNode> results;
  private final ObjectNode environment = Json.object();

  Report(List<ObjectNode> results) {
    this.results = results;
  }

  static ObjectNode scenario(Scenario scenario, int workers, LoadGenerator.Window measured,
      LoadGenerator.Window warmup, double cpuSeconds, long mispRequests, double peakRssMb, double startToFirstMs) {
    ObjectNode result = Json.object();
    result.put("scenario", scenario.name());
    result.put("function", scenario.function());
    result.put("misp_latency_ms", scenario.mispLatencyMillis());
    result.put("n", scenario.n());
    result.put("c", scenario.concurrency());
    result.put("num_workers", workers);
    long unique = measured.unique.sum();
    result.put("throughput_per_s", round(throughput(measured)));
    latencies(result, "latency_ms", measured, 0);
    latencies(result, "overhead_ms", measured, scenario.mispLatencyMillis());
    result.put("lost", measured.sent.get() - unique);
    result.put("duplicated", measured.duplicatesOfUniqueSends());
    result.put("duplicated_incl_resent", measured.duplicates.sum());
    result.put("replies_redelivered_by_broker", measured.redelivered.sum());
    result.put("resent_by_loader", measured.resentCount());
    ArrayNode lostIds = result.putArray("lost_sample");
    for (int i = 0; i < measured.n && lostIds.size() < 10; i++) {
      if (measured.replies.get(i) == 0 && measured.sendNanos[i] != 0) {
        lostIds.add("invid:" + (measured.firstId + i) + (measured.resent.get(i) == 1 ? " (re-sent by loader)" : ""));
      }
    }
    result.put("error_replies", measured.errors.sum());
    if (measured.lastError != null) {
      result.put("last_error", measured.lastError);
    }
    result.put("status_replies_per_call", round(measured.statuses.sum() / (double) Math.max(1, unique)));
    result.put("cpu_s_per_1000_calls", round(cpuSeconds * 1000 / Math.max(1, unique)));
    result.put("peak_rss_mb", round(peakRssMb));
    result.put("misp_requests_per_call", round(mispRequests / (double) Math.max(1, unique)));
    // A call the loader had to send twice (no RECEIPT while the broker was down) may legitimately run twice.
    result.put("misp_requests_per_final_reply",
        round(mispRequests / (double) Math.max(1, unique + measured.duplicates.sum())));
    result.put("start_to_first_reply_ms", round(startToFirstMs));
    ObjectNode warm = result.putObject("warmup");
    warm.put("n", warmup.n);
    warm.put("throughput_per_s", round(throughput(warmup)));
    latencies(warm, "latency_ms", warmup, 0);
    return result;
  }

  void environment(String loadBefore, String loadAfter, int cpus) {
    environment.put("cpus", cpus);
    environment.put("loadavg_before", loadBefore);
    environment.put("loadavg_after", loadAfter);
    environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  void brokerWarmup(ObjectNode warmup) {
    environment.set("broker_warmup", warmup);
  }

  ObjectNode json() {
    ObjectNode root = Json.object();
    root.set("environment", environment);
    ArrayNode scenarios = root.putArray("scenarios");
    results.forEach(scenarios::add);
    ArrayNode targets = root.putArray("targets");
    for (Target target : targets()) {
      ObjectNode row = targets.addObject();
      row.put("target", target.name());
      row.put("measured", target.measured());
      row.put("pass", target.pass());
    }
    return root;
  }

  String table() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%-15s %8s %7s %7s %7s %7s %5s %5s %7s %6s %6s %7s%n", "scenario", "calls/s", "p50 ms", "p95 ms", "p99 ms",
        "max ms", "lost", "dup", "cpu/1k", "rss MB", "req/c", "start"));
    for (ObjectNode r : results) {
      ObjectNode lat = (ObjectNode) r.get("latency_ms");
      out.append(String.format(Locale.ROOT, "%-15s %8.0f %7.2f %7.2f %7.2f %7.1f %5d %5d %7.3f %6.0f %6.2f %7.0f%n",
          r.path("scenario").asText(), r.path("throughput_per_s").asDouble(), lat.path("p50").asDouble(),
          lat.path("p95").asDouble(), lat.path("p99").asDouble(), lat.path("max").asDouble(), r.path("lost").asLong(),
          r.path("duplicated").asLong(), r.path("cpu_s_per_1000_calls").asDouble(), r.path("peak_rss_mb").asDouble(),
          r.path("misp_requests_per_call").asDouble(), r.path("start_to_first_reply_ms").asDouble()));
    }
    for (ObjectNode r : results) {
      if (r.has("startup_cpu_s")) {
        out.append(String.format(Locale.ROOT, "%s: starts %s ms, start-up CPU %.2f s (median), first start ever %d ms, "
            + "%d process(es), peak RSS %.0f MB (the main process alone %.0f MB; peak of the sum, sampled: %.0f MB), "
            + "PSS after the burst %.0f MB%n",
            r.path("scenario").asText(), r.path("starts_ms"), r.path("startup_cpu_s").asDouble(),
            r.path("first_start_ever_ms").asLong(), r.path("processes").asInt(), r.path("peak_rss_mb").asDouble(),
            r.path("process_peak_rss_mb").asDouble(), r.path("rss_sum_peak_sampled_mb").asDouble(),
            r.path("pss_mb_after_burst").asDouble()));
      }
    }
    out.append(System.lineSeparator()).append("environment: ").append(environment).append(System.lineSeparator());
    for (Target target : targets()) {
      out.append(String.format(Locale.ROOT, "%-4s %-58s %s%n", target.pass() ? "ok" : "MISS", target.name(),
          target.measured()));
    }
    return out.toString();
  }

  record Target(String name, String measured, boolean pass) {}

  private List<Target> targets() {
    List<Target> targets = new java.util.ArrayList<>();
    double nullBase = find("null_baseline").map(r -> r.path("throughput_per_s").asDouble()).orElse(Double.NaN);
    find("sighting_0ms").ifPresent(r -> {
      double tput = r.path("throughput_per_s").asDouble();
      targets.add(new Target("sighting 0 ms >= 1500 calls/s", fmt(tput), tput >= 1500));
      targets.add(new Target("sighting 0 ms >= 50 % of null baseline (" + fmt(nullBase) + ")",
          fmt(100 * tput / nullBase) + " %", tput >= 0.5 * nullBase));
    });
    double ceiling = Math.min(2500, nullBase);
    for (String name : List.of("sighting_20ms", "search_20ms")) {
      find(name).ifPresent(r -> {
        double tput = r.path("throughput_per_s").asDouble();
        targets.add(new Target(name + " >= 80 % of min(2500, null) = " + fmt(0.8 * ceiling), fmt(tput),
            tput >= 0.8 * ceiling));
      });
    }
    find("single_call").ifPresent(r -> {
      double p50 = r.path("overhead_ms").path("p50").asDouble();
      double p99 = r.path("overhead_ms").path("p99").asDouble();
      targets.add(new Target("single call overhead p50 <= 3 ms", fmt(p50) + " ms", p50 <= 3));
      targets.add(new Target("single call overhead p99 <= 10 ms", fmt(p99) + " ms", p99 <= 10));
    });
    startupTargets(targets);
    for (String name : List.of("sighting_0ms", "search_0ms")) {
      double limit = name.startsWith("sighting") ? 0.6 : 0.9;
      find(name).ifPresent(r -> targets.add(new Target(name + ": CPU <= " + limit + " s per 1000 calls (issue 15)",
          fmt(r.path("cpu_s_per_1000_calls").asDouble()) + " s", r.path("cpu_s_per_1000_calls").asDouble() <= limit)));
    }
    for (ObjectNode r : results) {
      if (r.path("scenario").asText().equals("null_baseline")
          || r.path("scenario").asText().startsWith("startup_soar")) {
        continue;
      }
      String name = r.path("scenario").asText();
      double cpu = r.path("cpu_s_per_1000_calls").asDouble();
      double rss = r.path("peak_rss_mb").asDouble();
      double req = r.path("misp_requests_per_final_reply").asDouble();
      double start = r.path("start_to_first_reply_ms").asDouble();
      targets.add(new Target(name + ": CPU <= 0.5 s per 1000 calls", fmt(cpu) + " s", cpu <= 0.5));
      targets.add(new Target(name + ": peak RSS <= 150 MB", fmt(rss) + " MB", rss <= 150));
      targets.add(new Target(name + ": exactly 1 MISP request per call (per final reply)", fmt(req),
          Math.abs(req - 1) < 1e-9));
      targets.add(new Target(name + ": start to first reply <= 1 s", fmt(start) + " ms", start <= 1000));
      long lost = r.path("lost").asLong();
      long dup = r.path("duplicated").asLong();
      targets.add(new Target(name + ": 0 lost, 0 duplicated", lost + " lost, " + dup + " dup", lost == 0 && dup == 0));
    }
    find("broker_restart").ifPresent(r -> {
      double after = r.path("first_reply_after_broker_back_ms").asDouble();
      targets.add(new Target("broker restart: first reply <= 2 s after broker is back", fmt(after) + " ms",
          after <= 2000));
    });
    return targets;
  }

  /** Issue 15: what an operator runs, next to SOAR (REST over HTTPS, STOMP over TLS). */
  private void startupTargets(List<Target> targets) {
    Optional<ObjectNode> launcher = find("startup_soar_launcher");
    find("startup_soar_java_jar").ifPresent(r -> {
      double start = r.path("start_to_first_reply_ms").asDouble();
      double rss = r.path("peak_rss_mb").asDouble();
      double cpu = r.path("cpu_s_per_1000_calls").asDouble();
      targets.add(new Target("java -jar: start to first reply <= 1.0 s (median of " + r.path("starts_ms").size()
          + ")", fmt(start) + " ms",
          start <= 1000));
      targets.add(new Target("java -jar: peak RSS under the burst <= 120 MB (all its processes)",
          fmt(rss) + " MB (sum of each one's peak; PSS " + fmt(r.path("pss_mb_after_burst").asDouble()) + " MB)",
          rss <= 120));
      launcher.ifPresent(l -> {
        double launcherCpu = l.path("cpu_s_per_1000_calls").asDouble();
        targets.add(new Target("java -jar: CPU per 1000 calls <= the launcher's (" + fmt(launcherCpu) + " s, +10 %)",
            fmt(cpu) + " s", cpu <= launcherCpu * 1.1));
      });
    });
    launcher.ifPresent(r -> {
      double start = r.path("start_to_first_reply_ms").asDouble();
      targets.add(new Target("launcher: start to first reply <= 0.6 s (median of " + r.path("starts_ms").size() + ")",
          fmt(start) + " ms",
          start <= 600));
    });
    for (String name : List.of("startup_soar_java_jar", "startup_soar_launcher")) {
      find(name).ifPresent(r -> {
        long lost = r.path("lost").asLong();
        long dup = r.path("duplicated").asLong();
        targets.add(new Target(name + ": 0 lost, 0 duplicated", lost + " lost, " + dup + " dup",
            lost == 0 && dup == 0));
      });
    }
  }

  private Optional<ObjectNode> find(String scenario) {
    return results.stream().filter(r -> r.path("scenario").asText().equals(scenario)).findFirst();
  }

  private static double throughput(LoadGenerator.Window window) {
    long unique = window.unique.sum();
    long span = window.finalReplyNanos.get() - window.startNanos;
    return unique == 0 || span <= 0 ? 0 : unique / (span / 1e9);
  }

  private static void latencies(ObjectNode into, String key, LoadGenerator.Window window, long minusMillis) {
    long[] answered = new long[window.n];
    int count = 0;
    for (int i = 0; i < window.n; i++) {
      if (window.replies.get(i) > 0) {
        answered[count++] = window.latencyNanos[i];
      }
    }
    long[] sorted = Arrays.copyOf(answered, count);
    Arrays.sort(sorted);
    ObjectNode node = into.putObject(key);
    for (double p : new double[] {50, 95, 99}) {
      node.put("p" + (int) p, round(percentile(sorted, p) / 1e6 - minusMillis));
    }
    node.put("max", round(count == 0 ? Double.NaN : sorted[count - 1] / 1e6 - minusMillis));
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
