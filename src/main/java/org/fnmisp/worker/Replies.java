package org.fnmisp.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.fnmisp.json.Json;
import org.fnmisp.json.JsonException;

/**
 * The bodies SOAR expects on a message's {@code reply-to} queue (its ActionAcknowledgementDTO):
 * {@code message_type} 0 = information, 1 = error; {@code complete} false for a status, true for the final reply.
 * Written field by field with the shared mapper's generator (three status messages and a reply per call: a tree built
 * only to be written out again cost more than the writing).
 */
final class Replies {

  static final int INFORMATION = 0;
  static final int ERROR = 1;

  private Replies() {}

  static byte[] status(String message) {
    return write(INFORMATION, message == null || message.isEmpty() ? "(No status)" : message, false, null);
  }

  static byte[] completed(ObjectNode results) {
    return write(INFORMATION, "Completed", true, results);
  }

  static byte[] error(String message) {
    return write(ERROR, message, true, null);
  }

  private static byte[] write(int type, String message, boolean complete, ObjectNode results) {
    try (ByteArrayBuilder bytes = new ByteArrayBuilder()) {
      try (JsonGenerator json = Json.mapper().createGenerator(bytes)) {
        json.writeStartObject();
        json.writeNumberField("message_type", type);
        json.writeStringField("message", message);
        json.writeBooleanField("complete", complete);
        if (results != null) {
          json.writeFieldName("results");
          Json.mapper().writeTree(json, results);
        }
        json.writeEndObject();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new JsonException("Cannot write the reply to SOAR as JSON", e);
    }
  }
}
