package org.fnmisp.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fnmisp.config.Secret;
import org.fnmisp.json.Json;

/**
 * A stand-in for MISP on 127.0.0.1, for {@code fn-misp demo}: not MISP, but it answers the REST requests of the
 * functions as MISP does (paths, status codes, JSON shapes), from a small in-memory store seeded with one event. Every
 * line it prints says it is a stand-in, so nobody mistakes the demo's results for a real MISP's.
 */
final class MispStandIn implements AutoCloseable {

  /**
   * Seeded: event 1, holding {@link #SEEDED_VALUE} tagged {@code tlp:white} and {@link #SEEDED_TAG}, which the default
   * verdict rules ({@code [fn_misp] verdict_malicious_tags}) take for malicious.
   */
  static final long SEEDED_EVENT = 1;
  static final String SEEDED_VALUE = "203.0.113.5";
  static final String SEEDED_TAG = "malware_classification:malware-category=\"Botnet\"";
  static final String VERSION = "2.5.1";
  private static final String ORG = "Demo Org";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "misp-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final Secret key = Secret.of(UUID.randomUUID().toString().replace("-", ""));
  private final PrintWriter out;
  private final List<ObjectNode> events = new ArrayList<>();
  private final List<ObjectNode> sightings = new ArrayList<>();
  private long nextEventId = 1;
  private long nextId = 1;

