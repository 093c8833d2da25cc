package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.fnmisp.json.Json;
import org.fnmisp.json.JsonException;

/** One SOAR answer, read in full so the connection can be released at once. */
record SoarReply(String method, HttpUrl url, int status, String body, List<String> setCookies) {

  private static final int MAX_QUOTED_BODY = 300;

  static SoarReply read(Request request, Response response) throws IOException {
    return new SoarReply(request.method(), request.url(), response.code(), response.body().string(),
        response.headers("Set-Cookie"));
  }

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The body as a JSON object; anything else (empty, HTML from a proxy, an array) is a failure naming the URL. */
  JsonNode json() throws SoarException {
    String what = "SOAR's answer to " + method + " " + url;
    JsonNode parsed;
    try {
      parsed = Json.parse(body, what);
    } catch (JsonException e) {
      throw new SoarException(SoarException.Kind.GENERIC, e.getMessage(), e);
    }
    if (!parsed.isObject()) {
      throw new SoarException(SoarException.Kind.GENERIC, what + " is not a JSON object: " + quoted());
    }
    return parsed;
  }

  /** {@code <context>: SOAR answered GET <url> with HTTP 403: <SOAR's message>}. */
  SoarException failure(String context) {
    String hint = status == 407 ? " (the proxy refused: check [resilient] proxy_user and proxy_password)" : "";
    return new SoarException(SoarException.Kind.GENERIC,
        context + ": SOAR answered " + method + " " + url + " with HTTP " + status + soarMessage() + hint);
  }

  /** SOAR's own error text, {@code ": <message>"}, or the start of a non-JSON body; empty when there is none. */
  String soarMessage() {
    String text = body.strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      JsonNode message = Json.parse(text, "SOAR error").path("message");
      if (message.isTextual() && !message.asText().isBlank()) {
        return ": " + message.asText();
      }
    } catch (JsonException notJson) {
      // Proxies and load balancers answer in HTML or plain text; quote its start instead.
    }
    return ": " + quoted();
  }

  private String quoted() {
    String text = body.strip();
    if (text.isEmpty()) {
      return "(empty body)";
    }
    return text.length() > MAX_QUOTED_BODY ? text.substring(0, MAX_QUOTED_BODY) + "..." : text;
  }
}
