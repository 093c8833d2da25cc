package org.fnmisp.customize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fnmisp.functions.FnMispFunctions;
import org.fnmisp.functions.FunctionSettings;
import org.fnmisp.functions.InputType;
import org.fnmisp.json.Json;
import org.fnmisp.misp.FakeMisp;
import org.fnmisp.misp.MispClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code customize/export.res} is what {@code fn-misp customize} imports into SOAR: it must be generated from its
 * source, define exactly the functions fn-misp serves with fn_misp's names and uuids, and hold playbooks that only use
 * what the file or SOAR itself defines. Run with {@code -Dfnmisp.regenerate=true} to rewrite it after changing
 * {@code customize/src}.
 */
class CustomizeExportTest {

  private static final String RESILIENT_NS = "http://resilient.ibm.com/bpmn";
  /** What playbook scripts and conditions may read besides the file's own incident fields. */
  private static final Set<String> BUILT_IN = Set.of("incident.name", "incident.addNote", "incident.properties",
      "artifact.value", "artifact.type", "artifact.description");

  private static JsonNode export;

  @BeforeAll
  static void readExport() throws IOException {
    if (Boolean.getBoolean("fnmisp.regenerate")) {
      Files.writeString(ExportGenerator.EXPORT, ExportGenerator.render(), StandardCharsets.UTF_8);
    }
    export = Json.parse(Files.readString(ExportGenerator.EXPORT, StandardCharsets.UTF_8), "customize/export.res");
  }

  @Test
  void exportResIsGeneratedFromCustomizeSrc() throws IOException {
    assertThat(Files.readString(ExportGenerator.EXPORT, StandardCharsets.UTF_8))
        .as("customize/export.res is out of date: run the tests with -Dfnmisp.regenerate=true")
        .isEqualTo(ExportGenerator.render());
  }

  @Test
  void definesExactlyTheFunctionsFnMispServes() {
    Set<String> served;
    try (FakeMisp misp = new FakeMisp(); MispClient client = new MispClient(misp.settings())) {
      served = FnMispFunctions.all(client, FunctionSettings.defaults()).keySet();
    }

    assertThat(names(export.get("functions"))).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void everyFunctionGoesToTheFnMispQueueWhichExpectsAcks() {
    JsonNode destination = export.get("message_destinations").get(0);

    assertThat(export.get("message_destinations")).hasSize(1);
    assertThat(destination.get("programmatic_name").asText()).isEqualTo("fn_misp");
    assertThat(destination.get("uuid").asText()).isEqualTo("4d83ca86-3993-4271-ab8b-7632e96c1ee1");
    assertThat(destination.get("destination_type").asInt()).isZero();
    assertThat(destination.get("expect_ack").asBoolean()).isTrue();
    export.get("functions").forEach(function -> assertThat(function.get("destination_handle").asText())
        .as(function.get("name").asText()).isEqualTo("fn_misp"));
  }

  @Test
  void functionsKeepFnMispNamesUuidsAndInputs() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("misp_create_event", "8f9b7c45-9d4e-4d35-8bdd-eb2e2923413a MISP Create Event | Create a MISP event "
        + "from an incident | misp_event_name misp_distribution misp_analysis_level misp_threat_level");
    expected.put("misp_create_attribute", "f5c4aae2-135e-41ac-8bbc-082b00677ecb MISP Create Attribute | Create a MISP "
        + "attribute from an incident artifact | misp_event_id misp_attribute_value misp_attribute_type");
    expected.put("misp_create_sighting", "e9df792b-a3af-4d67-ae90-e48aabca138c MISP Create Sighting | Create a MISP "
        + "sighting from an incident artifact | misp_sighting");
    expected.put("misp_search_attribute", "c248bc7c-b60f-4d36-9a2e-294ee78a5981 MISP Search Attribute | Search MISP "
        + "event attributes for a given match on an artifact | misp_attribute_value misp_attribute_type misp_category "
        + "misp_tags misp_published_since misp_to_ids misp_search_limit misp_search_page");
    expected.put("misp_sighting_list", "8b531827-741d-40e8-90a5-1ec99cb1710d MISP Sighting List | List all sightings "
        + "associated with an event | misp_event_id");
    expected.put("misp_create_tag", "71d3fed2-0eec-49af-a418-8e8178e5a458 MISP Create Tag | Creates a Tag | "
        + "misp_tag_type misp_tag_name misp_attribute_value misp_event_id");
    Map<String, JsonNode> fields = functionFields();

    for (Map.Entry<String, String> entry : expected.entrySet()) {
      JsonNode function = named(export.get("functions"), entry.getKey());
      List<String> inputs = new ArrayList<>();
      function.get("view_items")
          .forEach(item -> inputs.add(fields.get(item.get("content").asText()).get("name").asText()));
      assertThat(function.get("uuid").asText() + " " + function.get("display_name").asText() + " | "
          + function.at("/description/content").asText() + " | " + String.join(" ", inputs))
          .isEqualTo(entry.getValue());
    }
  }

