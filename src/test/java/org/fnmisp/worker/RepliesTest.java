package org.fnmisp.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reply bodies are written field by field; these pin them to the bytes the mapper writes for the same tree. */
class RepliesTest {

  private static final String[] TEXTS = {"Setting up connection to MISP", "Marking \"1.2.3.4\" as sighted",
      "back\\slash, tab\t, newline\n, cr\r, nul\u0000, bell\u0007, del\u007f", "Zürich – 東京 – 😀",
      "ERROR:\n\nMISP answered HTTP 500: {\"name\":\"x\"}", "</script>&<>'", " "};

  @Test
  void shouldWriteAStatusAsSoarReadsIt() {
    assertThat(new String(Replies.status("Setting up connection to MISP"), StandardCharsets.UTF_8))
        .isEqualTo("{\"message_type\":0,\"message\":\"Setting up connection to MISP\",\"complete\":false}");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
  void shouldWriteTheSameBytesAsTheMapperWritesForTheTree(int index) {
    String text = TEXTS[index];

    assertThat(Replies.status(text)).isEqualTo(tree(Replies.INFORMATION, text, false, null));
    assertThat(Replies.error(text)).isEqualTo(tree(Replies.ERROR, text, true, null));
    ObjectNode results = results(text);
    assertThat(Replies.completed(results)).isEqualTo(tree(Replies.INFORMATION, "Completed", true, results));
  }

  @Test
  void shouldShowAStatusWithoutTextAsNoStatusAndAnErrorWithoutTextAsNull() {
    assertThat(Replies.status(null)).isEqualTo(tree(Replies.INFORMATION, "(No status)", false, null));
    assertThat(Replies.status("")).isEqualTo(tree(Replies.INFORMATION, "(No status)", false, null));
    assertThat(Replies.error(null)).isEqualTo(tree(Replies.ERROR, null, true, null));
  }

  private static ObjectNode results(String text) {
    ObjectNode results = Json.object();
    results.put("version", new BigDecimal("2.0"));
    results.put("success", true);
    results.putNull("raw");
    results.put("big", new BigDecimal("12345678901234567890.000100"));
    results.put("long", Long.MIN_VALUE);
    results.put("double", 0.1);
    results.putObject("content").put("text", text).putArray("list").add(text).add(1).addNull().addObject();
    results.putArray("empty");
    results.putObject("none");
    return results;
  }

  /** The tree form the replies had before: the expected bytes. */
  private static byte[] tree(int type, String message, boolean complete, ObjectNode results) {
    ObjectNode body = Json.object();
    body.put("message_type", type);
    body.put("message", message);
    body.put("complete", complete);
    if (results != null) {
      body.set("results", results);
    }
    return Json.writeBytes(body);
  }
}
