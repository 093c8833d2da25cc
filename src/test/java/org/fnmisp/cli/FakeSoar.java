package org.fnmisp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.json.Json;

/**
 * A SOAR REST API that keeps what is imported into it, over TLS on MockWebServer: org 201 "Test Org". An accepted
 * import creates its functions, message destinations and playbooks, which {@code GET functions/{name}},
 * {@code GET message_destinations} and {@code POST configurations/exports} then show, so {@code customize} followed
 * by {@code run} or {@code clone} behaves as against a real org. Single answers can be replaced to test failures.
 */
final class FakeSoar implements AutoCloseable {

  static final String ORG = "/rest/orgs/201";
  static final int API_KEY_HANDLE = 42;
  static final int USER_ID = 5;
  static final String CSRF_TOKEN = "csrf-77";
  static final String SESSION_ID = "session-abc";

  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  /** {@code server_version.version} of /rest/const; null for a SOAR whose /rest/const fails. */
  volatile String version = "51.0.2.0.1234";
  /** How many PUTs of a message destination are answered 409 before one is taken. */
  final AtomicInteger conflicts = new AtomicInteger();

  private final MockWebServer server = new MockWebServer();
  private final Path caFile;
  private final Map<String, Deque<MockResponse>> overrides = new ConcurrentHashMap<>();
  private final Map<Long, JsonNode> pending = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> functions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> destinations = new LinkedHashMap<>();
  private final Map<String, ObjectNode> playbooks = new LinkedHashMap<>();
  private final Map<String, ObjectNode> workflows = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger(100);

