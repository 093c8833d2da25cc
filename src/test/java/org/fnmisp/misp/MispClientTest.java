package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.fnmisp.Loggers;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.json.Json;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MispClientTest {

  private final FakeMisp misp = new FakeMisp();
  private final MispClient client = new MispClient(misp.settings());

  @AfterEach
  void stop() {
    client.close();
    misp.close();
  }

  @Test
  void shouldSendKeyJsonHeadersAndOwnUserAgentWithoutAnyMetadataRequests() throws Exception {
    misp.onCreateEvent("event-created.json");

    client.createEvent(new NewEvent("x", null, null, null));

    RecordedRequest request = misp.takeRequest();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("User-Agent")).matches("fn-misp/\\S+ \\(Java\\)")
        .doesNotStartWith("PyMISP").doesNotStartWith("MISP");
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldSendTheSameHeadersInTheSameOrderOnEveryPostAndGet() throws Exception {
    misp.onAddSighting("sighting-added.json").onViewEvent("event-view.json").onAddSighting("sighting-added.json");
    String agent = MispSettings.userAgent();

    client.addSighting("1.2.3.4", "IBM QRadar SOAR");
    client.getEvent(7);
    client.addSighting("5.6.7.8", "IBM QRadar SOAR");

    RecordedRequest post = misp.takeRequest();
    String host = misp.url().host() + ":" + misp.url().port();
    assertThat(headerLines(post)).containsExactly("User-Agent: " + agent, "Authorization: " + FakeMisp.KEY,
        "Accept: application/json", "Content-Type: application/json",
        "Content-Length: " + post.getBody().size(), "Host: " + host, "Connection: Keep-Alive",
        "Accept-Encoding: gzip");
    RecordedRequest get = misp.takeRequest();
    assertThat(get.getUrl().encodedPath()).isEqualTo("/events/view/7");
    assertThat(headerLines(get)).containsExactly("User-Agent: " + agent, "Authorization: " + FakeMisp.KEY,
        "Accept: application/json", "Content-Type: application/json", "Host: " + host, "Connection: Keep-Alive",
        "Accept-Encoding: gzip");
    RecordedRequest second = misp.takeRequest();
    assertThat(headerLines(second)).containsExactly("User-Agent: " + agent, "Authorization: " + FakeMisp.KEY,
        "Accept: application/json", "Content-Type: application/json",
        "Content-Length: " + second.getBody().size(), "Host: " + host, "Connection: Keep-Alive",
        "Accept-Encoding: gzip");
    assertThat(second.getUrl().encodedPath()).isEqualTo("/sightings/add");
  }

  @Test
  void shouldRefuseEachCallWithoutShowingTheKeyWhenTheKeyCannotBeAHeaderValue() {
    String key = "fakemisp".repeat(4) + "\u00e9" + "fakemis";
    try (MispClient withBadKey = new MispClient(new MispSettings(misp.url(), Secret.of(key), TlsTrust.system(),
        ProxyResolver.direct(), Duration.ofSeconds(1), 0, Duration.ofMillis(5)))) {
      for (int call = 1; call <= 2; call++) {
        assertThatThrownBy(() -> withBadKey.addSighting("1.2.3.4", "IBM QRadar SOAR"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Authorization")
            .hasMessageNotContaining("fakemisp");
      }
    }
    assertThat(misp.requestCount()).isZero();
  }

  private static List<String> headerLines(RecordedRequest request) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < request.getHeaders().size(); i++) {
      lines.add(request.getHeaders().name(i) + ": " + request.getHeaders().value(i));
    }
    return lines;
  }

  @Test
  void shouldLeaveTheStatusOfMispsAnswerInTheMdcForTheCallsLogLine() throws Exception {
    misp.onCreateEvent("event-created.json");
    MDC.remove(Loggers.MDC_MISP_STATUS);

    try {
      client.createEvent(new NewEvent("x", null, null, null));

      assertThat(MDC.get(Loggers.MDC_MISP_STATUS)).isEqualTo("200");
    } finally {
      MDC.remove(Loggers.MDC_MISP_STATUS);
    }
  }

  @Test
  void shouldSendIntegerCodesAsStringsOmitUnsetOnesAndCarryAUuid() throws Exception {
    misp.onCreateEvent("event-created.json").onCreateEvent("event-created.json");

    JsonNode event = client.createEvent(new NewEvent("Phishing", 0L, 1L, null));
    client.createEvent(new NewEvent("Phishing", 0L, 1L, null));

    assertThat(event).isEqualTo(FakeMisp.fixtureJson("event-created.json"));
    JsonNode first = FakeMisp.body(misp.takeRequest());
    JsonNode second = FakeMisp.body(misp.takeRequest());
    assertThat(first.get("uuid").asText()).matches("[0-9a-f-]{36}").isNotEqualTo(second.get("uuid").asText());
    ((com.fasterxml.jackson.databind.node.ObjectNode) first).remove("uuid");
    assertThat(first).isEqualTo(Json.parse("{\"distribution\":\"0\",\"threat_level_id\":\"1\",\"info\":\"Phishing\"}",
        "expected"));
  }

  @Test
  void shouldReturnTheExistingEventWhenARetriedCreateFindsItsUuidTaken() throws Exception {
    misp.reply(404, "event-exists-404.json").onViewEvent("event-created.json");

    JsonNode event = client.createEvent(new NewEvent("x", null, null, null));

    String uuid = FakeMisp.body(misp.takeRequest()).get("uuid").asText();
    RecordedRequest view = misp.takeRequest();
    assertThat(view.getMethod()).isEqualTo("GET");
    assertThat(view.getUrl().encodedPath()).isEqualTo("/events/view/" + uuid);
    assertThat(event).isEqualTo(FakeMisp.fixtureJson("event-created.json"));
  }

  @Test
  void shouldUnwrapTheRestSearchResponseAndSendPyMispSearchBody() throws Exception {
    misp.onRestSearch("search-events.json");

    EventList events = client.searchEvents("8.8.8.8");

    assertThat(Json.parse(Json.write(events.json()), "the events"))
        .isEqualTo(FakeMisp.fixtureJson("search-events.json").get("response"));
    RecordedRequest request = misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/events/restSearch");
    assertThat(FakeMisp.body(request)).isEqualTo(Json.parse("{\"returnFormat\":\"json\",\"value\":\"8.8.8.8\","
        + "\"withAttachments\":0,\"metadata\":0,\"enforceWarninglist\":0,\"includeEventUuid\":0,"
        + "\"includeEventTags\":0,\"sgReferenceOnly\":0,\"includeContext\":0,\"headerless\":0,"
        + "\"includeSightings\":0,\"includeDecayScore\":0,\"includeCorrelations\":0,\"excludeDecayed\":0}", "x"));
  }

  @Test
  void shouldKeepTheMispSubPathOfTheBaseUrl() throws Exception {
    try (MispClient subPath = new MispClient(withUrl(misp.server().url("/misp/")))) {
      misp.replyRaw(200, FakeMisp.fixture("server-version.json"));
      assertThat(subPath.serverVersion().get("version").asText()).isEqualTo("2.5.1");
    }
    assertThat(misp.takeRequest().getUrl().encodedPath()).isEqualTo("/misp/servers/getVersion");
  }

  @Test
  void shouldReportAServerErrorWithStatusHostActionAndMispMessage() {
    misp.reply(500, "server-error-500.json");

    assertThatThrownBy(() -> client.createEvent(new NewEvent("x", null, null, null)))
        .isInstanceOf(MispHttpException.class)
        .hasMessage("Could not create the MISP event: MISP at " + misp.host()
            + " answered HTTP 500: An Internal Error Has Occurred.");
  }

  @Test
  void shouldReportARejectedKeyNamingTheSettingNotTheKey() {
    misp.reply(403, "auth-failed-403.json");

    assertThatThrownBy(() -> client.listSightings(42))
        .isInstanceOf(MispAuthException.class)
        .hasMessageContaining("rejected the API key (HTTP 403: Authentication failed.")
        .hasMessageContaining("check [fn_misp] misp_key")
        .hasMessageNotContaining(FakeMisp.KEY);
  }

  @Test
  void shouldTreatA401AsARejectedKey() {
    misp.replyRaw(401, "Unauthorized");

    assertThatThrownBy(() -> client.serverVersion()).isInstanceOf(MispAuthException.class)
        .hasMessageContaining("[fn_misp] misp_key");
  }

  @Test
  void shouldNameTheTimeoutSettingWhenMispDoesNotAnswer() {
    try (MispClient quick = new MispClient(misp.settings(Duration.ofMillis(300), 0))) {
      misp.stall();
      assertThatThrownBy(quick::serverVersion)
          .isInstanceOf(MispTransportException.class)
          .hasMessage("Could not read the MISP server version: MISP at " + misp.host()
              + " did not answer within 0.3 s (raise [fn_misp] timeout if MISP is slow)");
    }
  }

  @Test
  void shouldExplainARefusedConnection() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    HttpUrl nowhere = HttpUrl.get("http://127.0.0.1:" + closedPort + "/");
    try (MispClient refused = new MispClient(withUrl(nowhere))) {
      assertThatThrownBy(() -> refused.addSighting("8.8.8.8", "test"))
          .isInstanceOf(MispTransportException.class)
          .hasMessageStartingWith("Could not add the MISP sighting: MISP at 127.0.0.1:" + closedPort
              + " refused the connection or cannot be reached")
          .hasMessageEndingWith("check that MISP is running and [fn_misp] misp_url)");
    }
  }

  @Test
  void shouldReportAReplyThatIsNotJson() {
    misp.replyRaw(200, "<html><body>Login</body></html>");

    assertThatThrownBy(() -> client.getEvent(42))
        .isInstanceOf(MispReplyException.class)
        .hasMessage("Could not read MISP event 42: MISP at " + misp.host()
            + " answered HTTP 200 with a body that is not JSON: <html><body>Login</body></html>");
  }

  @Test
  void shouldReportARedirectInsteadOfFollowingIt() {
    misp.server().enqueue(new mockwebserver3.MockResponse.Builder().code(302)
        .setHeader("Location", "https://misp.example.org/users/login").build());

    assertThatThrownBy(() -> client.createEvent(new NewEvent("x", null, null, null)))
        .isInstanceOf(MispHttpException.class)
        .hasMessageContaining("redirected the request (HTTP 302) to https://misp.example.org/users/login")
        .hasMessageContaining("[fn_misp] misp_url");
    assertThat(misp.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldRejectASearchReplyThatIsNotAList() {
    misp.replyRaw(200, "{\"response\":{\"Attribute\":[]}}");

    assertThatThrownBy(() -> client.searchEvents("x"))
        .isInstanceOf(MispReplyException.class)
        .hasMessageEndingWith("answered with a JSON object, expected a list of events");
  }

  @Test
  void shouldTakeTheUuidOfTheLastEventFoundById() throws Exception {
    misp.replyRaw(200, "[{\"Event\":{\"uuid\":\"first\"}},{\"Event\":{\"uuid\":\"last\"}}]");
    misp.onRestSearch("search-empty.json");

    assertThat(client.eventUuid(42)).contains("last");
    assertThat(client.eventUuid(43)).isEmpty();
    assertThat(FakeMisp.body(misp.takeRequest()).get("eventid").asLong()).isEqualTo(42);
  }

  private MispSettings withUrl(HttpUrl url) {
    return new MispSettings(url, Secret.of(FakeMisp.KEY), TlsTrust.system(), ProxyResolver.direct(),
        Duration.ofSeconds(1), 0, Duration.ofMillis(5));
  }
}
