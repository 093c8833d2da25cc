package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.fnmisp.Loggers;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.json.Json;
import org.slf4j.Logger;

/**
 * Opens a SOAR session: {@code GET /rest/session} with the API key, or {@code POST /rest/session} with email and
 * password. The org is not sent: SOAR answers with every org of the principal and the client picks one.
 */
final class SoarLogin {

  /** The session SOAR granted: how to sign later requests, and the session body with {@code orgs[]}. */
  record Session(SoarAuth auth, JsonNode body) {}

  private static final Logger LOG = Loggers.SOAR;
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String SESSION_COOKIE = "JSESSIONID";

  private SoarLogin() {}

  static Session login(SoarCalls calls, HttpUrl restBase, SoarCredentials credentials, RetryPolicy policy)
      throws SoarException {
    HttpUrl url = restBase.newBuilder().addPathSegment("session")
        .addQueryParameter("include_permissions", "false").build();
    String context = "Login to SOAR as " + credentials.description() + " failed";
    if (credentials instanceof ApiKey key) {
      SoarAuth auth = SoarAuth.apiKey(key);
      SoarReply reply = calls.execute(auth.sign(new Request.Builder().url(url)).get().build(), policy);
      return new Session(auth, successBody(reply, context));
    }
    UserPassword user = (UserPassword) credentials;
    LOG.warn("Logging in to SOAR as {} with a password, which is deprecated: use [resilient] api_key_id and "
        + "api_key_secret instead", user.email());
    ObjectNode body = Json.object().put("email", user.email()).put("password", user.password().reveal());
    SoarReply reply = calls.execute(
        new Request.Builder().url(url).post(RequestBody.create(Json.writeBytes(body), JSON)).build(), policy);
    JsonNode session = successBody(reply, context);
    String csrf = session.path("csrf_token").asText("");
    String jsessionId = sessionCookie(reply).orElse("");
    if (csrf.isEmpty() || jsessionId.isEmpty()) {
      throw new SoarException(SoarException.Kind.GENERIC, context + ": the answer to POST " + url
          + " lacks the csrf_token or the " + SESSION_COOKIE + " cookie");
    }
    return new Session(SoarAuth.session(jsessionId, csrf), session);
  }

  private static JsonNode successBody(SoarReply reply, String context) throws SoarException {
    if (!reply.isSuccess()) {
      throw reply.failure(context);
    }
    return reply.json();
  }

  private static Optional<String> sessionCookie(SoarReply reply) {
    return reply.setCookies().stream()
        .map(header -> Cookie.parse(reply.url(), header))
        .filter(cookie -> cookie != null && cookie.name().equals(SESSION_COOKIE))
        .map(Cookie::value)
        .findFirst();
  }
}
