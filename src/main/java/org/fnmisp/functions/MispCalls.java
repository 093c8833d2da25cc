package org.fnmisp.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.fnmisp.handler.FunctionException;
import org.fnmisp.json.Json;
import org.fnmisp.misp.MispAuthException;
import org.fnmisp.misp.MispClient;
import org.fnmisp.misp.MispException;
import org.fnmisp.misp.MispHttpException;

/**
 * The two ways a function treats MISP's answer. Most failures fail the function with the client's message. For
 * create event/attribute/sighting and sighting list, fn_misp returned a MISP 4xx as data,
 * {@code {"errors": [status, body]}} with success true, and workflows test {@code content.errors}: kept here, except
 * for what is configuration and fails the function: a rejected API key, and a {@code misp_url} that does not lead to
 * MISP (the refusal says the path does not exist and {@code servers/getVersion} fails too).
 */
final class MispCalls {

  /** A MISP operation. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws MispException;
  }

  /** MISP's reply as result content; {@code refusal} is the message when MISP refused with a 4xx (content = errors). */
  record Reply(JsonNode content, String refusal) {

    boolean refused() {
      return refusal != null;
    }
  }

  private MispCalls() {}

  static <T> T call(Call<T> call) throws FunctionException {
    try {
      return call.run();
    } catch (MispException e) {
      throw new FunctionException(e.getMessage(), e);
    }
  }

  static Reply keepingRefusals(MispClient misp, Call<JsonNode> call) throws FunctionException {
    try {
      return new Reply(call.run(), null);
    } catch (MispAuthException e) {
      throw new FunctionException(e.getMessage(), e);
    } catch (MispHttpException e) {
      if (!e.isClientError()) {
        throw new FunctionException(e.getMessage(), e);
      }
      call(() -> {
        misp.confirmRefusal(e);
        return null;
      });
      ArrayNode errors = Json.array().add(e.status()).add(e.body());
      return new Reply(Json.object().set("errors", errors), e.getMessage());
    } catch (MispException e) {
      throw new FunctionException(e.getMessage(), e);
    }
  }
}
