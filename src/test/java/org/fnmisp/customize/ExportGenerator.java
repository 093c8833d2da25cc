package org.fnmisp.customize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.fnmisp.functions.FunctionHarness;
import org.fnmisp.json.Json;

/**
 * Builds {@code customize/export.res}, the organization export SOAR imports, from the short description in
 * {@code customize/src/customizations.json} and the playbook scripts beside it. Each function's output example is
 * what the function returns when MISP gives the answers named in the description (fixtures under
 * {@code src/test/resources/misp}), so the example and its schema follow the code.
 */
final class ExportGenerator {

  static final Path EXPORT = Path.of("customize", "export.res");
  static final Path SOURCE = Path.of("customize", "src", "customizations.json");
  static final Path SCRIPTS = Path.of("customize", "src", "scripts");
  static final String LOCAL_SCRIPT = "MISP post process";

  /** The metrics of every example: fixed, so the file does not change with the clock, the host or the version. */
  private static final JsonNode EXAMPLE_METRICS = Json.parse("{\"version\": \"1.0\", \"package\": \"fn-misp\", "
      + "\"package_version\": \"1.0.0\", \"host\": \"soar-int-01\", \"execution_time_ms\": 120, "
      + "\"timestamp\": \"2024-05-01 12:00:00\"}", "example metrics");
  /** SOAR exports carry their date; ours is fixed so that regenerating gives the same file. */
  private static final long EXPORT_DATE = 1764460800000L;

  private ExportGenerator() {}

  static JsonNode source() {
    return Json.parse(read(SOURCE), SOURCE.toString());
  }

  /** The text of export.res: pretty JSON with a final newline. */
  static String render() {
    return Json.writePretty(build(source())) + "\n";
  }

  static ObjectNode build(JsonNode source) {
    ObjectNode export = Json.object();
    for (String empty : new String[] {"action_order", "actions", "apps", "automatic_tasks", "case_matching_profiles"}) {
      export.putArray(empty);
    }
    export.put("export_date", EXPORT_DATE);
    export.put("export_format_version", 2);
    export.putNull("export_type");
    ArrayNode fields = export.putArray("fields");
    source.get("incident_fields").forEach(field -> fields.add(field(field, "incident", 0, "properties")));
    source.get("function_inputs").forEach(field -> fields.add(field(field, "__function", 11, null)));
    ArrayNode functions = export.putArray("functions");
    source.get("functions").forEach(function -> functions.add(function(function, source)));
    export.putNull("geos");
    export.putNull("groups");
    export.put("id", 1);
    for (String empty : new String[] {"inbound_destinations", "incident_artifact_types", "incident_types", "layouts"}) {
      export.putArray(empty);
    }
    export.putNull("locale");
    export.putArray("message_destinations").add(destination(source.get("message_destination")));
    export.putNull("notifications");
    export.putNull("overrides");
    export.putArray("phases");
    ArrayNode playbooks = export.putArray("playbooks");
    source.get("playbooks").forEach(playbook -> playbooks.add(playbook(playbook, source)));
    export.putNull("regulators");
    export.putArray("roles");
    export.putArray("scripts");
    export.set("server_version", source.get("server_version"));
    export.putArray("tags");
    export.putArray("task_order");
    export.putNull("timeframes");
    for (String empty : new String[] {"types", "workflows", "workspaces"}) {
      export.putArray(empty);
    }
    return export;
  }

  /**
   * The payload a function returns for the example's inputs when MISP gives the example's answers, with fixed
   * metrics. Used both to write the example and, in the test, to check the example written.
   */
  static JsonNode runExample(JsonNode function) {
    JsonNode example = function.get("example");
    try (FunctionHarness harness = new FunctionHarness()) {
      example.get("misp_answers").forEach(answer -> harness.misp.reply(200, answer.asText()));
      ObjectNode payload = (ObjectNode) harness.run(function.get("name").asText(),
          Json.write(example.get("inputs"))).payload();
      payload.set("metrics", EXAMPLE_METRICS.deepCopy());
      return payload;
    }
  }

  static String script(String playbook, String kind) {
    return read(SCRIPTS.resolve(playbook + "." + kind + ".py"));
  }

  private static ObjectNode destination(JsonNode source) {
    ObjectNode destination = Json.object();
    destination.putArray("api_keys");
    destination.put("destination_type", 0);
    destination.put("expect_ack", true);
    destination.put("export_key", source.get("programmatic_name").asText());
    destination.put("name", source.get("name").asText());
    destination.put("programmatic_name", source.get("programmatic_name").asText());
    destination.putArray("tags");
    destination.putArray("users");
    destination.put("uuid", source.get("uuid").asText());
    return destination;
  }

