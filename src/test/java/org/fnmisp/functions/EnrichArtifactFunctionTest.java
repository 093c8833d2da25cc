package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.handler.FunctionInvocation;
import org.fnmisp.handler.FunctionResult;
import org.fnmisp.handler.StatusReporter;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispSettings;
import org.fnmisp.tls.TlsTrust;
import org.fnmisp.verdict.VerdictRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnrichArtifactFunctionTest {

  private static final String FUNCTION = "misp_enrich_artifact";
  private static final String INPUTS = "{\"misp_attribute_value\":\"203.0.113.7\"}";

  private FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldSendOneAttributeSearchWithTheEnrichmentFlagsAndOneMoreThanTheLimit() {
    harness.misp.onRestSearch("enrich-attributes.json");

    harness.run(FUNCTION, INPUTS);

    RecordedRequest request = harness.misp.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/attributes/restSearch");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo(FakeMisp.KEY);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(FakeMisp.body(request)).isEqualTo(json("""
        {"returnFormat":"json","value":"203.0.113.7","includeContext":1,"includeEventTags":1,"includeSightings":1,
         "includeDecayScore":1,"includeWarninglistHits":1,"order":"Attribute.timestamp DESC","limit":51}"""));
    assertThat(harness.misp.requestCount()).as("no warninglist request when attributes matched").isEqualTo(1);
  }

  @Test
  void shouldNarrowToTheTypeAndTakeTheLimitFromTheCall() {
    harness.misp.onRestSearch("enrich-empty.json").reply(200, "warninglist-none.json");

    harness.run(FUNCTION, "{\"misp_attribute_value\":\"203.0.113.7\",\"misp_attribute_type\":\"IP-DST\","
        + "\"misp_enrich_limit\":\"5\"}");

    JsonNode body = FakeMisp.body(harness.misp.takeRequest());
    assertThat(body.get("type").asText()).isEqualTo("ip-dst");
    assertThat(body.get("limit").asInt()).isEqualTo(6);
  }

  @Test
  void shouldTakeTheLimitFromTheConfigurationWhenTheCallDoesNotSetIt() {
    FunctionSettings defaults = FunctionSettings.defaults();
    harness.with(new FunctionSettings(null, 7, defaults.rules()));
    harness.misp.onRestSearch("enrich-empty.json").reply(200, "warninglist-none.json");

    harness.run(FUNCTION, INPUTS);

    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("limit").asInt()).isEqualTo(8);
  }

  @Test
  void shouldCallAValueTaggedMaliciousMaliciousWithTheTagAndListWhatMispKnows() {
    harness.misp.onRestSearch("enrich-attributes.json");

    FunctionHarness.Run run = harness.run(FUNCTION, INPUTS);

    JsonNode payload = run.payload();
    assertThat(payload.get("success").asBoolean()).isTrue();
    assertThat(payload.get("reason").isNull()).isTrue();
    assertThat(payload.get("content")).isEqualTo(json("""
        {"value":"203.0.113.7","verdict":"malicious",
         "reason":"Attribute 1234 (ip-dst) of MISP event 42 \\"Phishing wave against finance dept\\" has the tag malware_classification:malware-category=\\"Ransomware\\".",
         "matches":2,"truncated":false,
         "attributes":[
          {"id":"1234","uuid":"1f0005cd-a596-4a9b-b04a-49f118ed5165","type":"ip-dst","category":"Network activity",
           "to_ids":true,"event_id":"42",
           "tags":["tlp:green","malware_classification:malware-category=\\"Ransomware\\""],
           "sightings":{"sighting":2,"false_positive":0,"expiration":0,"last_seen":"2024-10-23T16:13:20Z"},
           "decay_score":[{"model":"NIDS Simple Decaying Model","score":71.42,"decayed":false}]},
          {"id":"2000","uuid":"3b0005cd-a596-4a9b-b04a-49f118ed5167","type":"ip-dst","category":"Network activity",
           "to_ids":false,"event_id":"43","tags":[],
           "sightings":{"sighting":0,"false_positive":0,"expiration":0,"last_seen":null}}],
         "events":[
          {"id":"42","uuid":"f016fe91-679c-411b-a0a0-9e1599e547dc","info":"Phishing wave against finance dept",
           "date":"2024-10-21","threat_level":"Medium","org":"CIRCL",
           "tags":["tlp:amber","misp-galaxy:mitre-attack-pattern=\\"Spearphishing Attachment - T1566.001\\""]},
          {"id":"43","uuid":"6858ebf5-c898-48e6-9fe9-5665c0a83867","info":"C2 infrastructure","date":"2024-10-01",
           "threat_level":"Low","org":"Feed Org",
           "tags":["misp-galaxy:mitre-attack-pattern=\\"Application Layer Protocol - T1071\\""]}],
         "warninglists":[],
         "tags":["tlp:green","malware_classification:malware-category=\\"Ransomware\\"","tlp:amber",
                 "misp-galaxy:mitre-attack-pattern=\\"Spearphishing Attachment - T1566.001\\"",
                 "misp-galaxy:mitre-attack-pattern=\\"Application Layer Protocol - T1071\\""],
         "attack_techniques":[
          {"id":"T1566.001","name":"Spearphishing Attachment",
           "tag":"misp-galaxy:mitre-attack-pattern=\\"Spearphishing Attachment - T1566.001\\""},
          {"id":"T1071","name":"Application Layer Protocol",
           "tag":"misp-galaxy:mitre-attack-pattern=\\"Application Layer Protocol - T1071\\""}]}"""));
    assertThat(run.statuses()).containsExactly("Setting up connection to MISP", "Enriching 203.0.113.7",
        "Verdict: malicious");
  }

  @Test
  void shouldAskTheWarninglistsOnlyWhenNothingMatchedAndCallAListedValueBenign() {
    harness.misp.onRestSearch("enrich-empty.json").reply(200, "warninglist-hit.json");

    FunctionHarness.Run run = harness.run(FUNCTION, "{\"misp_attribute_value\":\"8.8.8.8\"}");

    harness.misp.takeRequest();
    RecordedRequest check = harness.misp.takeRequest();
    assertThat(check.getMethod()).isEqualTo("POST");
    assertThat(check.getUrl().encodedPath()).isEqualTo("/warninglists/checkValue");
    assertThat(check.getHeaders().get("Content-Type")).isEqualTo("application/json");
    assertThat(FakeMisp.body(check)).isEqualTo(json("[\"8.8.8.8\"]"));
    assertThat(harness.misp.requestCount()).isEqualTo(2);
    JsonNode content = run.payload().get("content");
    assertThat(content.get("verdict").asText()).isEqualTo("benign");
    assertThat(content.get("reason").asText()).isEqualTo(
        "8.8.8.8 is on the MISP warninglist \"List of known IPv4 public DNS resolvers\" (id 12).");
    assertThat(content.get("matches").asInt()).isZero();
    assertThat(content.get("warninglists")).isEqualTo(json("""
        [{"id":"12","name":"List of known IPv4 public DNS resolvers"},
         {"id":"31","name":"List of known Google DNS resolvers"}]"""));
    assertThat(run.statuses()).containsExactly("Setting up connection to MISP", "Enriching 8.8.8.8",
        "Checking MISP warninglists for 8.8.8.8", "Verdict: benign");
  }

  @Test
  void shouldCallAValueMispDoesNotKnowUnknownWithSuccess() {
    harness.misp.onRestSearch("enrich-empty.json").reply(200, "warninglist-none.json");

    FunctionHarness.Run run = harness.run(FUNCTION, "{\"misp_attribute_value\":\"10.1.2.3\"}");

    JsonNode payload = run.payload();
    assertThat(payload.get("success").asBoolean()).isTrue();
    assertThat(payload.get("content").get("verdict").asText()).isEqualTo("unknown");
    assertThat(payload.get("content").get("reason").asText())
        .isEqualTo("MISP has no attribute with the value 10.1.2.3 and it is on no enabled warninglist.");
    assertThat(harness.misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldListOnlyTheLimitAndSayTruncatedWhenMoreMatched() {
    harness.misp.onRestSearch("enrich-attributes.json");

    FunctionHarness.Run run = harness.run(FUNCTION, "{\"misp_attribute_value\":\"203.0.113.7\","
        + "\"misp_enrich_limit\":1}");

    assertThat(FakeMisp.body(harness.misp.takeRequest()).get("limit").asInt()).isEqualTo(2);
    JsonNode content = run.payload().get("content");
    assertThat(content.get("truncated").asBoolean()).isTrue();
    assertThat(content.get("matches").asInt()).isEqualTo(1);
    assertThat(content.get("attributes")).hasSize(1);
    assertThat(content.get("events")).hasSize(1);
    assertThat(content.get("attributes").get(0).get("id").asText()).isEqualTo("1234");
  }

  @Test
  void shouldNotSayTruncatedWhenExactlyTheLimitMatched() {
    harness.misp.onRestSearch("enrich-attributes.json");

    JsonNode content = harness.run(FUNCTION, "{\"misp_attribute_value\":\"203.0.113.7\",\"misp_enrich_limit\":2}")
        .payload().get("content");

    assertThat(content.get("truncated").asBoolean()).isFalse();
    assertThat(content.get("matches").asInt()).isEqualTo(2);
  }

  @Test
  void shouldCompleteWithUnknownAndSuccessFalseWhenMispDoesNotAnswerInTime() {
    harness.close();
    harness = new FunctionHarness(Duration.ofMillis(300));
    harness.misp.stall();

    FunctionHarness.Run run = harness.run(FUNCTION, INPUTS);

    JsonNode payload = run.payload();
    String reason = "MISP did not answer, so there is no verdict: Could not search MISP attributes for the"
        + " value: MISP at " + harness.misp.host() + " did not answer within 0.3 s (raise [fn_misp] timeout if MISP"
        + " is slow)";
    assertThat(payload.get("success").asBoolean()).isFalse();
    assertThat(payload.get("reason").asText()).isEqualTo(reason);
    assertThat(payload.get("content").get("verdict").asText()).isEqualTo("unknown");
    assertThat(payload.get("content").get("reason").asText()).isEqualTo(reason);
    assertThat(payload.get("content").get("matches").asInt()).isZero();
    assertThat(run.statuses()).contains(reason);
  }

  @Test
  void shouldCompleteWithUnknownWhenMispAnswers5xx() {
    harness.misp.reply(500, "server-error-500.json");

    JsonNode payload = harness.run(FUNCTION, INPUTS).payload();

    assertThat(payload.get("success").asBoolean()).isFalse();
    assertThat(payload.get("content").get("verdict").asText()).isEqualTo("unknown");
    assertThat(payload.get("reason").asText()).startsWith("MISP did not answer, so there is no verdict: "
        + "Could not search MISP attributes for the value: MISP at " + harness.misp.host() + " answered HTTP 500");
  }

  @Test
  void shouldCompleteWithUnknownWhenTheWarninglistCheckFails() {
    harness.misp.onRestSearch("enrich-empty.json").reply(503, "server-error-500.json");

    JsonNode payload = harness.run(FUNCTION, INPUTS).payload();

    assertThat(payload.get("success").asBoolean()).isFalse();
    assertThat(payload.get("reason").asText()).contains("Could not check the MISP warninglists");
    assertThat(harness.misp.requestCount()).isEqualTo(2);
  }

  @Test
  void shouldCompleteWithUnknownWhenMispRefusesTheConnection() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    MispSettings settings = harness.misp.settings();
    try (MispClient down = new MispClient(new MispSettings(HttpUrl.get("http://127.0.0.1:" + closedPort + "/"),
        settings.key(), settings.trust(), settings.proxies(), settings.timeout(), 0, settings.backoffBase()))) {
      FunctionResult result = enrich(down);

      assertThat(result.success()).isFalse();
      assertThat(result.reason()).startsWith("MISP did not answer, so there is no verdict: Could not search MISP"
          + " attributes for the value: MISP at 127.0.0.1:" + closedPort + " refused the connection");
      assertThat(result.content().get("verdict").asText()).isEqualTo("unknown");
    }
  }

  @Test
  void shouldFailOnAnUntrustedCertificateInsteadOfCallingItUnknown() {
    HeldCertificate self = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    harness.misp.server().useHttps(new HandshakeCertificates.Builder().heldCertificate(self).build()
        .sslSocketFactory());
    MispSettings settings = harness.misp.settings();
    try (MispClient tls = new MispClient(new MispSettings(harness.misp.url(), settings.key(), TlsTrust.system(),
        settings.proxies(), settings.timeout(), 0, settings.backoffBase()))) {
      assertThatThrownBy(() -> enrich(tls)).isInstanceOf(FunctionException.class)
          .hasMessageContaining("is not trusted").hasMessageContaining("[fn_misp] verify_cert");
    }
  }

  private static FunctionResult enrich(MispClient client) throws Exception {
    FunctionInvocation invocation = new FunctionInvocation(FUNCTION, "ID:1",
        (ObjectNode) Json.parse(INPUTS, "inputs"));
    return new EnrichArtifactFunction(client, FunctionSettings.defaults().rules(), 50).handle(invocation,
        StatusReporter.noop());
  }

  @Test
  void shouldFailOnARejectedKeyInsteadOfGuessing() {
    harness.misp.reply(403, "auth-failed-403.json");

    assertThat(harness.run(FUNCTION, INPUTS).error()).contains("rejected the API key").contains("[fn_misp] misp_key");
  }

  @Test
  void shouldFailOnARefusedSearch() {
    harness.misp.reply(405, "invalid-object-405.json");

    assertThat(harness.run(FUNCTION, INPUTS).error()).isEqualTo("Could not search MISP attributes for the value: "
        + "MISP at " + harness.misp.host() + " answered HTTP 405: Invalid object.");
  }

  @Test
  void shouldFailOnAnAnswerWithoutAttributes() {
    harness.misp.replyRaw(200, "{\"response\":{\"Event\":[]}}");

    assertThat(harness.run(FUNCTION, INPUTS).error()).startsWith("Could not search MISP attributes for the value: "
        + "MISP at " + harness.misp.host() + " answered without a list of attributes");
  }

  @Test
  void shouldFailOnAnEmptyOrMalformedAnswer() {
    harness.misp.replyRaw(200, "").onRestSearch("enrich-empty.json").replyRaw(200, "{\"8.8.8.8\": [");

    assertThat(harness.run(FUNCTION, INPUTS).error()).isEqualTo("Could not search MISP attributes for the value: "
        + "MISP at " + harness.misp.host() + " answered HTTP 200 with an empty body");
    assertThat(harness.run(FUNCTION, INPUTS).error()).startsWith("Could not check the MISP warninglists: MISP at "
        + harness.misp.host() + " answered HTTP 200 with a body that is not JSON");
  }

  @Test
  void shouldKeepTheKeyOutOfTheUnknownVerdictWhenMispEchoesIt() {
    harness.misp.replyRaw(502, "{\"message\":\"upstream rejected " + FakeMisp.KEY + "\"}");

    FunctionHarness.Run run = harness.run(FUNCTION, INPUTS);

    assertThat(run.payload().toString()).doesNotContain(FakeMisp.KEY).contains("upstream rejected [hidden]");
    assertThat(String.join("\n", run.statuses())).doesNotContain(FakeMisp.KEY);
  }

  @Test
  void shouldRefuseBadInputsBeforeAnyRequest() {
    assertThat(harness.run(FUNCTION, "{}").error()).isEqualTo("misp_attribute_value is required but was not set");
    assertThat(harness.run(FUNCTION, "{\"misp_attribute_value\":\"x\",\"misp_attribute_type\":\"ip\"}").error())
        .isEqualTo("misp_attribute_type \"ip\" is not a MISP attribute type (e.g. ip-dst, domain, url, md5,"
            + " filename, email-src)");
    assertThat(harness.run(FUNCTION, "{\"misp_attribute_value\":\"x\",\"misp_enrich_limit\":0}").error())
        .isEqualTo("misp_enrich_limit must be between 1 and 10000, got 0");
    assertThat(harness.run(FUNCTION, "{\"misp_attribute_value\":\"x\",\"misp_enrich_limit\":\"many\"}").error())
        .isEqualTo("misp_enrich_limit must be an integer, got \"many\"");
    assertThat(harness.misp.requestCount()).isZero();
  }

  @Test
  void shouldApplyTheConfiguredRulesIgnoredOrganisationsLeadToTheWarninglistCheck() {
    FunctionSettings defaults = FunctionSettings.defaults();
    harness.with(new FunctionSettings(null, 50, VerdictRules.of(List.of("malware_classification:*"), List.of(),
        List.of(), true, null, List.of(), List.of("circl", "FEED ORG"))));
    harness.misp.onRestSearch("enrich-attributes.json").reply(200, "warninglist-none.json");

    JsonNode content = harness.run(FUNCTION, INPUTS).payload().get("content");

    assertThat(defaults.enrichLimit()).isEqualTo(50);
    assertThat(harness.misp.requestCount()).isEqualTo(2);
    assertThat(content.get("verdict").asText()).isEqualTo("unknown");
    assertThat(content.get("reason").asText())
        .isEqualTo("MISP matched 203.0.113.7 only in events of ignored organisations (CIRCL, Feed Org).");
    assertThat(content.get("attributes")).hasSize(2);
  }

  private static JsonNode json(String text) {
    return Json.parse(text, "expected");
  }
}
