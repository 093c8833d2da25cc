package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

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
    if (failure instanceof SSLException && isPlainHttp(failure)) {
      detail = "MISP at " + host + " answered TLS with plain HTTP: the port speaks http://, so check the scheme of "
          + URL + " = " + settings.displayUrl() + " (https:// on an http port; this is not a certificate problem)";
    } else if (failure instanceof SSLException && isClosedAtHandshake(failure)) {
      detail = "the server at " + host + " closed the connection at the start of the TLS handshake, before any "
          + "certificate was sent, as a port that speaks plain http:// does: check the scheme of " + URL + " = "
          + settings.displayUrl();
    } else if (failure instanceof SSLException tls) {
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
      detail = "the connection to MISP at " + host + " failed: " + (failure.getMessage() == null
          ? "it ended without an answer" : failure.getMessage());
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

  /**
   * @param request what was sent, e.g. {@code POST https://misp.example.org/events/add}, for messages about the URL
   */
  MispHttpException status(String action, String request, int status, JsonNode body, String location,
      boolean afterRetry) {
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
    return new MispHttpException(scrub(prefix + detail), status, body, afterRetry, request);
  }

  /**
   * Whether a refusal says the path does not exist rather than something about the object asked for: MISP's generic
   * "Not Found" for an unknown URL, or a 404/405 whose body is HTML, empty or another server's. MISP's own refusals
   * ("Invalid event.", "Invalid Target.", "No event ID set.") carry a JSON object with its {@code name}/{@code message}.
   */
  static boolean mayBeUnknownPath(MispHttpException refusal) {
    if (refusal.status() != 404 && refusal.status() != 405) {
      return false;
    }
    JsonNode body = refusal.body();
    String name = body.path("name").asText("");
    String message = body.path("message").asText("");
    return !body.isObject() || (name.isEmpty() && message.isEmpty()) || name.equals("Not Found")
        || message.equals("Not Found");
  }

  /**
   * {@code misp_url} does not lead to MISP's API: the refusal said the path does not exist and
   * {@code servers/getVersion} failed too.
   */
  MispException wrongUrl(MispHttpException refusal, MispException versionFailure) {
    // The refusal's message starts as every message here does: "Could not <action>: ".
    String attempt = refusal.getMessage().substring(0, Math.max(0, refusal.getMessage().indexOf(": ")));
    String versionProblem = versionFailure instanceof MispHttpException http
        ? http.request() + " answered HTTP " + http.status() + " with " + answered(http.body())
        : versionFailure.getMessage().replaceFirst("^Could not [^:]*: ", "");
    return new MispException(scrub(attempt + ": " + URL + " = " + settings.displayUrl()
        + " does not lead to MISP's API: " + refusal.request() + " answered HTTP " + refusal.status() + " with "
        + answered(refusal.body()) + ", and " + versionProblem + "; set " + URL + " to the address MISP's web "
        + "interface has (e.g. https://misp.example.org)"), versionFailure);
  }

  /** What a non-MISP answer was, in a few words: "an HTML page titled ...", "an empty body", the JSON. */
  private static String answered(JsonNode body) {
    if (body.isObject()) {
      String name = body.path("name").asText("");
      return name.equals("Not Found") ? "MISP's \"Not Found\" for an unknown URL" : "the JSON " + clip(body.toString());
    }
    String text = body.asText().strip();
    if (text.isEmpty()) {
      return "an empty body";
    }
    if (text.startsWith("<")) {
      Matcher title = HTML_TITLE.matcher(text);
      return title.find() ? "an HTML page titled \"" + clip(title.group(1).replaceAll("\\s+", " ").strip()) + "\""
          : "an HTML page";
    }
    return "the text \"" + clip(text.replaceAll("\\s+", " ")) + "\"";
  }

  private static String clip(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  /** A URL as messages show it: scheme, host, port and path, without user info or query. */
  static String shown(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
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

  /** The JDK's words for a TLS client that got plain bytes back: the server speaks http:// on that port. */
  private static boolean isPlainHttp(IOException failure) {
    String message = String.valueOf(failure.getMessage());
    return message.contains("plaintext connection") || message.contains("Unsupported or unrecognized SSL message");
  }

  private static boolean isClosedAtHandshake(IOException failure) {
    return failure.getCause() instanceof EOFException
        || String.valueOf(failure.getMessage()).contains("Remote host terminated the handshake");
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