  private static ObjectNode field(JsonNode source, String type, int typeId, String prefix) {
    String name = source.get("name").asText();
    ObjectNode field = Json.object();
    field.put("allow_default_value", false);
    field.put("blank_option", false);
    field.put("calculated", false);
    field.put("changeable", true);
    field.put("chosen", false);
    field.put("default_chosen_by_server", false);
    field.put("deprecated", false);
    field.put("export_key", type + "/" + name);
    field.put("hide_notification", false);
    field.put("input_type", source.get("input_type").asText());
    field.put("internal", false);
    field.put("is_tracked", false);
    field.put("name", name);
    field.putObject("operation_perms");
    field.putArray("operations");
    field.put("placeholder", source.path("placeholder").asText(""));
    field.put("prefix", prefix);
    field.put("read_only", false);
    if (source.has("required")) {
      field.put("required", source.get("required").asText());
    }
    field.put("rich_text", false);
    field.putArray("tags");
    field.putArray("templates");
    field.put("text", source.path("text").asText(name));
    field.put("tooltip", source.path("tooltip").asText(""));
    field.put("type_id", typeId);
    field.put("uuid", source.get("uuid").asText());
    ArrayNode values = field.putArray("values");
    for (JsonNode value : source.path("values")) {
      values.addObject().put("default", value.get("default").asBoolean()).put("enabled", true).put("hidden", false)
          .put("label", value.get("label").asText()).putNull("properties").put("uuid", value.get("uuid").asText());
    }
    return field;
  }

  private static ObjectNode function(JsonNode source, JsonNode customizations) {
    JsonNode example = runExample(source);
    ObjectNode function = Json.object();
    function.set("description", text(source.get("description").asText()));
    function.put("destination_handle", customizations.at("/message_destination/programmatic_name").asText());
    function.put("display_name", source.get("display_name").asText());
    function.put("export_key", source.get("name").asText());
    function.put("name", source.get("name").asText());
    function.set("output_description", text(null));
    function.put("output_json_example", Json.write(example));
    ObjectNode schema = Json.object().put("$schema", "http://json-schema.org/draft-04/schema#");
    schema.setAll(schemaOf(example));
    function.put("output_json_schema", Json.write(schema));
    function.putArray("tags");
    function.put("uuid", source.get("uuid").asText());
    function.put("version", 1);
    ArrayNode viewItems = function.putArray("view_items");
    for (JsonNode input : source.get("inputs")) {
      viewItems.addObject().put("content", inputUuid(customizations, input.asText())).put("element", "field_uuid")
          .put("field_type", "__function").putNull("show_if").put("show_link_header", false).putNull("step_label");
    }
    function.putArray("workflows");
    return function;
  }

  private static ObjectNode playbook(JsonNode source, JsonNode customizations) {
    String name = source.get("name").asText();
    String uuid = source.get("uuid").asText();
    String handle = "playbook_" + uuid.replace('-', '_');
    JsonNode function = functionNamed(customizations, source.get("function").asText());
    ObjectNode playbook = Json.object();
    playbook.put("activation_type", "manual");
    playbook.putObject("content").put("content_version", 1)
        .put("xml", Bpmn.playbook(handle, function, source, script(name, "input")));
    playbook.put("deployment_id", handle);
    playbook.set("description", text(source.get("description").asText()));
    playbook.put("display_name", source.get("display_name").asText());
    playbook.put("export_key", name);
    playbook.put("field_type_handle", handle);
    ObjectNode fieldsType = playbook.putObject("fields_type");
    fieldsType.putArray("actions");
    fieldsType.put("display_name", source.get("display_name").asText());
    fieldsType.put("export_key", handle);
    fieldsType.putObject("fields");
    for (String flag : new String[] {"for_actions", "for_custom_fields", "for_notifications", "for_workflows"}) {
      fieldsType.put(flag, false);
    }
    fieldsType.putNull("id");
    fieldsType.putArray("parent_types").add("__playbook");
    fieldsType.putObject("properties").put("can_create", false).put("can_destroy", false).putArray("for_who");
    fieldsType.putArray("scripts");
    fieldsType.putArray("tags");
    fieldsType.put("type_id", 28);
    fieldsType.put("type_name", handle);
    fieldsType.put("uuid", source.get("fields_type_uuid").asText());
    playbook.put("has_logical_errors", false);
    playbook.put("is_deleted", false);
    playbook.put("is_locked", false);
    ObjectNode local = playbook.putArray("local_scripts").addObject();
    local.putArray("actions");
    local.put("description", "Reads the result of " + function.get("display_name").asText()
        + " and writes it to the " + source.get("object_type").asText());
    // As in fn_misp's export: a playbook's local script is not a standalone script, so it is not "enabled" as one.
    local.put("enabled", false);
    local.put("export_key", LOCAL_SCRIPT);
    local.put("language", "python3");
    local.put("name", LOCAL_SCRIPT);
    local.put("object_type", source.get("object_type").asText());
    local.put("playbook_handle", name);
    local.put("programmatic_name", name + "_misp_post_process");
    local.put("script_text", script(name, "post"));
    local.putArray("tags");
    local.put("uuid", source.get("script_uuid").asText());
    ObjectNode settings = playbook.putObject("manual_settings");
    ObjectNode activation = settings.putObject("activation_conditions");
    ArrayNode conditions = activation.putArray("conditions");
    for (JsonNode condition : source.get("conditions")) {
      ObjectNode written = conditions.addObject().putNull("evaluation_id")
          .put("field_name", condition.get("field_name").asText()).put("method", condition.get("method").asText())
          .putNull("type");
      written.set("value", condition.has("value") ? condition.get("value") : JsonNodeFactory.instance.nullNode());
    }
    activation.put("logic_type", "all");
    settings.putArray("view_items");
    playbook.put("name", name);
    playbook.put("object_type", source.get("object_type").asText());
    playbook.put("status", "enabled");
    playbook.putArray("tags");
    playbook.put("type", "default");
    playbook.put("uuid", uuid);
    playbook.put("version", 1);
    return playbook;
  }

