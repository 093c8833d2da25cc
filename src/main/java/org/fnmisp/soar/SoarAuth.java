package org.fnmisp.soar;

import java.util.Map;
import okhttp3.Credentials;
import okhttp3.Request;

/**
 * The headers that authenticate each request after login: HTTP Basic for an API key (stateless, so no cookie is
 * ever kept), or the {@code JSESSIONID} cookie plus the {@code X-sess-id} CSRF header for an email/password session.
 * Deliberately not a record: its {@code toString()} must not print the headers.
 */
final class SoarAuth {

  private final Map<String, String> headers;

  private SoarAuth(Map<String, String> headers) {
    this.headers = headers;
  }

  static SoarAuth apiKey(ApiKey key) {
    return new SoarAuth(Map.of("Authorization", Credentials.basic(key.id(), key.secret().reveal())));
  }

  static SoarAuth session(String jsessionId, String csrfToken) {
    return new SoarAuth(Map.of("Cookie", "JSESSIONID=" + jsessionId, "X-sess-id", csrfToken));
  }

  Request.Builder sign(Request.Builder request) {
    headers.forEach(request::header);
    return request;
  }

  @Override
  public String toString() {
    return "SoarAuth" + headers.keySet();
  }
}
