package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.json.Json;
import org.fnmisp.tls.TlsTrust;

/**
 * A MISP stand-in on MockWebServer (127.0.0.1, ephemeral port): queue replies with readable names, then take the
 * requests the client sent. Replies are realistic MISP JSON from {@code src/test/resources/misp/}.
 */
public final class FakeMisp implements AutoCloseable {

  /** A 40-character key, as MISP requires; tests assert it never leaks. */
  public static final String KEY = "fakemisp".repeat(5); // 40 characters, as a MISP key; built so no key is written

  private final MockWebServer server = new MockWebServer();

  public FakeMisp() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpUrl url() {
    return server.url("/");
  }

  /** How messages name this MISP: host:port. */
  public String host() {
    return url().host() + ":" + url().port();
  }

  public MockWebServer server() {
    return server;
  }

  /** Settings for this server: 1 s time-out, no retries. */
  public MispSettings settings() {
    return settings(Duration.ofSeconds(1), 0);
  }

  public MispSettings settings(Duration timeout, int maxRetries) {
    return new MispSettings(url(), Secret.of(KEY), TlsTrust.system(), ProxyResolver.direct(), timeout, maxRetries,
        Duration.ofMillis(5));
  }

  public FakeMisp onCreateEvent(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onRestSearch(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onAddAttribute(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onAddSighting(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onListSightings(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onViewEvent(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onViewAttribute(String fixture) {
    return reply(200, fixture);
  }

  public FakeMisp onAttachTag(String fixture) {
    return reply(200, fixture);
  }

  /** The next request is answered with this status and fixture (a file under misp/). */
  public FakeMisp reply(int status, String fixture) {
    return replyRaw(status, fixture(fixture));
  }

  public FakeMisp replyRaw(int status, String body) {
    server.enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build());
    return this;
  }

  /** The next request gets no answer at all (the client's read time-out fires). */
  public FakeMisp stall() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    return this;
  }

  /** The next connection is dropped as soon as the request arrives. */
  public FakeMisp disconnect() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    return this;
  }

  public RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("MISP received no request");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public int requestCount() {
    return server.getRequestCount();
  }

  public static JsonNode body(RecordedRequest request) {
    return Json.parse(request.getBody().utf8(), "request body");
  }

  public static String fixture(String name) {
    try (InputStream in = FakeMisp.class.getResourceAsStream("/misp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture misp/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode fixtureJson(String name) {
    return Json.parse(fixture(name), name);
  }

  @Override
  public void close() {
    server.close();
  }
}
