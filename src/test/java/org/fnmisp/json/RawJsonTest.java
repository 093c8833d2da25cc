package org.fnmisp.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawJsonTest {

  private static final String ANSWER = "{\"response\": [{\"Event\": {\"info\": \"Café \u2603 \ud83d\ude00\", "
      + "\"score\": 2.50, \"text\": \"a \\\"quoted\\\" \\u00e9\"}}]}";

  @Test
  void shouldWriteTheBytesItHoldsVerbatimInCompactAndPrettyOutput() {
    byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
    int from = ANSWER.substring(0, ANSWER.indexOf('[')).getBytes(StandardCharsets.UTF_8).length;
    int to = ANSWER.substring(0, ANSWER.lastIndexOf(']') + 1).getBytes(StandardCharsets.UTF_8).length;
    String list = ANSWER.substring(ANSWER.indexOf('['), ANSWER.lastIndexOf(']') + 1);
    ObjectNode reply = Json.object();
    reply.put("message", "Completed");
    reply.set("content", RawJson.node(body, from, to));

    byte[] written = Json.writeBytes(reply);

    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Completed\",\"content\":" + list + "}");
    JsonNode parsed = Json.parse(written, "the reply");
    assertThat(parsed.get("content")).isEqualTo(Json.parse(list, "the list"));
    assertThat(parsed.at("/content/0/Event/score").decimalValue().toPlainString()).isEqualTo("2.50");
    assertThat(Json.parse(Json.writePretty(reply), "pretty").get("content")).isEqualTo(Json.parse(list, "the list"));
  }
}
