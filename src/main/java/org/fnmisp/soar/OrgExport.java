package org.fnmisp.soar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fnmisp.json.Json;

/**
 * An organization export ({@code .res}): the JSON document SOAR writes with {@code POST configurations/exports} and
 * reads with {@code POST configurations/imports}. Immutable: every change returns a new export.
 */
public final class OrgExport {

  /** Where the jar keeps {@code customize/export.res}, the customizations {@code fn-misp customize} imports. */
  static final String BUNDLED = "/customize/export.res";

  /** The object lists an operator recognises, in the order they are listed, with the words used for them. */
  private static final List<Map.Entry<String, String>> KINDS = List.of(
      Map.entry("message_destinations", "message destination"),
      Map.entry("fields", "field"),
      Map.entry("functions", "function"),
      Map.entry("types", "data table"),
      Map.entry("scripts", "script"),
      Map.entry("actions", "rule"),
      Map.entry("workflows", "workflow"),
      Map.entry("playbooks", "playbook"));

  private final ObjectNode json;

  private OrgExport(ObjectNode json) {
    this.json = json;
  }

  /** The customizations built into this jar. */
  public static OrgExport bundled() {
    try (InputStream in = OrgExport.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("The jar holds no " + BUNDLED + "; it was built without customize/export.res");
      }
      return of(Json.parse(in.readAllBytes(), BUNDLED));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + BUNDLED + " from the jar", e);
    }
  }

  /** An export as SOAR wrote it; anything but a JSON object is refused. */
  static OrgExport of(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("An organization export is a JSON object, not " + json.getNodeType());
    }
    return new OrgExport(((ObjectNode) json).deepCopy());
  }

  /** One line per object, e.g. {@code function  misp_create_event (MISP Create Event)}; internal fields left out. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> kind : KINDS) {
      for (JsonNode object : json.path(kind.getKey())) {
        if (object.path("internal").asBoolean(false)) {
          continue;
        }
        lines.add(String.format("%-20s %s", kind.getValue(), describe(kind.getKey(), object)));
      }
    }
    return lines;
  }

  /** How many objects of each kind, e.g. {@code 1 message destination, 11 fields, 6 functions, 7 playbooks}. */
  public String summary() {
    List<String> counts = new ArrayList<>();
    for (Map.Entry<String, String> kind : KINDS) {
      int count = json.path(kind.getKey()).size();
      if (count > 0) {
        counts.add(count + " " + kind.getValue() + (count == 1 ? "" : "s"));
      }
    }
    return counts.isEmpty() ? "nothing" : String.join(", ", counts);
  }

  /** The {@code programmatic_name} of each message destination in the export. */
  public List<String> messageDestinations() {
    List<String> names = new ArrayList<>();
    json.path("message_destinations").forEach(destination -> names.add(destination.path("programmatic_name").asText()));
    return names;
  }

  /** {@code major.minor} of the SOAR the export was made on, when it says. */
  public Optional<SoarVersion> serverVersion() {
    JsonNode version = json.path("server_version");
    if (version.path("major").canConvertToInt()) {
      return Optional.of(new SoarVersion(version.path("major").asInt(), version.path("minor").asInt(0)));
    }
    return SoarVersion.parse(version.path("version").asText(""));
  }

  /**
   * The export without any {@code tags}: tags name the package an object came from on the exporting server, and an
   * import fails on a tag the target org does not have (resilient-circuits strips them too).
   */
  public OrgExport withoutTags() {
    ObjectNode copy = json.deepCopy();
    removeTags(copy);
    return new OrgExport(copy);
  }

  /** A deep copy of the document. */
  public ObjectNode json() {
    return json.deepCopy();
  }

  ArrayNode list(String kind) {
    JsonNode list = json.path(kind);
    return list.isArray() ? (ArrayNode) list : Json.array();
  }

  private static String describe(String kind, JsonNode object) {
    if (kind.equals("fields")) {
      String type = object.path("export_key").asText("").replaceFirst("/.*", "");
      String label = object.path("text").asText("");
      String name = object.path("name").asText();
      String shown = label.isEmpty() || label.equals(name) ? "" : " (" + label + ")";
      return (type.isEmpty() ? "" : type + ".") + name + shown;
    }
    String name = object.path(object.has("programmatic_name") ? "programmatic_name" : "name").asText();
    String display = object.path(object.has("display_name") ? "display_name" : "name").asText();
    return name + (display.isEmpty() || display.equals(name) ? "" : " (" + display + ")");
  }

  private static void removeTags(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove("tags");
      for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
        removeTags(it.next());
      }
    } else if (node.isArray()) {
      node.forEach(OrgExport::removeTags);
    }
  }
}
