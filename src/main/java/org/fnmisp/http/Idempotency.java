package org.fnmisp.http;

import okhttp3.Request;

/**
 * Whether sending a request twice is harmless, set as an OkHttp request tag
 * ({@code builder.tag(Idempotency.class, Idempotency.NOT_IDEMPOTENT)}); a request without the tag is idempotent.
 * A request that is not idempotent (a create without a client uuid) is sent again only when the server certainly did
 * not process it: the attempt failed before the request was written, or the answer was HTTP 429 or 503.
 */
public enum Idempotency {

  /** Safe to resend after any transient failure. */
  IDEMPOTENT,

  /** A second delivery would do the work twice. */
  NOT_IDEMPOTENT;

  static Idempotency of(Request request) {
    Idempotency tag = request.tag(Idempotency.class);
    return tag == null ? IDEMPOTENT : tag;
  }
}
