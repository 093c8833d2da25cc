package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import org.fnmisp.http.ProxyConfig;
import org.fnmisp.tls.TlsFailures;

/**
 * Turns every way a MISP call can fail into one exception whose message a SOC engineer can act on: what we tried,
 * which host, what went wrong and which {@code [fn_misp]} key to check. This is the only place that does so.
 */
final class MispFailures {

  private static final String KEY = "[fn_misp] misp_key";
  private static final String URL = "[fn_misp] misp_url";

  private final MispSettings settings;
  private final String host;

  MispFailures(MispSettings settings) {
    this.settings = settings;
    HttpUrl url = settings.url();
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    this.host = defaultPort ? url.host() : url.host() + ":" + url.port();
  }

  MispTransportException transport(String action, IOException failure) {
    Optional<ProxyConfig> proxy = settings.proxies().proxyFor(settings.url());
    String detail;
    if (failure instanceof SSLException tls) {
      detail = TlsFailures.explain(tls, host, "[fn_misp] verify_cert");
    } else if (failure instanceof SocketTimeoutException) {
      detail = "MISP at " + host + " did not answer within " + seconds(settings.timeout())
          + " (raise [fn_misp] timeout if MISP is slow)";
    } else if (String.valueOf(failure.getMessage()).contains("authenticate with proxy") && proxy.isPresent()) {
      detail = proxyAuthentication(proxy.get());
    } else if (failure instanceof UnknownHostException && proxy.isPresent()) {
      detail = "the proxy host " + proxy.get().host() + " cannot be resolved (check " + proxy.get().origin() + ")";
    } else if (failure instanceof UnknownHostException) {
      detail = "the host name " + settings.url().host() + " cannot be resolved (check " + URL + ")";
    } else if ((failure instanceof ConnectException || failure instanceof NoRouteToHostException)
        && proxy.isPresent()) {
      detail = "the proxy " + proxy.get() + " cannot be reached (" + failure.getMessage() + "; check "
          + proxy.get().origin() + ")";
    } else if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
      detail = "MISP at " + host + " refused the connection or cannot be reached (" + failure.getMessage()
          + "; check that MISP is running and " + URL + ")";
    } else {
      detail = "the connection to MISP at " + host + " failed: " + failure;
    }
    return new MispTransportException(scrub("Could not " + action + ": " + detail), failure);
  }

  /** The call's deadline passed: MISP answered too slowly in all, e.g. a byte at a time. */
  MispTransportException deadline(String action, IOException failure) {
    return new MispTransportException(scrub("Could not " + action + ": MISP at " + host + " did not finish answering"
        + " within " + seconds(settings.deadline()) + " (the limit of one call, retries included: max_retries + 2 times"
        + " [fn_misp] timeout; raise timeout if MISP is that slow)"), failure);
  }

  /** The answer is larger than {@code max_response_mb}. */
  MispReplyException tooLarge(String action) {
    long bytes = settings.maxResponseBytes();
    String limit = bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB ([fn_misp] max_response_mb = " + (bytes >> 20) + ")"
        : bytes + " bytes ([fn_misp] max_response_mb)";
    return reply(action, "answered with more than " + limit + "; narrow the request, or raise max_response_mb"
        + " together with the heap (-Xmx)", null);
  }

  MispHttpException status(String action, int status, JsonNode body, String location, boolean afterRetry) {
    String prefix = "Could not " + action + ": ";
    if (status == 401 || (status == 403 && isAuthenticationFailure(body))) {
      return new MispAuthException(scrub(prefix + "MISP at " + host + " rejected the API key (HTTP " + status + ": "
          + reason(body) + "); check " + KEY), status, body, afterRetry);
    }
    String detail;
    Optional<ProxyConfig> proxy = settings.proxies().proxyFor(settings.url());
    if (status == 407 && proxy.isPresent()) {
      detail = proxyAuthentication(proxy.get());
    } else if (status >= 300 && status < 400) {
      detail = "MISP at " + host + " redirected the request (HTTP " + status + ") to " + location
          + "; set " + URL + " to the address MISP answers on";
    } else if (status == 404 && !body.isObject()) {
      detail = "MISP at " + host + " answered HTTP 404 (" + reason(body) + "); is " + URL + " the root of MISP?";
    } else {
      detail = "MISP at " + host + " answered HTTP " + status + ": " + reason(body);
    }
    return new MispHttpException(scrub(prefix + detail), status, body, afterRetry);
  }

  MispReplyException reply(String action, String problem, Throwable cause) {
    return new MispReplyException(scrub("Could not " + action + ": MISP at " + host + " " + problem), cause);
  }

  /** MISP answered with something else than a list of events; {@code found} names it ("object", "string", ...). */
  MispReplyException notAList(String action, String found) {
    return reply(action, "answered with a JSON " + found + ", expected a list of events", null);
  }

  /** Removes the API key and any password in {@code misp_url} wherever they might have been echoed back. */
  String scrub(String text) {
    String scrubbed = text;
    for (String secret : new String[] {settings.key().reveal(), settings.url().encodedPassword(),
        settings.url().password()}) {
      scrubbed = secret.isEmpty() ? scrubbed : scrubbed.replace(secret, "[hidden]");
    }
    return scrubbed;
  }

  private static String proxyAuthentication(ProxyConfig proxy) {
    return "the proxy " + proxy + " requires credentials or rejected them (HTTP 407); set them as"
        + " http://user:password@host:port in " + proxy.origin();
  }

  private static String seconds(java.time.Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }

  private static boolean isAuthenticationFailure(JsonNode body) {
    String text = (body.path("message").asText("") + " " + body.path("name").asText("") + " " + (body.isTextual()
        ? body.asText() : "")).toLowerCase(Locale.ROOT);
    return text.contains("authentication failed") || text.contains("auth key is expired")
        || text.contains("not possible to use this auth key");
  }

  /** MISP's own words: {@code message} (or {@code name}) plus {@code errors} when present, else the raw text. */
  static String reason(JsonNode body) {
    if (body.isObject()) {
      String message = body.path("message").asText(body.path("name").asText(""));
      JsonNode errors = body.get("errors");
      if (errors != null && !errors.isNull()) {
        message = message + (message.isEmpty() ? "" : " ") + (errors.isTextual() ? errors.asText() : errors.toString());
      }
      return message.isEmpty() ? body.toString() : message;
    }
    String text = body.asText().replaceAll("\\s+", " ").trim();
    if (text.isEmpty()) {
      return "no details in the reply";
    }
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
