package org.fnmisp.http;

import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * The headers every request to one remote system carries: our {@code User-Agent}, then the system's own (its
 * authentication, its content types), in that order. They are built once: a request started with
 * {@link #newRequest()} carries them from the start and the client passes it on as it is; any other request gets them
 * set (replacing headers of the same name) in one copy. (Two interceptors that each copied every request showed up
 * in the profile of a call.)
 */
public final class FixedHeaders {

  private final String[] namesAndValues;
  private final Headers headers;
  /** A value OkHttp refuses (a key with a non-ASCII character, say): each request fails as OkHttp would fail it. */
  private final IllegalArgumentException invalid;

  private FixedHeaders(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
    Headers built = null;
    IllegalArgumentException refused = null;
    try {
      built = Headers.of(namesAndValues);
    } catch (IllegalArgumentException e) {
      refused = e;
    }
    this.headers = built;
    this.invalid = refused;
  }

  /** {@code User-Agent} from {@code settings}, then {@code namesAndValues} (name, value, name, value, ...). */
  public static FixedHeaders of(HttpSettings settings, String... namesAndValues) {
    String[] all = new String[namesAndValues.length + 2];
    all[0] = "User-Agent";
    all[1] = settings.userAgent();
    System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
    return new FixedHeaders(all);
  }

  /** A request builder that already carries the headers. */
  public Request.Builder newRequest() {
    if (invalid != null) {
      throw new IllegalArgumentException(invalid.getMessage());
    }
    return new Request.Builder().headers(headers);
  }

  /** Runs before the retries, so every attempt carries the headers. */
  Interceptor interceptor() {
    return chain -> chain.proceed(applyTo(chain.request()));
  }

  private Request applyTo(Request request) {
    if (invalid == null && request.headers().equals(headers)) {
      return request;
    }
    Request.Builder builder = request.newBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.header(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }
}
