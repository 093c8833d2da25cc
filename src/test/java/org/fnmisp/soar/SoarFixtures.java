package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.fnmisp.config.Secret;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.json.Json;
import org.fnmisp.tls.TlsTrust;

/** Wire-level answers a SOAR server gives, and settings pointing at a MockWebServer. */
final class SoarFixtures {

  static final String KEY_ID = "key-id-7";
  static final String KEY_SECRET = "key-secret-do-not-print";
  static final String EMAIL = "soc@example.com";
  static final String PASSWORD = "password-do-not-print";
  static final ApiKey API_KEY = new ApiKey(KEY_ID, Secret.of(KEY_SECRET));
  static final UserPassword USER = new UserPassword(EMAIL, Secret.of(PASSWORD));

  private SoarFixtures() {}

  static MockWebServer startServer() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return server;
  }

  /** Settings for a plain-HTTP server; tests change single values with {@link Settings}. */
  static Settings settings(MockWebServer server) {
    return new Settings("127.0.0.1", server.getPort());
  }

  static ObjectNode org(long id, String name, String uuid, String cloudAccount, boolean enabled) {
    return Json.object().put("id", id).put("name", name).put("uuid", uuid).put("cloud_account", cloudAccount)
        .put("enabled", enabled);
  }

  /** Two enabled orgs: 201 "Org One" (cloud_account acct-201) and 202 "Org Two" (uuid uuid-202). */
  static MockResponse sessionWithTwoOrgs() {
    return session(org(201, "Org One", "uuid-201", "acct-201", true),
        org(202, "Org Two", "uuid-202", "acct-202", true));
  }

  static MockResponse session(ObjectNode... orgs) {
    ArrayNode list = Json.array();
    for (ObjectNode org : orgs) {
      list.add(org);
    }
    return json(200, Json.object().put("api_key_handle", 42).put("display_name", "fn-misp key").set("orgs", list));
  }

  static MockResponse orgDetails(boolean actionsFrameworkEnabled) {
    return json(200, Json.object().put("id", 201).put("actions_framework_enabled", actionsFrameworkEnabled)
        .put("session_timeout", 1200));
  }

  static MockResponse function(String destination) {
    return json(200, Json.object().put("name", "misp_create_event").put("destination_handle", destination));
  }

  static MockResponse soarError(int status, String message) {
    return json(status, Json.object().put("success", false).put("message", message).put("error_code", "generic"));
  }

  static MockResponse json(int status, JsonNode body) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"), Json.write(body));
  }

  static JsonNode body(RecordedRequest request) {
    return Json.parse(request.getBody().utf8(), "recorded request body");
  }

  /** Records the waits instead of sleeping, so retry tests run in milliseconds. */
  static final class RecordingSleeper implements RetryPolicy.Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }

  /** A small mutable builder over {@link SoarSettings}, defaults as in {@code [resilient]}. */
  static final class Settings {
    String host;
    int port;
    String prefix = "";
    String org = "acct-201";
    SoarCredentials credentials = API_KEY;
    TlsTrust trust = TlsTrust.system();
    SoarProxy proxy;
    int requestMaxRetries = 5;
    Duration retryDelay = Duration.ofSeconds(2);
    double backoff = 2;
    int maxConnectionRetries = 1;
    String scheme = "http";

    Settings(String host, int port) {
      this.host = host;
      this.port = port;
    }

    SoarSettings build() {
      return new SoarSettings(host, port, prefix, org, credentials, trust, proxy, Duration.ofSeconds(10),
          requestMaxRetries, retryDelay, backoff, maxConnectionRetries, scheme);
    }

    SoarClient connect(RetryPolicy.Sleeper sleeper) throws SoarException {
      return SoarClient.connect(build(), sleeper);
    }

    SoarClient connect() throws SoarException {
      return connect(new RecordingSleeper());
    }
  }
}
