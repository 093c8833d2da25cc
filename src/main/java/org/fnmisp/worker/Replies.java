package org.fnmisp.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fnmisp.json.Json;

/**
 * The bodies SOAR expects on a message's {@code reply-to} queue (its ActionAcknowledgementDTO):
 * {@code message_type} 0 = information, 1 = error; {@code complete} false for a status, true for the final reply.
 */
final class Replies {

  static final int INFORMATION = 0;
  static final int ERROR = 1;

  private Replies() {}

  static byte[] status(String message) {
    ObjectNode body = Json.object();
    body.put("message_type", INFORMATION);
    body.put("message", message == null || message.isEmpty() ? "(No status)" : message);
    body.put("complete", false);
    return Json.writeBytes(body);
  }

  static byte[] completed(ObjectNode results) {
    ObjectNode body = Json.object();
    body.put("message_type", INFORMATION);
    body.put("message", "Completed");
    body.put("complete", true);
    body.set("results", results);
    return Json.writeBytes(body);
  }

  static byte[] error(String message) {
    ObjectNode body = Json.object();
    body.put("message_type", ERROR);
    body.put("message", message);
    body.put("complete", true);
    return Json.writeBytes(body);
  }
}
