package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.fnmisp.Loggers;
import org.fnmisp.http.RetryPolicy;
import org.slf4j.Logger;

/**
 * A logged-in connection to the SOAR REST API for one org. {@link #connect} logs in (retried per
 * {@code max_connection_retries}), selects the org and reads its details; later calls are retried per
 * {@code request_max_retries}. A 401 at any point is a {@link SoarException} with exit code 21. Thread-safe.
 */
public final class SoarClient implements AutoCloseable {

  private static final Logger LOG = Loggers.SOAR;

  private final SoarCalls calls;
  private final HttpUrl orgUrl;
  private final HttpUrl restBase;
  private final SoarAuth auth;
  private final SoarOrg org;
  private final SoarCredentials credentials;
  private final RetryPolicy requestPolicy;
  private final JsonNode principalId;

  private SoarClient(SoarCalls calls, HttpUrl restBase, SoarAuth auth, SoarOrg org, SoarCredentials credentials,
      RetryPolicy requestPolicy, JsonNode principalId) {
    this.calls = calls;
    this.restBase = restBase;
    this.orgUrl = restBase.newBuilder().addPathSegment("orgs").addPathSegment(Long.toString(org.id())).build();
    this.auth = auth;
    this.org = org;
    this.credentials = credentials;
    this.requestPolicy = requestPolicy;
    this.principalId = principalId;
  }

  /**
   * Logs in, picks the org named by {@code [resilient] org} and reads whether its actions framework is enabled.
   *
   * @throws SoarException exit code 21 on HTTP 401, 22/23 on TLS failures, 24 when the org is not found or
   *     disabled, 20 otherwise
   */
  public static SoarClient connect(SoarSettings settings) throws SoarException {
    return connect(settings, RetryPolicy.Sleeper.REAL);
  }

  static SoarClient connect(SoarSettings settings, RetryPolicy.Sleeper sleeper) throws SoarException {
    HttpUrl restBase = restBase(settings);
    if (!settings.trust().isVerifying()) {
      LOG.warn("TLS verification of SOAR at {} is off ({} = false): any certificate is accepted",
          settings.host(), SoarCalls.TRUST_KEY);
    }
    SoarCalls calls = new SoarCalls(settings);
    try {
      SoarLogin.Session session =
          SoarLogin.login(calls, restBase, settings.credentials(), settings.loginRetries(sleeper));
      JsonNode chosen = OrgSelector.select(session.body(), settings.org(), settings.credentials());
      SoarOrg named = new SoarOrg(chosen.path("id").asLong(), chosen.path("name").asText(), false);
      JsonNode principalId =
          session.body().path(settings.credentials() instanceof ApiKey ? "api_key_handle" : "user_id");
      SoarClient client = new SoarClient(calls, restBase, session.auth(), named, settings.credentials(),
          settings.requestRetries(sleeper), principalId);
      return client.withOrgDetails();
    } catch (SoarException | RuntimeException e) {
      calls.close();
      throw e;
    }
  }

  /** The selected org, with its {@code actions_framework_enabled} flag as SOAR reported it at connect time. */
  public SoarOrg org() {
    return org;
  }

  /**
   * The message destination of one function ({@code destination_handle} of
   * {@code GET /rest/orgs/{org}/functions/{name}?handle_format=names}); empty when SOAR has no such function (404),
   * so the caller can skip it with a warning. A 404 is not retried.
   */
  public Optional<String> functionDestination(String functionName) throws SoarException {
    HttpUrl url = orgUrl.newBuilder().addPathSegment("functions").addPathSegment(functionName)
        .addQueryParameter("handle_format", "names").build();
    SoarReply reply = get(url, requestPolicy);
    if (reply.status() == 404) {
      return Optional.empty();
    }
    String context = "Cannot look up the message destination of the function " + functionName;
    if (!reply.isSuccess()) {
      throw reply.failure(context);
    }
    JsonNode handle = reply.json().path("destination_handle");
    if (!handle.isTextual() || handle.asText().isBlank()) {
      throw new SoarException(SoarException.Kind.GENERIC,
          context + ": SOAR's answer to GET " + url + " has no destination_handle");
    }
    return Optional.of(handle.asText());
  }

  /** {@code server_version.version} of {@code GET /rest/const}, for the start-up log; any failure gives empty. */
  public Optional<String> serverVersion() {
    HttpUrl url = restBase.newBuilder().addPathSegment("const").build();
    try {
      SoarReply reply = get(url, RetryPolicy.none());
      JsonNode version = reply.isSuccess() ? reply.json().path("server_version").path("version") : null;
      return version != null && version.isTextual() ? Optional.of(version.asText()) : Optional.empty();
    } catch (SoarException e) {
      LOG.debug("Cannot read the SOAR server version: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** {@code API key <id>} or {@code user <email>}: who fn-misp acts as, for logs. */
  public String principalDescription() {
    return credentials.description();
  }

  @Override
  public void close() {
    calls.close();
  }

  private SoarClient withOrgDetails() throws SoarException {
    SoarReply reply = get(orgUrl, requestPolicy);
    if (!reply.isSuccess()) {
      throw reply.failure("Cannot read the details of the SOAR org '" + org.name() + "'");
    }
    boolean actionsFramework = reply.json().path("actions_framework_enabled").asBoolean(false);
    SoarOrg detailed = new SoarOrg(org.id(), org.name(), actionsFramework);
    return new SoarClient(calls, restBase, auth, detailed, credentials, requestPolicy, principalId);
  }

  /** For the other REST calls of this package: a request signed as this session, retried per {@code policy}. */
  SoarReply send(Request.Builder request, RetryPolicy policy) throws SoarException {
    return calls.execute(auth.sign(request).build(), policy);
  }

  HttpUrl orgUrl() {
    return orgUrl;
  }

  RetryPolicy requestPolicy() {
    return requestPolicy;
  }

  SoarCredentials credentials() {
    return credentials;
  }

  /** The session's {@code api_key_handle} (API key) or {@code user_id} (email/password); missing if SOAR sent none. */
  JsonNode principalId() {
    return principalId;
  }

  private SoarReply get(HttpUrl url, RetryPolicy policy) throws SoarException {
    return calls.execute(auth.sign(new Request.Builder().url(url)).get().build(), policy);
  }

  /** {@code <scheme>://<host>:<port>/<resource_prefix>/rest}, to which endpoint paths are appended. */
  private static HttpUrl restBase(SoarSettings settings) throws SoarException {
    HttpUrl.Builder url = new HttpUrl.Builder().scheme(settings.scheme()).port(settings.port());
    try {
      url.host(settings.host());
    } catch (IllegalArgumentException e) {
      throw new SoarException(SoarException.Kind.GENERIC, "[resilient] host = " + settings.host()
          + ": not a host name (write the bare name, without https:// or a path)");
    }
    String prefix = settings.resourcePrefix().replaceAll("^/+|/+$", "");
    if (!prefix.isEmpty()) {
      url.addPathSegments(prefix);
    }
    return url.addPathSegment("rest").build();
  }
}