  /** {@code invoke} sends each input as {@link FnMispFunctions#INPUTS} types it: that must be what SOAR sends. */
  @Test
  void invokeKnowsEachFunctionsInputsAndTypesAsTheExportDeclaresThem() {
    Map<String, JsonNode> fields = functionFields();
    Map<String, List<String>> declared = new LinkedHashMap<>();
    export.get("functions").forEach(function -> {
      List<String> inputs = new ArrayList<>();
      function.get("view_items").forEach(item -> {
        JsonNode field = fields.get(item.get("content").asText());
        inputs.add(field.get("name").asText() + " " + inputType(field.get("input_type").asText()));
      });
      declared.put(function.get("name").asText(), inputs);
    });
    Map<String, List<String>> known = new LinkedHashMap<>();
    FnMispFunctions.INPUTS.forEach((function, inputs) -> known.put(function,
        inputs.entrySet().stream().map(input -> input.getKey() + " " + input.getValue()).toList()));

    assertThat(known.keySet()).containsExactlyInAnyOrderElementsOf(declared.keySet());
    declared.forEach((function, inputs) -> assertThat(known.get(function)).as(function).containsExactlyElementsOf(
        inputs));
  }

  private static InputType inputType(String soarType) {
    return switch (soarType) {
      case "text", "textarea" -> InputType.TEXT;
      case "number" -> InputType.NUMBER;
      case "boolean" -> InputType.BOOLEAN;
      case "select" -> InputType.SELECT;
      default -> throw new AssertionError("export.res has an input_type invoke cannot send: " + soarType);
    };
  }

  @Test
  void inputFieldsKeepFnMispUuidsTooltipsAndSelectValues() {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    functionFields().values().forEach(field -> byName.put(field.get("name").asText(), field));
    Map<String, String> expected = Map.of(
        "misp_event_name", "cce1ad61-1368-4bbd-ba36-5a79bfdec88c text always ",
        "misp_distribution", "347b5506-f5ae-4597-a918-e36e9fdfb79a number  Organization only=0",
        "misp_analysis_level", "1dcf6488-6e2d-4062-bb74-16be4bb4fbdd number  initial =0, ongoing=1, complete=2",
        "misp_threat_level", "a4929691-12e6-4c36-b151-bb81579c8a76 number  high=1, medium=2, low=3",
        "misp_event_id", "21760030-8ddf-43da-84e8-5b0c63362b47 number  ",
        "misp_attribute_value", "bde8e83c-060d-4c5a-928d-d999a97cfda0 text  ",
        "misp_attribute_type", "d957c2b0-75fe-41b7-ac06-1ce0a7a7b251 text  ",
        "misp_sighting", "2e9a8d2b-9fd1-4a42-a61e-45ce8213feb7 text  ",
        "misp_tag_type", "a201dc94-d7f0-4b09-9e9e-7c4ba5a7a5da select  ",
        "misp_tag_name", "6fdb895f-e66f-47e8-958c-3c7227218f0d text  ");

    assertThat(byName.keySet()).containsAll(expected.keySet());
    expected.forEach((name, description) -> {
      JsonNode field = byName.get(name);
      assertThat(field.get("uuid").asText() + " " + field.get("input_type").asText() + " "
          + field.path("required").asText("") + " " + field.get("tooltip").asText()).as(name).isEqualTo(description);
    });
    assertThat(byName.get("misp_tag_type").get("values")).extracting(value -> value.get("label").asText() + " "
        + value.get("uuid").asText() + " " + value.get("default").asBoolean())
        .containsExactly("Event 56caee47-eded-45b5-b2dd-ce4c5a7dd1ae true",
            "Attribute 05c7115d-cf34-4da2-b04c-857394325938 false");
  }

