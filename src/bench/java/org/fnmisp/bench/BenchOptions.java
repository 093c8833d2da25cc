package org.fnmisp.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link BenchMain}: {@code --quick} (N=500), {@code --n N}, {@code --c C},
 * {@code --workers W}, {@code --warmup W}, {@code --only name,name}, {@code --jfr} (record each fn-misp process with
 * Flight Recorder, profile settings), {@code --jar PATH}, {@code --out DIR},
 * {@code --server-jvm "FLAGS"} (JVM flags for the fn-misp and null-server processes; default none, i.e. the JVM's own
 * defaults).
 */
record BenchOptions(int n, int concurrency, int workers, int warmup, Set<String> only, boolean jfr, Path jar,
    Path out, List<String> serverJvm) {

  static BenchOptions parse(String[] args) {
    int n = 5000;
    int concurrency = 50;
    int workers = 50;
    int warmup = 500;
    Set<String> only = Set.of();
    boolean jfr = false;
    Path jar = Path.of("target/fn-misp.jar");
    Path out = Path.of("target/bench");
    List<String> serverJvm = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> {
          n = 500;
          warmup = 200;
        }
        case "--n" -> n = Integer.parseInt(args[++i]);
        case "--c" -> concurrency = Integer.parseInt(args[++i]);
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--only" -> only = Set.copyOf(List.of(args[++i].split(",")));
        case "--jfr" -> jfr = true;
        case "--jar" -> jar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--server-jvm" -> serverJvm = List.of(args[++i].trim().split("\\s+"));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (use --quick, --n N, --c C, --workers W, --warmup W, --only a,b, --jfr, --jar PATH, --out DIR, --server-jvm FLAGS)");
      }
    }
    return new BenchOptions(n, concurrency, workers, warmup, only, jfr, jar, out, serverJvm);
  }

  boolean wants(String scenario) {
    return only.isEmpty() || only.contains(scenario);
  }
}
