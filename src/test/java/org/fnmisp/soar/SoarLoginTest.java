package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.fnmisp.soar.SoarFixtures.*;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.Headers;
import org.fnmisp.config.Secret;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoarLoginTest {

  private MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = startServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void shouldLogInWithApiKeyAndSendBasicAuthOnEveryRequest() throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    server.enqueue(function("fn_misp"));

    try (SoarClient client = settings(server).connect()) {
      assertThat(client.org()).isEqualTo(new SoarOrg(201, "Org One", true));
      assertThat(client.functionDestination("misp_create_event")).contains("fn_misp");
      assertThat(client.principalDescription()).isEqualTo("API key " + KEY_ID);
    }

    RecordedRequest login = server.takeRequest();
    assertThat(login.getMethod()).isEqualTo("GET");
    assertThat(login.getTarget()).isEqualTo("/rest/session?include_permissions=false");
    assertThat(login.getHeaders().get("User-Agent")).startsWith("fn-misp/");
    assertThat(login.getHeaders().get("Content-Type")).isEqualTo("application/json");
    RecordedRequest org = server.takeRequest();
    assertThat(org.getMethod()).isEqualTo("GET");
    assertThat(org.getTarget()).isEqualTo("/rest/orgs/201");
    RecordedRequest function = server.takeRequest();
    assertThat(function.getTarget()).isEqualTo("/rest/orgs/201/functions/misp_create_event?handle_format=names");
    for (RecordedRequest request : new RecordedRequest[] {login, org, function}) {
      assertThat(request.getHeaders().get("Authorization")).isEqualTo(Credentials.basic(KEY_ID, KEY_SECRET));
      assertThat(request.getHeaders().get("Cookie")).isNull();
      assertThat(request.getHeaders().get("X-sess-id")).isNull();
    }
  }

  @ParameterizedTest(name = "[resilient] org = {0}")
  @CsvSource({"acct-202, 202", "uuid-202, 202", "Org Two, 202", "Org One, 201"})
  void shouldSelectOrgByCloudAccountUuidOrName(String wanted, long expectedId) throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    Settings settings = settings(server);
    settings.org = wanted;

    try (SoarClient client = settings.connect()) {
      assertThat(client.org().id()).isEqualTo(expectedId);
    }
    server.takeRequest();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/rest/orgs/" + expectedId);
  }

  @Test
  void shouldPreferCloudAccountOverNameOfAnotherOrg() throws Exception {
    server.enqueue(session(org(201, "shared", "uuid-201", "acct-201", true),
        org(202, "Org Two", "uuid-202", "shared", true)));
    server.enqueue(orgDetails(true));
    Settings settings = settings(server);
    settings.org = "shared";

    try (SoarClient client = settings.connect()) {
      assertThat(client.org().id()).isEqualTo(202);
    }
  }

  @Test
  void shouldListAvailableOrgsWhenNoneMatches() {
    server.enqueue(sessionWithTwoOrgs());
    Settings settings = settings(server);
    settings.org = "Nope";

    SoarException failure = catchThrowableOfType(SoarException.class, settings::connect);

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.ORG);
    assertThat(failure).hasMessageContaining("[resilient] org = Nope")
        .hasMessageContaining("API key " + KEY_ID)
        .hasMessageContaining("'Org One' (cloud_account acct-201, uuid uuid-201)")
        .hasMessageContaining("'Org Two' (cloud_account acct-202, uuid uuid-202)")
        .hasMessageNotContaining(KEY_SECRET);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAPrincipalWithoutOrgs() {
    server.enqueue(session());

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings(server).connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.ORG);
    assertThat(failure).hasMessageContaining("it is a member of no org");
  }

  @Test
  void shouldRefuseADisabledOrg() {
    server.enqueue(session(org(201, "Org One", "uuid-201", "acct-201", false)));

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings(server).connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.ORG);
    assertThat(failure).hasMessageContaining("'Org One' is disabled").hasMessageContaining("IP address");
  }

  @Test
  void shouldReportActionsFrameworkDisabledInOrg() throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(false));

    try (SoarClient client = settings(server).connect()) {
      assertThat(client.org().actionsFrameworkEnabled()).isFalse();
    }
  }

  @Test
  void shouldLogInWithPasswordThenUseSessionCookieAndCsrfHeader() throws Exception {
    server.enqueue(session(org(201, "Org One", "uuid-201", "acct-201", true)).newBuilder()
        .body(
            "{\"csrf_token\":\"csrf-77\",\"user_id\":5,\"orgs\":[{\"id\":201,\"name\":\"Org One\",\"enabled\":true}]}")
        .addHeader("Set-Cookie", "JSESSIONID=session-abc; Path=/; Secure; HttpOnly")
        .build());
    server.enqueue(orgDetails(true));
    server.enqueue(function("fn_misp"));
    Settings settings = settings(server);
    settings.credentials = USER;
    settings.org = "Org One";

    try (SoarClient client = settings.connect()) {
      assertThat(client.functionDestination("misp_create_event")).contains("fn_misp");
      assertThat(client.principalDescription()).isEqualTo("user " + EMAIL);
    }

    RecordedRequest login = server.takeRequest();
    assertThat(login.getMethod()).isEqualTo("POST");
    assertThat(login.getTarget()).isEqualTo("/rest/session?include_permissions=false");
    assertThat(login.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(login.getHeaders().get("Authorization")).isNull();
    assertThat(body(login).get("email").asText()).isEqualTo(EMAIL);
    assertThat(body(login).get("password").asText()).isEqualTo(PASSWORD);
    assertThat(body(login).has("org")).isFalse();
    for (int i = 0; i < 2; i++) {
      RecordedRequest later = server.takeRequest();
      assertThat(later.getHeaders().get("Cookie")).isEqualTo("JSESSIONID=session-abc");
      assertThat(later.getHeaders().get("X-sess-id")).isEqualTo("csrf-77");
      assertThat(later.getHeaders().get("Authorization")).isNull();
    }
  }

  @Test
  void shouldFailPasswordLoginWithoutSessionCookie() {
    server.enqueue(json(200, Json.object().put("csrf_token", "csrf-77")));
    Settings settings = settings(server);
    settings.credentials = USER;

    SoarException failure = catchThrowableOfType(SoarException.class, settings::connect);

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("user " + EMAIL).hasMessageContaining("JSESSIONID");
  }

  @Test
  void shouldExitWith21NamingTheApiKeyButNotTheSecretOn401() {
    server.enqueue(soarError(401, "Invalid API key"));
    Settings settings = settings(server);
    settings.maxConnectionRetries = 3;

    SoarException failure = catchThrowableOfType(SoarException.class, settings::connect);

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.UNAUTHORIZED);
    assertThat(failure).hasMessageContaining("API key " + KEY_ID).hasMessageContaining("Invalid API key")
        .hasMessageContaining("api_key_secret").hasMessageNotContaining(KEY_SECRET);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldExitWith21NamingTheUserButNotThePasswordOn401() {
    server.enqueue(soarError(401, "The email or password is incorrect"));
    Settings settings = settings(server);
    settings.credentials = USER;

    SoarException failure = catchThrowableOfType(SoarException.class, settings::connect);

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.UNAUTHORIZED);
    assertThat(failure).hasMessageContaining("user " + EMAIL).hasMessageNotContaining(PASSWORD);
  }

  @Test
  void shouldExitWith21On401AfterLogin() throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    server.enqueue(soarError(401, "Key revoked"));

    try (SoarClient client = settings(server).connect()) {
      SoarException failure = catchThrowableOfType(SoarException.class,
          () -> client.functionDestination("misp_create_event"));
      assertThat(failure.kind()).isEqualTo(SoarException.Kind.UNAUTHORIZED);
      assertThat(failure).hasMessageContaining("Key revoked").hasMessageContaining("/functions/misp_create_event");
    }
  }

  @Test
  void shouldPutResourcePrefixInFrontOfEveryPath() throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    server.enqueue(function("fn_misp"));
    server.enqueue(json(200, Json.object().set("server_version", Json.object().put("version", "51.0.2.0"))));
    Settings settings = settings(server);
    settings.prefix = "/api/respond/";

    try (SoarClient client = settings.connect()) {
      client.functionDestination("misp_create_event");
      assertThat(client.serverVersion()).contains("51.0.2.0");
    }

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/respond/rest/session?include_permissions=false");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/respond/rest/orgs/201");
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/api/respond/rest/orgs/201/functions/misp_create_event?handle_format=names");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/respond/rest/const");
  }

  @Test
  void shouldGiveNoServerVersionWhenConstFailsWithoutRetrying() throws Exception {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(orgDetails(true));
    server.enqueue(soarError(500, "boom"));
    RecordingSleeper sleeper = new RecordingSleeper();

    try (SoarClient client = settings(server).connect(sleeper)) {
      assertThat(client.serverVersion()).isEmpty();
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void shouldReportAnAnswerThatIsNotJson() {
    server.enqueue(sessionWithTwoOrgs());
    server.enqueue(new MockResponse(200, Headers.of("Content-Type", "text/html"), "<html>Login portal</html>"));

    SoarException failure = catchThrowableOfType(SoarException.class, () -> settings(server).connect());

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("/rest/orgs/201").hasMessageContaining("not valid JSON");
  }

  @Test
  void shouldRejectAHostWithScheme() {
    Settings settings = settings(server);
    settings.host = "https://soar.example.com";

    SoarException failure = catchThrowableOfType(SoarException.class, settings::connect);

    assertThat(failure.kind()).isEqualTo(SoarException.Kind.GENERIC);
    assertThat(failure).hasMessageContaining("[resilient] host = https://soar.example.com");
  }

  @Test
  void shouldNotShowSecretsInSettings() {
    Settings settings = settings(server);
    settings.proxy = new SoarProxy("proxy", 3128, "puser", Secret.of("proxy-secret"));

    assertThat(settings.build().toString()).doesNotContain(KEY_SECRET).doesNotContain("proxy-secret");
  }
}