  @Test
  void enrichArtifactAndTheSearchFiltersHaveTheInputsTheFunctionsRead() {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    functionFields().values().forEach(field -> byName.put(field.get("name").asText(), field));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("misp_enrich_limit", "number 50 | Most MISP attributes to read, newest first (1-10000); empty for "
        + "[fn_misp] enrich_limit (default 50)");
    expected.put("misp_category", "text Network activity | Only attributes of this MISP category, e.g. Network "
        + "activity");
    expected.put("misp_tags", "text tlp:amber, !tlp:red | Only events with these tags, comma-separated; !tag excludes "
        + "a tag");
    expected.put("misp_published_since", "text 30d | Only events published within this time: a number and d, h, m "
        + "or s");
    expected.put("misp_to_ids", "boolean  | Only attributes marked (true) or not marked (false) for detection; empty "
        + "for both");
    expected.put("misp_search_limit", "number 100 | Most events to return (capped by [fn_misp] search_limit); the "
        + "result says truncated when the page is full");
    expected.put("misp_search_page", "number 1 | Page of results (1 = first), with misp_search_limit");

    expected.forEach((name, description) -> {
      JsonNode field = byName.get(name);
      assertThat(field).as(name).isNotNull();
      assertThat(field.get("input_type").asText() + " " + field.get("placeholder").asText() + " | "
          + field.get("tooltip").asText()).as(name).isEqualTo(description);
      assertThat(field.has("required")).as(name + " is optional").isFalse();
    });
    JsonNode enrich = named(export.get("functions"), "misp_enrich_artifact");
    List<String> inputs = new ArrayList<>();
    Map<String, JsonNode> byUuid = functionFields();
    enrich.get("view_items").forEach(item -> inputs.add(byUuid.get(item.get("content").asText()).get("name").asText()));
    assertThat(enrich.get("display_name").asText()).isEqualTo("MISP Enrich Artifact");
    assertThat(inputs).containsExactly("misp_attribute_value", "misp_attribute_type", "misp_enrich_limit");
  }

  @Test
  void enrichArtifactPlaybookRunsOnArtifactsByHand() {
    JsonNode playbook = named(export.get("playbooks"), "misp_enrich_artifact");

    assertThat(playbook.get("display_name").asText() + " " + playbook.get("object_type").asText() + " "
        + playbook.get("activation_type").asText() + " " + conditions(playbook))
        .isEqualTo("MISP: Enrich Artifact - Example (PB) artifact manual []");
  }

  @Test
  void incidentFieldMispEventIdKeepsFnMispUuid() {
    List<JsonNode> incidentFields = new ArrayList<>();
    export.get("fields").forEach(field -> {
      if (field.get("export_key").asText().startsWith("incident/")) {
        incidentFields.add(field);
      }
    });

    assertThat(incidentFields).hasSize(1);
    JsonNode field = incidentFields.get(0);
    assertThat(field.get("name").asText() + " " + field.get("text").asText() + " " + field.get("input_type").asText()
        + " " + field.get("prefix").asText() + " " + field.get("uuid").asText())
        .isEqualTo("misp_event_id MISP Event Id text properties d17faed0-2202-4026-8f56-a127a8d4a980");
  }

