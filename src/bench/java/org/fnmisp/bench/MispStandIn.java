package org.fnmisp.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A MISP stand-in on 127.0.0.1: answers the requests of the functions with realistic JSON bodies (from
 * {@code src/bench/resources}) after a configurable latency, and counts requests per path. The latency is a scheduled
 * answer, not a sleeping thread, so 50 calls in flight do not need 50 threads here.
 */
final class MispStandIn implements AutoCloseable {

  /** Path prefix (after the leading slash) to canned body. Longest prefixes first does not matter: none overlap. */
  private static final Map<String, String> BODIES = Map.of(
      "events/restSearch", "events-restSearch.json",
      "events/view/", "events-view.json",
      "events/add", "events-add.json",
      "attributes/add/", "attributes-add.json",
      "sightings/add", "sightings-add.json",
      "sightings/listSightings", "sightings-listSightings.json",
      "tags/attachTagToObject", "tags-attachTagToObject.json",
      "attributes/restSearch", "attributes-restSearch.json",
      "warninglists/checkValue", "warninglists-checkValue.json");

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("misp-http"));
  private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor(daemon("misp-delay"));
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final LongAdder total = new LongAdder();
  private final java.util.Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private volatile long latencyMillis;

  MispStandIn() throws IOException {
    BODIES.forEach((prefix, file) -> bodies.put(prefix, resource("misp/" + file)));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void latency(long millis) {
    latencyMillis = millis;
  }

  /** Requests answered since the start, all paths together. */
  long requests() {
    return total.sum();
  }

  /** TCP connections opened by clients since the start (distinct client ports): keep-alive means few. */
  long connections() {
    return clientPorts.size();
  }

  Map<String, Long> requestsByPath() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counts.forEach((path, count) -> copy.put(path, count.sum()));
    return copy;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath().substring(1);
    byte[] body = null;
    for (Map.Entry<String, byte[]> entry : bodies.entrySet()) {
      if (path.startsWith(entry.getKey())) {
        body = entry.getValue();
        counts.computeIfAbsent(entry.getKey(), key -> new LongAdder()).increment();
        break;
      }
    }
    total.increment();
    clientPorts.add(exchange.getRemoteAddress().getPort());
    byte[] answer = body;
    long latency = latencyMillis;
    if (latency <= 0) {
      respond(exchange, answer);
    } else {
      delayer.schedule(() -> respond(exchange, answer), latency, TimeUnit.MILLISECONDS);
    }
  }

  private static void respond(HttpExchange exchange, byte[] body) {
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (body == null) {
        byte[] missing = "{\"message\":\"not in the stand-in\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(404, missing.length);
        body = missing;
      } else {
        exchange.sendResponseHeaders(200, body.length);
      }
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException e) {
      exchange.close();
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = MispStandIn.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing bench resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    delayer.shutdownNow();
    handlers.shutdownNow();
  }
}
