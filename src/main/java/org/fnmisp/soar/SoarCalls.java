package org.fnmisp.soar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.fnmisp.http.Attempts;
import org.fnmisp.http.FixedHeaders;
import org.fnmisp.http.HttpClients;
import org.fnmisp.http.RetryPolicy;
import org.fnmisp.tls.TlsFailures;

/**
 * Runs SOAR requests on the one client {@link HttpClients} builds from the settings, each with its
 * {@link RetryPolicy}, and turns every failure into a {@link SoarException}: connection errors, 5xx and 429 are
 * retried by the client; TLS failures and 401 end at once (401 is fatal by design, exit 21); any other status is
 * handed back as a {@link SoarReply} for the caller to judge.
 */
final class SoarCalls {

  static final String TRUST_KEY = "[resilient] cafile";

  private final OkHttpClient http;
  private final SoarCredentials credentials;

  SoarCalls(SoarSettings settings) {
    // No cookie jar: the API key needs none and the session cookie is sent explicitly.
    this.http = HttpClients.build(settings.httpSettings(), FixedHeaders.of(settings.httpSettings(),
        "Accept", "application/json", "Content-Type", "application/json"));
    this.credentials = settings.credentials();
  }

  SoarReply execute(Request request, RetryPolicy policy) throws SoarException {
    Call call = http.newCall(request.newBuilder().tag(RetryPolicy.class, policy).build());
    try (Response response = call.execute()) {
      SoarReply reply = SoarReply.read(request, response);
      if (reply.status() == 401) {
        throw unauthorized(reply);
      }
      if (policy.isTransient(reply.status())) {
        throw gaveUp(reply.failure("SOAR call failed"), call);
      }
      return reply;
    } catch (SSLException e) {
      throw tlsFailure(request, e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new SoarException(SoarException.Kind.GENERIC,
            "Interrupted while waiting to retry " + request.method() + " " + request.url(), e);
      }
      throw gaveUp(transportFailure(request, e), call);
    }
  }

  void close() {
    HttpClients.close(http);
  }

  private static SoarException gaveUp(SoarException last, Call call) {
    return new SoarException(last.kind(),
        last.getMessage() + " (gave up after " + (Attempts.retries(call) + 1) + " attempts)", last.getCause());
  }

  private SoarException unauthorized(SoarReply reply) {
    String keys = credentials instanceof ApiKey
        ? "[resilient] api_key_id and api_key_secret"
        : "[resilient] email and password";
    return new SoarException(SoarException.Kind.UNAUTHORIZED, "SOAR rejected the " + credentials.description()
        + " (HTTP 401 from " + reply.method() + " " + reply.url() + reply.soarMessage()
        + "): the credentials are wrong, expired or blocked; check " + keys);
  }

  private static SoarException tlsFailure(Request request, SSLException e) {
    String host = request.url().host();
    SoarException.Kind kind =
        causedBy(e, CertPathBuilderException.class) ? SoarException.Kind.CA_FILE : SoarException.Kind.TLS;
    return new SoarException(kind, "Cannot reach SOAR at " + request.url() + ": "
        + TlsFailures.explain(e, host, TRUST_KEY), e);
  }

  private SoarException transportFailure(Request request, IOException e) {
    String reason;
    if (e instanceof UnknownHostException) {
      reason = "unknown host " + e.getMessage() + " (check [resilient] host and the DNS)";
    } else if (e instanceof ConnectException) {
      reason = "connection refused (" + e.getMessage() + ")";
    } else if (e instanceof InterruptedIOException) {
      reason = "no answer within " + http.readTimeoutMillis() + " ms (" + e.getMessage() + ")";
    } else {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new SoarException(SoarException.Kind.GENERIC,
        "Cannot reach SOAR at " + request.method() + " " + request.url() + ": " + reason, e);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