  FakeSoar(Path dir) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("SOAR CA").build();
    HeldCertificate certificate = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1")
        .signedBy(ca).build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(certificate, ca.certificate()).build()
        .sslSocketFactory());
    caFile = Files.writeString(dir.resolve("soar-ca.pem"), ca.certificatePem());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Deque<MockResponse> replaced = overrides.get(request.getMethod() + " " + request.getUrl().encodedPath());
        MockResponse override = replaced == null ? null : replaced.poll();
        return override != null ? override : answer(request);
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  int port() {
    return server.getPort();
  }

  Path caFile() {
    return caFile;
  }

  /** An app.config for this SOAR (trusting its CA) with the given credential lines, and a MISP that is never called. */
  Path appConfig(Path dir, String credentials) throws IOException {
    return FakeServers.writeConfig(dir, """
        [resilient]
        host = 127.0.0.1
        port = %d
        org = Test Org
        %s
        cafile = %s
        request_retry_delay = 0
        logdir = %s

        [fn_misp]
        misp_url = https://misp.example.org
        misp_key = %s
        """.formatted(port(), credentials, caFile, dir.resolve("logs"), FakeServers.MISP_KEY));
  }

  /** The next request {@code METHOD path} gets this answer instead of the usual one. */
  FakeSoar answerNext(String method, String path, int status, String body) {
    overrides.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>())
        .add(new MockResponse(status, Headers.of("Content-Type", "application/json"), body));
    return this;
  }

  /** An object that exists in the org before the test, as SOAR exports it. */
  synchronized FakeSoar withPlaybook(ObjectNode playbook) {
    playbooks.put(playbook.get("name").asText(), playbook);
    return this;
  }

  synchronized FakeSoar withWorkflow(ObjectNode workflow) {
    workflows.put(workflow.get("programmatic_name").asText(), workflow);
    return this;
  }

  synchronized FakeSoar withDestination(String name, int id) {
    destinations.put(name, Json.object().put("id", id).put("programmatic_name", name).put("name", name)
        .put("destination_type", 0).put("expect_ack", true));
    destinations.get(name).putArray("api_keys");
    destinations.get(name).putArray("users");
    return this;
  }

  synchronized ObjectNode destination(String name) {
    return destinations.get(name);
  }

  synchronized List<String> functionNames() {
    return new ArrayList<>(functions.keySet());
  }

  synchronized Map<String, ObjectNode> playbooks() {
    return new LinkedHashMap<>(playbooks);
  }

  synchronized Map<String, ObjectNode> workflows() {
    return new LinkedHashMap<>(workflows);
  }

  /** The requests other than the login, as {@code METHOD path}. */
  List<String> calls() {
    List<String> calls = new ArrayList<>();
    for (RecordedRequest request : requests) {
      String path = request.getUrl().encodedPath();
      if (!path.equals("/rest/session") && !path.equals(ORG)) {
        calls.add(request.getMethod() + " " + path);
      }
    }
    return calls;
  }

  RecordedRequest request(String method, String path) {
    return requests.stream().filter(request -> request.getMethod().equals(method)
        && request.getUrl().encodedPath().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("SOAR received no " + method + " " + path + "; it received "
            + calls()));
  }

  static JsonNode body(RecordedRequest request) {
    return Json.parse(request.getBody().utf8(), "the body of " + request.getMethod() + " " + request.getUrl());
  }

  private synchronized MockResponse answer(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    String orgs = "\"orgs\":[{\"id\":201,\"name\":\"Test Org\",\"uuid\":\"u-201\",\"cloud_account\":\"acct\","
        + "\"enabled\":true}]";
    if (path.equals("/rest/session") && method.equals("GET")) {
      return json(200, "{\"api_key_handle\":" + API_KEY_HANDLE + "," + orgs + "}");
    }
    if (path.equals("/rest/session") && method.equals("POST")) {
      return new MockResponse(200, Headers.of("Content-Type", "application/json",
          "Set-Cookie", "JSESSIONID=" + SESSION_ID + "; Path=/; Secure; HttpOnly"),
          "{\"csrf_token\":\"" + CSRF_TOKEN + "\",\"user_id\":" + USER_ID + "," + orgs + "}");
    }
    if (path.equals(ORG)) {
      return json(200, "{\"id\":201,\"actions_framework_enabled\":true}");
    }
    if (path.equals("/rest/const")) {
      return version == null ? json(500, "{\"message\":\"internal error\"}")
          : json(200, "{\"server_version\":{\"version\":\"" + version + "\"}}");
    }
    if (path.startsWith(ORG + "/functions/")) {
      ObjectNode function = functions.get(path.substring((ORG + "/functions/").length()));
      return function == null ? json(404, "{\"success\":false,\"message\":\"Function not found\"}")
          : json(200, Json.write(function));
    }
    if (path.equals(ORG + "/configurations/imports") && method.equals("POST")) {
      return startImport(body(request));
    }
    if (path.startsWith(ORG + "/configurations/imports/") && method.equals("PUT")) {
      return decide(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)), body(request));
    }
    if (path.equals(ORG + "/configurations/exports") && method.equals("POST")) {
      return json(200, Json.write(export()));
    }
    if (path.equals(ORG + "/message_destinations") && method.equals("GET")) {
      ObjectNode list = Json.object();
      ArrayNode entities = list.putArray("entities");
      destinations.values().forEach(entities::add);
      return json(200, Json.write(list));
    }
    if (path.startsWith(ORG + "/message_destinations/")) {
      return destinationById(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)), request);
    }
    return json(404, "{\"success\":false,\"message\":\"No such resource: " + path + "\"}");
  }

  private MockResponse startImport(JsonNode document) {
    long id = ids.incrementAndGet();
    pending.put(id, document);
    ArrayNode messages = Json.array();
    document.path("message_destinations").forEach(object -> {
      String name = object.path("programmatic_name").asText();
      messages.add(message("Message destination", name, destinations.containsKey(name)));
    });
    document.path("functions").forEach(object -> messages.add(message("Function", object.path("name").asText(),
        functions.containsKey(object.path("name").asText()))));
    document.path("playbooks").forEach(object -> messages.add(message("Playbook", object.path("name").asText(),
        playbooks.containsKey(object.path("name").asText()))));
    ObjectNode answer = Json.object().put("id", id).put("status", "PENDING").put("import_date", 1764500000000L);
    answer.set("messages", messages);
    return json(200, Json.write(answer));
  }

  private static ObjectNode message(String kind, String name, boolean exists) {
    return Json.object().put("type", "info")
        .put("text", kind + " '" + name + "' will be " + (exists ? "updated" : "created"));
  }

  private MockResponse decide(long id, JsonNode decision) {
    JsonNode document = pending.remove(id);
    if (document == null) {
      return json(404, "{\"success\":false,\"message\":\"No pending import " + id + "\"}");
    }
    if (decision.path("status").asText().equals("ACCEPTED")) {
      document.path("functions").forEach(function -> functions.put(function.path("name").asText(),
          ((ObjectNode) function).deepCopy()));
      document.path("playbooks").forEach(playbook -> playbooks.put(playbook.path("name").asText(),
          ((ObjectNode) playbook).deepCopy()));
      document.path("workflows").forEach(workflow -> workflows.put(workflow.path("programmatic_name").asText(),
          ((ObjectNode) workflow).deepCopy()));
      document.path("message_destinations").forEach(destination -> {
        String name = destination.path("programmatic_name").asText();
        if (!destinations.containsKey(name)) {
          withDestination(name, ids.incrementAndGet());
        }
      });
    }
    return json(200, Json.write(Json.object().put("id", id).put("status", decision.path("status").asText())));
  }

  private MockResponse destinationById(int id, RecordedRequest request) {
    ObjectNode destination = destinations.values().stream().filter(candidate -> candidate.get("id").asInt() == id)
        .findFirst().orElse(null);
    if (destination == null) {
      return json(404, "{\"success\":false,\"message\":\"No message destination " + id + "\"}");
    }
    if (request.getMethod().equals("PUT")) {
      if (conflicts.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
        return json(409, "{\"success\":false,\"message\":\"The object was changed by another user\"}");
      }
      ObjectNode updated = (ObjectNode) body(request);
      destinations.put(destination.get("programmatic_name").asText(), updated);
      return json(200, Json.write(updated));
    }
    return json(200, Json.write(destination));
  }

  private ObjectNode export() {
    ObjectNode export = Json.object().put("export_format_version", 2).put("id", 9).put("export_date", 1764500000000L);
    export.putObject("server_version").put("major", 51).put("minor", 0).put("version", version);
    ArrayNode functionList = export.putArray("functions");
    functions.values().forEach(functionList::add);
    ArrayNode playbookList = export.putArray("playbooks");
    playbooks.values().forEach(playbookList::add);
    ArrayNode workflowList = export.putArray("workflows");
    workflows.values().forEach(workflowList::add);
    ArrayNode destinationList = export.putArray("message_destinations");
    destinations.values().forEach(destinationList::add);
    export.putArray("fields");
    export.putArray("actions");
    return export;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), body);
  }

  @Override
  public void close() {
    server.close();
  }
}
