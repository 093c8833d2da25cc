package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A MISP answer beyond max_response_mb ends the function with an error naming the key and the limit. */
class MispAnswerLimitFunctionTest {

  private final FunctionHarness harness = new FunctionHarness();

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void shouldFailTheSearchWithTheKeyAndTheLimitWhenMispAnswersMoreThanMaxResponseMb() {
    Buffer huge = new Buffer().writeUtf8("{\"response\":[");
    while (huge.size() <= 2L << 20) {
      huge.writeUtf8("{\"Event\":{\"id\":\"1\",\"info\":\"padding padding padding padding\"}},");
    }
    huge.writeUtf8("{}]}");
    harness.misp.server().enqueue(new MockResponse.Builder().code(200).body(huge).build());

    String error = harness.run("misp_search_attribute", "{\"misp_attribute_value\":\"8.8.8.8\"}").error();

    assertThat(error).contains("Could not search MISP for the attribute value")
        .contains("answered with more than 2 MB ([fn_misp] max_response_mb = 2)");
  }
}
