package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.fnmisp.Loggers;
import org.fnmisp.http.Attempts;
import org.fnmisp.http.FixedHeaders;
import org.fnmisp.http.HttpClients;
import org.fnmisp.http.Idempotency;
import org.fnmisp.json.Json;
import org.fnmisp.json.JsonException;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Sends one JSON request to MISP on the shared client and returns the parsed reply, or throws the one
 * {@link MispException} that explains why not. MISP wraps restSearch replies as {@code {"response": ...}}; that
 * wrapper is removed here, as PyMISP does.
 */
final class MispTransport implements AutoCloseable {

  private static final Logger LOG = Loggers.MISP;
  // Exactly "application/json": MISP ignores bodies of any other content type (restSearch then returns everything).
  private static final MediaType JSON = MediaType.get("application/json");

  private final MispSettings settings;
  private final FixedHeaders headers;
  private final OkHttpClient client;
  private final MispFailures failures;
  /** By endpoint: MispClient's few constant paths, resolved against the base URL once instead of on every call. */
  private final Map<String, HttpUrl> endpoints = new ConcurrentHashMap<>();

  MispTransport(MispSettings settings) {
    this.settings = settings;
    this.headers = FixedHeaders.of(settings.httpSettings(), "Authorization", settings.key().reveal(),
        "Accept", "application/json", "Content-Type", "application/json");
    this.client = HttpClients.build(settings.httpSettings(), headers);
    this.failures = new MispFailures(settings);
  }

  JsonNode get(String path, String action) throws MispException {
    return execute(request(path, null).get().build(), action);
  }

  /** {@code GET <path>/<id>}: the id is one path segment, never a way to another endpoint. */
  JsonNode get(String path, MispId id, String action) throws MispException {
    return execute(request(path, id).get().build(), action);
  }

  JsonNode post(String path, JsonNode body, String action) throws MispException {
    return post(path, body, action, Idempotency.IDEMPOTENT);
  }

  /** A POST whose retries follow {@code idempotency}: if not idempotent, resent only when MISP cannot have seen it. */
  JsonNode post(String path, JsonNode body, String action, Idempotency idempotency) throws MispException {
    return execute(postRequest(path, null, body, idempotency), action);
  }

  /** {@code POST <path>/<id>}: the id is one path segment, never a way to another endpoint. */
  JsonNode post(String path, MispId id, JsonNode body, String action) throws MispException {
    return execute(postRequest(path, id, body, Idempotency.IDEMPOTENT), action);
  }

  /** A search POST whose answer must be a list of events: read by {@link EventList}, not into a tree. */
  EventList postForEvents(String path, JsonNode body, String action) throws MispException {
    Answer answer = exchange(postRequest(path, null, body, Idempotency.IDEMPOTENT), action);
    try {
      return EventList.read(answer.body());
    } catch (IOException e) {
      throw notJson(action, answer, e);
    } catch (EventList.NotAList e) {
      throw e.found() == null ? emptyBody(action, answer) : failures.notAList(action, e.found());
    }
  }

  private Request postRequest(String path, MispId id, JsonNode body, Idempotency idempotency) {
    return request(path, id).post(RequestBody.create(Json.writeBytes(body), JSON)).tag(Idempotency.class, idempotency)
        .build();
  }

  /** {@code path} is one of MispClient's constant endpoints; {@code id} (may be null) is appended as one segment. */
  private Request.Builder request(String path, MispId id) {
    HttpUrl endpoint = endpoints.computeIfAbsent(path, p -> settings.url().newBuilder().addPathSegments(p).build());
    HttpUrl url = id == null ? endpoint : endpoint.newBuilder().addPathSegment(id.segment()).build();
    return headers.newRequest().url(url);
  }

  private JsonNode execute(Request request, String action) throws MispException {
    Answer answer = exchange(request, action);
    JsonNode reply;
    try {
      // Parsed from the bytes: a search answer can be large, and a detour through a String costs a copy and a scan.
      reply = Json.parse(answer.body(), "The MISP reply");
    } catch (JsonException e) {
      throw notJson(action, answer, e);
    }
    if (reply.isMissingNode()) {
      throw emptyBody(action, answer);
    }
    JsonNode inner = reply.isObject() ? reply.get("response") : null;
    return inner != null && !inner.isNull() ? inner : reply;
  }

  /** A 2xx answer. */
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared
  private record Answer(int status, byte[] body) {}

  /** Sends the request; any failure or non-2xx status becomes the {@link MispException} that explains it. */
  private Answer exchange(Request request, String action) throws MispException {
    long started = System.nanoTime();
    int status;
    byte[] body;
    String location;
    Call call = client.newCall(request);
    try (Response response = call.execute()) {
      status = response.code();
      location = response.header("Location", "(no location)");
      body = read(response.body(), action);
    } catch (IOException e) {
      LOG.debug("{} {} failed: {}", request.method(), request.url().encodedPath(), e.toString());
      // Only the call's deadline (OkHttp's call timeout) cancels a call.
      throw call.isCanceled() ? failures.deadline(action, e) : failures.transport(action, e);
    }
    MDC.put(Loggers.MDC_MISP_STATUS, String.valueOf(status));
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {} -> HTTP {} in {} ms", request.method(), request.url().encodedPath(), status,
          (System.nanoTime() - started) / 1_000_000);
    }
    if (status < 200 || status >= 300) {
      String text = failures.scrub(new String(body, StandardCharsets.UTF_8));
      throw failures.status(action, request.method() + " " + MispFailures.shown(request.url()), status,
          parseLenient(text), location, Attempts.retries(call) > 0);
    }
    return new Answer(status, body);
  }

  /** The whole body, unless it is larger than {@code max_response_mb}: then no more of it is read. */
  private byte[] read(ResponseBody body, String action) throws IOException, MispReplyException {
    long limit = settings.maxResponseBytes();
    BufferedSource source = body.source();
    if (body.contentLength() > limit || source.request(limit + 1)) {
      throw failures.tooLarge(action);
    }
    return source.readByteArray();
  }

  private MispReplyException emptyBody(String action, Answer answer) {
    return failures.reply(action, "answered HTTP " + answer.status() + " with an empty body", null);
  }

  private MispReplyException notJson(String action, Answer answer, Exception cause) {
    String text = failures.scrub(new String(answer.body(), StandardCharsets.UTF_8));
    return failures.reply(action, "answered HTTP " + answer.status() + " with a body that is not JSON: "
        + MispFailures.reason(TextNode.valueOf(text)), cause);
  }

  private static JsonNode parseLenient(String text) {
    try {
      JsonNode parsed = Json.parse(text, "The MISP error reply");
      return parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    } catch (JsonException notJson) {
      return TextNode.valueOf(text);
    }
  }

  MispFailures failures() {
    return failures;
  }

  @Override
  public void close() {
    HttpClients.close(client);
  }
}
