package org.fnmisp.misp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * MISP rejected the API key: HTTP 401, or 403 with an authentication failure ("Authentication failed", "Auth key is
 * expired", "not possible to use this Auth key"). This is configuration, not data: the message names
 * {@code [fn_misp] misp_key}, never its value.
 */
public final class MispAuthException extends MispHttpException {

  private static final long serialVersionUID = 1L;

  MispAuthException(String message, int status, JsonNode body, boolean afterRetry) {
    super(message, status, body, afterRetry);
  }
}
