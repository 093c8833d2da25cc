package org.fnmisp.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.fnmisp.Loggers;
import org.slf4j.Logger;

/**
 * Sends a request again after a transient failure, as the request's {@link RetryPolicy} tag or else the client's
 * policy says. TLS failures are not retried: an untrusted certificate does not fix itself. A request tagged
 * {@link Idempotency#NOT_IDEMPOTENT} is resent only when the server certainly did not process it: the attempt failed
 * before the request was written (see {@link Attempts}), or the answer was 429 or 503. Every resend is counted on the
 * call's {@link Attempts}. The waits run on the calling thread, inside the call's deadline.
 */
final class RetryInterceptor implements Interceptor {

  private static final Logger LOG = Loggers.HTTP;

  private final RetryPolicy clientPolicy;

  RetryInterceptor(RetryPolicy clientPolicy) {
    this.clientPolicy = clientPolicy;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    RetryPolicy tagged = request.tag(RetryPolicy.class);
    RetryPolicy policy = tagged == null ? clientPolicy : tagged;
    Idempotency idempotency = Idempotency.of(request);
    Attempts attempts = Attempts.of(chain.call());
    for (int retry = 1;; retry++) {
      boolean last = retry > policy.maxRetries();
      attempts.begin();
      Response response;
      try {
        response = chain.proceed(request);
      } catch (SSLException e) {
        throw e;
      } catch (IOException e) {
        if (last || chain.call().isCanceled()) {
          throw e;
        }
        if (attempts.sent() && idempotency == Idempotency.NOT_IDEMPOTENT) {
          LOG.warn("{} {} failed ({}) after the request was sent; not retried, the server may have processed it",
              request.method(), describe(request), e.toString());
          throw e;
        }
        Duration wait = policy.backoff().delay(retry);
        LOG.warn("{} {} failed ({}); retry {} of {} in {} ms", request.method(), describe(request), e.toString(),
            retry, policy.describeMaxRetries(), wait.toMillis());
        pause(policy, wait);
        attempts.countRetry();
        continue;
      }
      if (last || !policy.shouldResend(response.code(), idempotency)) {
        return response;
      }
      int attempt = retry;
      Duration wait = policy.maxRetryAfter().flatMap(max -> retryAfter(response, max))
          .orElseGet(() -> policy.backoff().delay(attempt));
      LOG.warn("{} {} answered HTTP {}; retry {} of {} in {} ms", request.method(), describe(request), response.code(),
          retry, policy.describeMaxRetries(), wait.toMillis());
      response.close();
      pause(policy, wait);
      attempts.countRetry();
    }
  }

  private static Optional<Duration> retryAfter(Response response, Duration max) {
    String value = response.header("Retry-After");
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(Instant.now(), at);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
    if (wait.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
  }

  private static void pause(RetryPolicy policy, Duration wait) throws InterruptedIOException {
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** Host and path only: query strings and headers may carry secrets. */
  private static String describe(Request request) {
    return request.url().scheme() + "://" + request.url().host() + ":" + request.url().port()
        + request.url().encodedPath();
  }
}
