package org.fnmisp.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FnMispFunctionsTest {

  @Test
  void shouldOfferTheSixFunctionsThenEnrichUnderTheirSoarApiNames() {
    try (FunctionHarness harness = new FunctionHarness()) {
      assertThat(FnMispFunctions.all(harness.client, FunctionSettings.defaults()).keySet()).containsExactly(
          "misp_create_event", "misp_create_attribute", "misp_create_sighting", "misp_search_attribute",
          "misp_sighting_list", "misp_create_tag", "misp_enrich_artifact").containsExactlyElementsOf(
              FnMispFunctions.NAMES);
    }
  }

  @Test
  void shouldBundleMispsAttributeTypes() {
    assertThat(AttributeTypes.count()).isGreaterThan(180);
    assertThat(AttributeTypes.canonical("as")).contains("AS");
    assertThat(AttributeTypes.canonical("named pipe")).contains("named pipe");
    assertThat(AttributeTypes.canonical("filename|sha256")).contains("filename|sha256");
    assertThat(AttributeTypes.canonical("ip")).isEmpty();
  }
}
