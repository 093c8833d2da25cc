package org.fnmisp.soar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;

class OrgExportTest {

  private static final String EXPORT = """
      {"server_version": {"major": 49, "minor": 0, "version": "49.0.8803"},
       "message_destinations": [{"name": "fn_misp", "programmatic_name": "fn_misp", "tags": [{"tag_handle": "x"}]}],
       "fields": [{"name": "misp_event_id", "text": "MISP Event Id", "export_key": "incident/misp_event_id"},
                  {"name": "internal_customizations_field", "internal": true, "export_key": "incident/internal"}],
       "functions": [{"name": "misp_create_event", "display_name": "MISP Create Event", "tags": []}],
       "workflows": [{"programmatic_name": "example_wf", "name": "Example WF"}],
       "playbooks": [{"name": "pb", "display_name": "pb", "local_scripts": [{"tags": [], "uuid": "u"}]}]}""";

  @Test
  void describesOneObjectPerLineLeavingOutInternalFields() {
    OrgExport export = OrgExport.of(Json.parse(EXPORT, "export"));

    assertThat(export.describe()).containsExactly(
        "message destination  fn_misp",
        "field                incident.misp_event_id (MISP Event Id)",
        "function             misp_create_event (MISP Create Event)",
        "workflow             example_wf (Example WF)",
        "playbook             pb");
    assertThat(export.summary()).isEqualTo("1 message destination, 2 fields, 1 function, 1 workflow, 1 playbook");
    assertThat(export.messageDestinations()).containsExactly("fn_misp");
    assertThat(export.serverVersion()).contains(new SoarVersion(49, 0));
  }

  @Test
  void stripsTagsAtEveryDepthWithoutChangingTheOriginal() {
    OrgExport export = OrgExport.of(Json.parse(EXPORT, "export"));

    assertThat(export.withoutTags().json().toString()).doesNotContain("tags").contains("\"uuid\":\"u\"");
    assertThat(export.json().toString()).contains("tag_handle");
  }

  @Test
  void refusesAnythingButAnObject() {
    assertThatThrownBy(() -> OrgExport.of(Json.parse("[]", "export")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not ARRAY");
  }

  @Test
  void theJarHoldsTheCustomizationsOfCustomizeExportRes() {
    OrgExport bundled = OrgExport.bundled();

    assertThat(bundled.messageDestinations()).containsExactly("fn_misp");
    assertThat(bundled.describe()).contains("function             misp_create_event (MISP Create Event)");
  }
}
