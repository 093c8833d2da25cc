package org.fnmisp.soar;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.fnmisp.Loggers;
import org.fnmisp.tls.TlsFailures;
import org.slf4j.Logger;

/**
 * Runs SOAR requests with retries and turns every failure into a {@link SoarException}: connection errors, 5xx and
 * 429 are retried per {@link RetryPolicy}; TLS failures and 401 end at once (401 is fatal by design, exit 21); any
 * other status is handed back as a {@link SoarReply} for the caller to judge.
 */
final class SoarCalls {

  private static final Logger LOG = Loggers.SOAR;

  private final OkHttpClient http;
  private final SoarCredentials credentials;

  SoarCalls(OkHttpClient http, SoarCredentials credentials) {
    this.http = http;
    this.credentials = credentials;
  }

  SoarReply execute(Request request, RetryPolicy policy) throws SoarException {
    SoarException last = null;
    int attempt = 1;
    for (; policy.allowsAttempt(attempt); attempt++) {
      if (last != null) {
        waitBeforeRetry(request, policy, attempt, last);
      }
      try (Response response = http.newCall(request).execute()) {
        SoarReply reply = SoarReply.read(request, response);
        if (reply.status() == 401) {
          throw unauthorized(reply);
        }
        if (!isTransient(reply.status())) {
          return reply;
        }
        last = reply.failure("SOAR call failed");
      } catch (SSLException e) {
        throw tlsFailure(request, e);
      } catch (IOException e) {
        last = transportFailure(request, e);
      }
    }
    throw new SoarException(last.kind(),
        last.getMessage() + " (gave up after " + (attempt - 1) + " attempts)", last.getCause());
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static boolean isTransient(int status) {
    return status >= 500 || status == 429;
  }

  private static void waitBeforeRetry(Request request, RetryPolicy policy, int attempt, SoarException last)
      throws SoarException {
    Duration delay = policy.delayBefore(attempt);
    LOG.warn("{}; try {} of {} in {} ms", last.getMessage(), attempt, policy.describeAttempts(), delay.toMillis());
    try {
      policy.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SoarException(SoarException.Kind.GENERIC,
          "Interrupted while waiting to retry " + request.method() + " " + request.url(), e);
    }
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
        + TlsFailures.explain(e, host, SoarHttp.TRUST_KEY), e);
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