  private MispStandIn(PrintWriter out) throws IOException {
    this.out = out;
    seed();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** Starts on a free port; {@code out} gets one line per request. */
  static MispStandIn start(PrintWriter out) throws IOException {
    MispStandIn standIn = new MispStandIn(out);
    standIn.server.start();
    return standIn;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** The only key it accepts, as MISP accepts only its users' keys. */
  Secret key() {
    return key;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void seed() {
    ObjectNode event = newEvent("fn-misp demo event (stand-in data)", UUID.randomUUID().toString(), "2");
    ObjectNode attribute = newAttribute(event, "ip-dst", SEEDED_VALUE).put("category", "Network activity")
        .put("to_ids", true);
    ArrayNode tags = attribute.putArray("Tag");
    tags.addObject().put("id", "1").put("name", "tlp:white");
    tags.addObject().put("id", "2").put("name", SEEDED_TAG);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    int status;
    JsonNode reply;
    try (exchange) {
      JsonNode body = Json.parse(exchange.getRequestBody().readAllBytes(), "The request");
      if (!key.reveal().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        status = 403;
        reply = error("Authentication failed. Please make sure you pass the API key of an API enabled user along "
            + "in the Authorization header.", path);
      } else {
        synchronized (this) {
          reply = answer(exchange.getRequestMethod(), path, body);
        }
        status = reply.has("name") && reply.path("name").asText().equals("Not Found") ? 404 : 200;
      }
      // Printed before the answer is sent, so the line is out before the caller can go on (or the demo end).
      out.println("  [MISP stand-in, not a real MISP] " + exchange.getRequestMethod() + " " + path + " -> HTTP "
          + status);
      out.flush();
      byte[] bytes = Json.writeBytes(reply);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream response = exchange.getResponseBody()) {
        response.write(bytes);
      }
    }
  }

  private JsonNode answer(String method, String path, JsonNode body) {
    String route = method + " " + path;
    if (route.equals("GET /servers/getVersion")) {
      return Json.object().put("version", VERSION).put("perm_sighting", true);
    }
    if (route.equals("POST /events/add")) {
      ObjectNode event = newEvent(body.path("info").asText(), body.path("uuid").asText(UUID.randomUUID().toString()),
          body.path("threat_level_id").asText("4"));
      return Json.object().set("Event", event);
    }
    if (route.equals("POST /events/restSearch")) {
      ArrayNode found = Json.array();
      for (ObjectNode event : events) {
        boolean byId = body.has("eventid") && event.path("id").asText().equals(body.path("eventid").asText());
        boolean byValue = body.has("value") && hasValue(event, body.path("value").asText());
        if (byId || byValue) {
          found.addObject().set("Event", event);
        }
      }
      return Json.object().set("response", found);
    }
    if (route.equals("POST /attributes/restSearch")) {
      return Json.object().set("response", Json.object().set("Attribute", attributesFor(body)));
    }
    if (route.equals("POST /warninglists/checkValue")) {
      // The stand-in has no warninglists enabled: MISP then answers an empty list, whatever the values.
      return Json.array();
    }
    if (method.equals("GET") && path.startsWith("/events/view/")) {
      ObjectNode event = event("id", path.substring("/events/view/".length()));
      return event == null ? error("Not Found", path) : Json.object().set("Event", event);
    }
    if (method.equals("POST") && path.startsWith("/attributes/add/")) {
      ObjectNode event = event("uuid", path.substring("/attributes/add/".length()));
      return event == null ? error("Not Found", path) : Json.object()
          .set("Attribute", newAttribute(event, body.path("type").asText(), body.path("value").asText()));
    }
    if (route.equals("POST /sightings/add")) {
      return sighting(body.path("value").asText(), body.path("source").asText());
    }
    if (route.equals("POST /sightings/listSightings")) {
      ArrayNode list = Json.array();
      sightings.stream().filter(s -> s.path("event_id").asText().equals(body.path("id").asText())).forEach(s -> {
        ObjectNode item = list.addObject();
        item.set("Sighting", s);
        item.putObject("Organisation").put("name", ORG);
      });
      return list;
    }
    if (route.equals("POST /tags/attachTagToObject")) {
      return attachTag(body.path("uuid").asText(), body.path("tag").asText(), path);
    }
    return error("Not Found", path);
  }

  private ObjectNode newEvent(String info, String uuid, String threatLevel) {
    ObjectNode event = Json.object().put("id", String.valueOf(nextEventId++)).put("uuid", uuid).put("info", info)
        .put("date", LocalDate.now(ZoneOffset.UTC).toString()).put("threat_level_id", threatLevel)
        .put("published", false);
    event.putArray("Attribute");
    event.putArray("Tag");
    events.add(event);
    return event;
  }

  private ObjectNode newAttribute(ObjectNode event, String type, String value) {
    ObjectNode attribute = ((ArrayNode) event.get("Attribute")).addObject().put("id", String.valueOf(nextId++))
        .put("event_id", event.path("id").asText()).put("uuid", UUID.randomUUID().toString()).put("type", type)
        .put("value", value);
    return attribute;
  }

  /**
   * {@code attributes/restSearch} as the enrichment asks it: by value (and type), newest first, at most {@code limit},
   * each attribute with its event ({@code includeContext}), its event's tags marked inherited
   * ({@code includeEventTags}) and its sightings ({@code includeSightings}); no decay scores, no warninglist hits.
   */
  private ArrayNode attributesFor(JsonNode body) {
    String value = body.path("value").asText();
    String type = body.path("type").asText(null);
    ArrayNode found = Json.array();
    for (ObjectNode event : events) {
      for (JsonNode attribute : event.path("Attribute")) {
        if (attribute.path("value").asText().equals(value)
            && (type == null || attribute.path("type").asText().equals(type))) {
          found.insert(0, withContext((ObjectNode) attribute, event));
        }
      }
    }
    int limit = body.path("limit").asInt(Integer.MAX_VALUE);
    while (found.size() > limit) {
      found.remove(found.size() - 1);
    }
    return found;
  }

  private ObjectNode withContext(ObjectNode attribute, ObjectNode event) {
    ObjectNode matched = attribute.deepCopy();
    ArrayNode tags = matched.has("Tag") ? (ArrayNode) matched.get("Tag") : matched.putArray("Tag");
    event.path("Tag").forEach(tag -> tags.add(((ObjectNode) tag.deepCopy()).put("inherited", 1)));
    ObjectNode context = matched.putObject("Event");
    for (String field : new String[] {"id", "uuid", "info", "date", "threat_level_id", "published"}) {
      context.set(field, event.get(field));
    }
    context.set("Tag", event.get("Tag").deepCopy());
    context.putObject("Orgc").put("id", "1").put("name", ORG);
    ArrayNode seen = matched.putArray("Sighting");
    sightings.stream().filter(s -> s.path("attribute_id").asText().equals(attribute.path("id").asText()))
        .forEach(seen::add);
    return matched;
  }

  private JsonNode sighting(String value, String source) {
    for (ObjectNode event : events) {
      for (JsonNode attribute : event.path("Attribute")) {
        if (attribute.path("value").asText().equals(value)) {
          ObjectNode sighting = Json.object().put("id", String.valueOf(nextId++))
              .put("attribute_id", attribute.path("id").asText()).put("event_id", event.path("id").asText())
              .put("source", source).put("date_sighting", String.valueOf(System.currentTimeMillis() / 1000));
          sightings.add(sighting);
          return Json.object().set("Sighting", sighting);
        }
      }
    }
    return Json.object().put("message", "Could not add the Sighting. Reason: No matching attributes found.");
  }

  private JsonNode attachTag(String uuid, String tag, String path) {
    for (ObjectNode event : events) {
      if (event.path("uuid").asText().equals(uuid)) {
        ((ArrayNode) event.get("Tag")).addObject().put("name", tag);
        String message = "Global tag " + tag + " successfully attached to Event(" + event.path("id").asText() + ").";
        return Json.object().put("saved", true).put("success", true).put("name", message).put("message", message)
            .put("url", path);
      }
    }
    return error("Not Found", path);
  }

  private ObjectNode event(String field, String value) {
    return events.stream().filter(event -> event.path(field).asText().equals(value)).findFirst().orElse(null);
  }

  private static boolean hasValue(JsonNode event, String value) {
    for (JsonNode attribute : event.path("Attribute")) {
      if (attribute.path("value").asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode error(String message, String path) {
    return Json.object().put("name", message).put("message", message).put("url", path);
  }
}