  @Test
  void uuidsAreUnique() {
    List<String> uuids = new ArrayList<>();
    collectUuids(export, uuids);

    assertThat(uuids).hasSizeGreaterThan(30).doesNotHaveDuplicates()
        .allMatch(uuid -> uuid.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
  }

  @Test
  void holdsTheSevenExamplePlaybooksOfFnMisp302() {
    List<String> playbooks = new ArrayList<>();
    export.get("playbooks").forEach(playbook -> playbooks.add(playbook.get("name").asText() + " "
        + playbook.get("uuid").asText() + " " + playbook.get("object_type").asText() + " "
        + playbook.get("activation_type").asText() + " " + conditions(playbook) + " | "
        + playbook.get("display_name").asText()));

    assertThat(playbooks).contains(
        "misp_create_event 2cff5126-d654-4201-9aa4-b7b22d579d05 incident manual "
            + "[incident.properties.misp_event_id not_has_a_value] | MISP: Create Event - Example (PB)",
        "misp_create_attribute 1ae9c3d9-d191-4508-9c8e-736909a4bdfb artifact manual [artifact.type in [\"IP Address\","
            + "\"DNS Name\",\"URL\",\"Email Subject\",\"Email Body\",\"Email Attachment\",\"Email Sender\","
            + "\"Malware MD5 Hash\",\"Malware SHA-1 Hash\",\"Email Recipient\",\"Port\",\"File Name\","
            + "\"Malware SHA-256 Hash\",\"MAC Address\",\"URI Path\",\"Threat CVE ID\"], "
            + "incident.properties.misp_event_id has_a_value] | MISP: Create Attribute - Example (PB)",
        "misp_create_sighting 10d913f7-0b85-4020-bf18-496113b72824 artifact manual [] "
            + "| MISP: Create Sighting - Example (PB)",
        "misp_create_tag_on_attribute e5562b4d-fedf-4f36-a905-50be3276dc4b artifact manual [] "
            + "| MISP: Create Tag on Attribute - Example (PB)",
        "misp_create_tag_on_event 6ef33524-4df4-4efe-b601-45db40496310 incident manual "
            + "[incident.properties.misp_event_id has_a_value] | MISP: Create Tag on Event - Example (PB)",
        "misp_search_attribute baaf18ee-7813-4ebd-a5b7-7a1a80dcfa8d artifact manual [] "
            + "| MISP: Search Attribute - Example (PB)",
        "misp_sighting_list b7f5aee8-0b88-4ce9-92f6-b24b757d29ac incident manual "
            + "[incident.properties.misp_event_id has_a_value] | MISP: Sighting List - Example (PB)");
  }

  @Test
  void everyFunctionHasAnExamplePlaybook() {
    Set<String> used = new HashSet<>();
    Map<String, String> uuidToName = new LinkedHashMap<>();
    export.get("functions").forEach(function -> uuidToName.put(function.get("uuid").asText(),
        function.get("name").asText()));
    for (JsonNode playbook : export.get("playbooks")) {
      Element function = (Element) bpmn(playbook).getElementsByTagNameNS(RESILIENT_NS, "function").item(0);
      used.add(uuidToName.get(function.getAttribute("uuid")));
    }

    assertThat(used).containsExactlyInAnyOrderElementsOf(uuidToName.values());
  }

  @Test
  void playbooksAreWellFormedBpmnUsingOnlyWhatTheFileOrSoarDefines() {
    Map<String, JsonNode> functionsByUuid = new LinkedHashMap<>();
    export.get("functions").forEach(function -> functionsByUuid.put(function.get("uuid").asText(), function));
    Map<String, JsonNode> inputFields = functionFields();
    Set<String> incidentFields = new HashSet<>();
    export.get("fields").forEach(field -> {
      if (field.get("export_key").asText().startsWith("incident/")) {
        incidentFields.add(field.get("name").asText());
      }
    });

    for (JsonNode playbook : export.get("playbooks")) {
      String name = playbook.get("name").asText();
      Document xml = bpmn(playbook);
      Element process = (Element) xml.getElementsByTagNameNS("*", "process").item(0);
      assertThat(process.getAttribute("id")).as(name).isEqualTo(playbook.get("deployment_id").asText())
          .isEqualTo("playbook_" + playbook.get("uuid").asText().replace('-', '_'));

      NodeList functionTasks = xml.getElementsByTagNameNS(RESILIENT_NS, "function");
      assertThat(functionTasks.getLength()).as(name).isEqualTo(1);
      Element task = (Element) functionTasks.item(0);
      JsonNode function = functionsByUuid.get(task.getAttribute("uuid"));
      assertThat(function).as(name + " calls a function the file defines").isNotNull();
      JsonNode settings = Json.parse(task.getTextContent(), name + " function settings");
      assertThat(settings.get("pre_processing_script_language").asText()).isEqualTo("python3");
      Set<String> functionInputs = new HashSet<>();
      function.get("view_items")
          .forEach(item -> functionInputs.add(inputFields.get(item.get("content").asText()).get("name").asText()));
      assertThat(matches("inputs\\.(\\w+)", settings.get("pre_processing_script").asText())).as(name)
          .isNotEmpty().isSubsetOf(functionInputs);

      Set<String> scriptUuids = new HashSet<>();
      playbook.get("local_scripts").forEach(script -> scriptUuids.add(script.get("uuid").asText()));
      NodeList scriptTasks = xml.getElementsByTagNameNS(RESILIENT_NS, "script");
      for (int i = 0; i < scriptTasks.getLength(); i++) {
        assertThat(scriptUuids).as(name).contains(((Element) scriptTasks.item(i)).getAttribute("uuid"));
      }

      StringBuilder scripts = new StringBuilder(settings.get("pre_processing_script").asText());
      for (JsonNode script : playbook.get("local_scripts")) {
        scripts.append('\n').append(script.get("script_text").asText());
        assertThat(matches("playbook\\.functions\\.results\\.(\\w+)", script.get("script_text").asText()))
            .as(name).containsOnly(settings.get("result_name").asText());
      }
      for (JsonNode condition : playbook.at("/manual_settings/activation_conditions/conditions")) {
        scripts.append('\n').append(condition.get("field_name").asText());
      }
      assertThat(matches("incident\\.properties\\.(\\w+)", scripts.toString())).as(name)
          .isSubsetOf(incidentFields);
      assertThat(matches("\\b((?:incident|artifact)\\.\\w+)", scripts.toString())).as(name).isSubsetOf(BUILT_IN);
    }
  }

  @Test
  void eachOutputExampleIsWhatTheFunctionReturnsForItsMispAnswer() {
    for (JsonNode source : ExportGenerator.source().get("functions")) {
      String name = source.get("name").asText();
      JsonNode function = named(export.get("functions"), name);
      JsonNode example = Json.parse(function.get("output_json_example").asText(), name + " example");

      assertThat(example).as(name).isEqualTo(ExportGenerator.runExample(source));
      assertThat(example.get("success").asBoolean()).as(name).isTrue();
      assertThat(example.get("inputs")).as(name).isEqualTo(source.at("/example/inputs"));
    }
  }

  @Test
  void eachOutputSchemaDescribesItsExample() {
    for (JsonNode function : export.get("functions")) {
      String name = function.get("name").asText();
      JsonNode schema = Json.parse(function.get("output_json_schema").asText(), name + " schema");
      JsonNode example = Json.parse(function.get("output_json_example").asText(), name + " example");

      assertThat(schema.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
      assertThat(schema.at("/properties/content")).as(name).isNotEmpty();
      assertDescribes(schema, example, name);
    }
  }

  private static void assertDescribes(JsonNode schema, JsonNode value, String path) {
    Set<String> types = ExportGenerator.types(schema);
    String actual = value.isObject() ? "object" : value.isArray() ? "array" : value.isIntegralNumber() ? "integer"
        : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : value.isTextual() ? "string" : "null";
    assertThat(types).as(path).contains(actual);
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        JsonNode property = schema.path("properties").get(entry.getKey());
        assertThat(property).as(path + "." + entry.getKey()).isNotNull();
        assertDescribes(property, entry.getValue(), path + "." + entry.getKey());
      }
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        assertDescribes(schema.get("items"), item, path + "[]");
      }
    }
  }

  private static Document bpmn(JsonNode playbook) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
          playbook.at("/content/xml").asText().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(playbook.get("name").asText() + ": the BPMN is not well-formed XML: " + e, e);
    }
  }

  private static Map<String, JsonNode> functionFields() {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    export.get("fields").forEach(field -> {
      if (field.get("export_key").asText().startsWith("__function/")) {
        fields.put(field.get("uuid").asText(), field);
      }
    });
    return fields;
  }

  private static String conditions(JsonNode playbook) {
    List<String> written = new ArrayList<>();
    playbook.at("/manual_settings/activation_conditions/conditions").forEach(condition -> written.add(
        condition.get("field_name").asText() + " " + condition.get("method").asText()
            + (condition.get("value").isNull() ? "" : " " + Json.write(condition.get("value")))));
    return written.toString();
  }

  private static Set<String> names(JsonNode objects) {
    Set<String> names = new LinkedHashSet<>();
    objects.forEach(object -> names.add(object.get("name").asText()));
    return names;
  }

  private static JsonNode named(JsonNode objects, String name) {
    for (JsonNode object : objects) {
      if (object.get("name").asText().equals(name)) {
        return object;
      }
    }
    throw new AssertionError("export.res has no " + name);
  }

  private static Set<String> matches(String regex, String text) {
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = Pattern.compile(regex).matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static void collectUuids(JsonNode node, List<String> uuids) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        if (entry.getKey().equals("uuid") && entry.getValue().isTextual()) {
          uuids.add(entry.getValue().asText());
        } else {
          collectUuids(entry.getValue(), uuids);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectUuids(child, uuids));
    }
  }
}
