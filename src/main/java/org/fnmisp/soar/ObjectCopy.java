package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.fnmisp.json.Json;

/**
 * Copies one playbook or workflow of an org export under a new name, as {@code resilient-sdk clone} does: every uuid
 * the object owns (its own, its local scripts', its activation fields') is replaced everywhere in the object, BPMN
 * included, and the result is an export that holds only the copy, ready for {@code configurations/imports}.
 */
public final class ObjectCopy {

  /** What can be copied, where the export keeps it and which key names it. */
  public enum Kind {
    PLAYBOOK("playbooks", "name"),
    WORKFLOW("workflows", "programmatic_name");

    private final String list;
    private final String nameKey;

    Kind(String list, String nameKey) {
      this.list = list;
      this.nameKey = nameKey;
    }

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private ObjectCopy() {}

  /**
   * The export to import for a copy of {@code source} (its programmatic name, or its display name) named
   * {@code newName}, shown as {@code displayName}.
   *
   * @throws IllegalArgumentException when there is no such object (the message lists the ones there are), or an
   *     object called {@code newName} exists already
   */
  public static OrgExport copy(OrgExport org, Kind kind, String source, String newName, String displayName) {
    ArrayNode objects = org.list(kind.list);
    JsonNode original = find(objects, kind, source);
    if (original == null) {
      throw new IllegalArgumentException("The org has no " + kind.word() + " named '" + source + "'; "
          + available(objects, kind));
    }
    if (find(objects, kind, newName) != null) {
      throw new IllegalArgumentException("The org already has a " + kind.word() + " named '" + newName
          + "'; choose another name");
    }
    ObjectNode copy = kind == Kind.PLAYBOOK
        ? copyPlaybook((ObjectNode) original, newName, displayName)
        : copyWorkflow((ObjectNode) original, newName, displayName);
    ObjectNode document = org.json();
    for (Map.Entry<String, JsonNode> entry : document.properties()) {
      if (entry.getValue().isArray()) {
        entry.setValue(Json.array());
      }
    }
    document.putArray(kind.list).add(copy);
    return OrgExport.of(document).withoutTags();
  }

  private static ObjectNode copyPlaybook(ObjectNode original, String newName, String displayName) {
    Set<String> owned = new LinkedHashSet<>();
    owned.add(original.path("uuid").asText());
    owned.add(original.at("/fields_type/uuid").asText());
    original.path("local_scripts").forEach(script -> owned.add(script.path("uuid").asText()));
    collectUuids(original.at("/fields_type/fields"), owned);
    ObjectNode copy = withFreshUuids(original, owned);
    String oldName = original.path("name").asText();
    copy.put("name", newName);
    copy.put("export_key", newName);
    copy.put("display_name", displayName);
    if (copy.path("fields_type").isObject()) {
      ((ObjectNode) copy.get("fields_type")).put("display_name", displayName).remove("id");
    }
    for (JsonNode script : copy.path("local_scripts")) {
      ObjectNode local = (ObjectNode) script;
      local.put("playbook_handle", newName);
      String programmatic = local.path("programmatic_name").asText();
      if (programmatic.startsWith(oldName)) {
        local.put("programmatic_name", newName + programmatic.substring(oldName.length()));
      }
      local.remove("id");
    }
    // Server-side bookkeeping of the original: SOAR assigns these to the copy itself.
    copy.remove(List.of("id", "tag", "creator_principal", "last_modified_principal", "create_date",
        "last_modified_time"));
    return copy;
  }

  private static ObjectNode copyWorkflow(ObjectNode original, String newName, String displayName) {
    String oldName = original.path("programmatic_name").asText();
    ObjectNode copy = withFreshUuids(original, Set.of(original.path("uuid").asText()));
    copy.put("programmatic_name", newName);
    copy.put("export_key", newName);
    copy.put("name", displayName);
    if (copy.path("content").isObject()) {
      ObjectNode content = (ObjectNode) copy.get("content");
      content.put("workflow_id", newName);
      // The BPMN names its process after the workflow: <process id="old_name" ...> and bpmnElement="old_name".
      content.put("xml", content.path("xml").asText().replace("\"" + oldName + "\"", "\"" + newName + "\""));
    }
    copy.remove(List.of("id", "workflow_id", "creator_id", "last_modified_by", "last_modified_time"));
    return copy;
  }

  /** The object with each owned uuid replaced by a new one, also as {@code playbook_<uuid_with_underscores>} form. */
  private static ObjectNode withFreshUuids(ObjectNode original, Set<String> owned) {
    String text = Json.write(original);
    for (String uuid : owned) {
      if (uuid.isEmpty()) {
        continue;
      }
      String fresh = UUID.randomUUID().toString();
      text = text.replace(uuid, fresh).replace(uuid.replace('-', '_'), fresh.replace('-', '_'));
    }
    return (ObjectNode) Json.parse(text, "the copied object");
  }

  private static void collectUuids(JsonNode node, Set<String> uuids) {
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

  private static JsonNode find(ArrayNode objects, Kind kind, String name) {
    for (String key : List.of(kind.nameKey, kind == Kind.PLAYBOOK ? "display_name" : "name")) {
      for (JsonNode object : objects) {
        if (object.path(key).asText().equals(name)) {
          return object;
        }
      }
    }
    return null;
  }

  private static String available(ArrayNode objects, Kind kind) {
    Set<String> names = new TreeSet<>();
    objects.forEach(object -> names.add(object.path(kind.nameKey).asText()));
    List<String> list = new ArrayList<>(names);
    return list.isEmpty() ? "it has none" : "it has: " + String.join(", ", list);
  }
}
