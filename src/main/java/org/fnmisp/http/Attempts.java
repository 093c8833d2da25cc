package org.fnmisp.http;

import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Interceptor;

/**
 * The attempts of one call, kept on its OkHttp {@link Call} as a tag: how often the request was sent again, and
 * whether the current attempt got as far as writing the request. An attempt that never did cannot have reached the
 * server (unknown host, refused or timed-out connect, proxy or TLS set-up failure), so even a non-idempotent request
 * may be resent.
 */
public final class Attempts {

  /** Runs as a network interceptor, i.e. once a connection is up and just before the request is written. */
  static final Interceptor MARK_SENT = chain -> {
    of(chain.call()).sent = true;
    return chain.proceed(chain.request());
  };

  private final AtomicInteger retries = new AtomicInteger();
  private volatile boolean sent;

  private Attempts() {}

  /** How often {@code call} was sent again after a failed attempt: 0 when the first attempt was the answer. */
  public static int retries(Call call) {
    Attempts attempts = call.tag(Attempts.class);
    return attempts == null ? 0 : attempts.retries.get();
  }

  static Attempts of(Call call) {
    return call.tag(Attempts.class, Attempts::new);
  }

  void begin() {
    sent = false;
  }

  boolean sent() {
    return sent;
  }

  void countRetry() {
    retries.incrementAndGet();
  }
}
