package org.fnmisp.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link BenchMain}: {@code --quick} (N=500), {@code --n N}, {@code --c C},
 * {@code --workers W}, {@code --warmup W}, {@code --broker-warmup N} (calls that warm up the broker before the
 * scenarios; 0 for none), {@code --only name,name}, {@code --jfr} (record each fn-misp process with
 * Flight Recorder, profile settings), {@code --jar PATH}, {@code --out DIR},
 * {@code --outage-s S} (how long the broker stays down in {@code broker_restart}, default 20),
 * {@code --soak N} (calls of the {@code soak} scenario, default 100,000; it runs only when named in {@code --only}),
 * {@code --starts K} (measured starts of each {@code startup_soar} mode, default 5),
 * {@code --server-jvm "FLAGS"} (JVM flags for the fn-misp and null-server processes; default: those of
 * {@code bin/jvm.options}, which the launcher {@code bin/fn-misp} uses; {@code --server-jvm jvm-defaults} for none).
 */
record BenchOptions(int n, int concurrency, int workers, int warmup, int brokerWarmup, Set<String> only, boolean jfr,
    Path jar, Path out, List<String> serverJvm, int outageSeconds, int soak, int starts) {

  static BenchOptions parse(String[] args) {
    int n = 5000;
    int concurrency = 50;
    int workers = 50;
    int warmup = 500;
    int brokerWarmup = 40_000;
    Set<String> only = Set.of();
    boolean jfr = false;
    Path jar = Path.of("target/fn-misp.jar");
    Path out = Path.of("target/bench");
    List<String> serverJvm = launcherFlags();
    int outageSeconds = 20;
    int soak = 100_000;
    int starts = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          n = 500;
          warmup = 200;
          brokerWarmup = 2_000;
        }
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--c" -> concurrency = Integer.parseInt(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--broker-warmup" -> brokerWarmup = Integer.parseInt(args[++i]);
        case "--only" -> only = Set.copyOf(List.of(args[++i].split(",")));
        case "--jfr" -> jfr = true;
        case "--outage-s" -> outageSeconds = Integer.parseInt(args[++i]);
        case "--soak" -> soak = Integer.parseInt(args[++i]);
        case "--starts" -> starts = Integer.parseInt(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--server-jvm" -> {
          String flags = args[++i].trim();
          serverJvm = flags.equals("jvm-defaults") ? List.of() : List.of(flags.split("\\s+"));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (use --quick, --n N, --c C, --workers W, --warmup W, --broker-warmup N, --only a,b, --jfr, --jar PATH, --out DIR, --server-jvm FLAGS, --outage-s S, --soak N, --starts K)");
      }
    }
    return new BenchOptions(n, concurrency, workers, warmup, brokerWarmup, only, jfr, jar, out, serverJvm,
        outageSeconds, soak, starts);
  }

  /** The flags bin/fn-misp starts fn-misp with, from bin/jvm.options. */
  static List<String> launcherFlags() {
    try {
      return java.nio.file.Files.readAllLines(Path.of("bin", "jvm.options")).stream().map(String::trim)
          .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read bin/jvm.options: " + e.getMessage(), e);
    }
  }

  /** The soak runs only when asked for: 100,000 calls take several minutes. */
  boolean wants(String scenario) {
    return only.isEmpty() ? !scenario.equals("soak") : only.contains(scenario);
  }
}