  static JsonNode functionNamed(JsonNode customizations, String name) {
    for (JsonNode function : customizations.get("functions")) {
      if (function.get("name").asText().equals(name)) {
        return function;
      }
    }
    throw new IllegalArgumentException(SOURCE + ": no function " + name);
  }

  private static String inputUuid(JsonNode customizations, String name) {
    for (JsonNode input : customizations.get("function_inputs")) {
      if (input.get("name").asText().equals(name)) {
        return input.get("uuid").asText();
      }
    }
    throw new IllegalArgumentException(SOURCE + ": no function input " + name);
  }

  private static ObjectNode text(String content) {
    return Json.object().put("content", content).put("format", "text");
  }

  /** A JSON schema that the example satisfies: the types of its values, the properties of all its objects. */
  static ObjectNode schemaOf(JsonNode value) {
    ObjectNode schema = Json.object();
    if (value.isObject()) {
      schema.put("type", "object");
      ObjectNode properties = schema.putObject("properties");
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        properties.set(entry.getKey(), schemaOf(entry.getValue()));
      }
    } else if (value.isArray()) {
      schema.put("type", "array");
      ObjectNode items = null;
      for (JsonNode item : value) {
        items = items == null ? schemaOf(item) : merge(items, schemaOf(item));
      }
      if (items != null) {
        schema.set("items", items);
      }
    } else if (value.isIntegralNumber()) {
      schema.put("type", "integer");
    } else if (value.isNumber()) {
      schema.put("type", "number");
    } else if (value.isBoolean()) {
      schema.put("type", "boolean");
    } else if (value.isTextual()) {
      schema.put("type", "string");
    } else {
      schema.put("type", "null");
    }
    return schema;
  }

  /**
   * Objects in one array differ in their keys (MISP leaves empty ones out) and in the types of a key (null in one
   * item, a date in the next): their item schema has all the keys, each with all the types it takes.
   */
  private static ObjectNode merge(ObjectNode first, ObjectNode second) {
    Set<String> types = types(first);
    types.addAll(types(second));
    if (types.size() == 1) {
      first.put("type", types.iterator().next());
    } else {
      ArrayNode union = first.putArray("type");
      types.forEach(union::add);
    }
    if (second.has("items")) {
      first.set("items", first.has("items")
          ? merge((ObjectNode) first.get("items"), (ObjectNode) second.get("items")) : second.get("items"));
    }
    if (second.has("properties")) {
      ObjectNode properties = first.has("properties") ? (ObjectNode) first.get("properties")
          : first.putObject("properties");
      for (Map.Entry<String, JsonNode> entry : second.get("properties").properties()) {
        JsonNode known = properties.get(entry.getKey());
        properties.set(entry.getKey(), known == null ? entry.getValue()
            : merge((ObjectNode) known, (ObjectNode) entry.getValue()));
      }
    }
    return first;
  }

  /** The types a schema allows: draft-04 writes one as a string, several as an array. */
  static Set<String> types(JsonNode schema) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode type = schema.get("type");
    if (type.isArray()) {
      type.forEach(one -> types.add(one.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
