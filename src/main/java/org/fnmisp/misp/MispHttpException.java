package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MISP (or a proxy in front of it) answered with a non-2xx status. {@link #body()} is MISP's parsed JSON error body,
 * or a text node holding the raw body when it is not JSON. {@link #afterRetry()} tells whether the answer came to a
 * resent request, whose earlier attempt may already have done the work.
 */
public class MispHttpException extends MispException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient JsonNode body;
  private final boolean afterRetry;
  private final String request;

  MispHttpException(String message, int status, JsonNode body, boolean afterRetry) {
    this(message, status, body, afterRetry, "");
  }

  MispHttpException(String message, int status, JsonNode body, boolean afterRetry, String request) {
    super(message, null);
    this.status = status;
    this.body = body;
    this.afterRetry = afterRetry;
    this.request = request;
  }

  /** The request MISP answered, e.g. {@code POST https://misp.example.org/events/add} (no user info); may be empty. */
  public String request() {
    return request;
  }

  public int status() {
    return status;
  }

  public JsonNode body() {
    return body;
  }

  /** Whether this answer came to a resent request (an earlier attempt failed and may have reached MISP). */
  public boolean afterRetry() {
    return afterRetry;
  }

  /** A 4xx: MISP refused this request (validation, permission, not found), as opposed to failing itself. */
  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
