package org.fnmisp.verdict;

import com.fasterxml.jackson.databind.JsonNode;

/** An enabled MISP warninglist that holds the value: a list of known, usually harmless, values. */
public record Warninglist(String id, String name) {

  /** From an entry of an attribute's warnings list ({@code warninglist_id}, {@code warninglist_name}). */
  static Warninglist fromAttributeWarning(JsonNode warning) {
    return new Warninglist(warning.path("warninglist_id").asText(""), warning.path("warninglist_name").asText(""));
  }

  /** From a {@code warninglists/checkValue} hit ({@code id}, {@code name}). */
  public static Warninglist fromCheckValue(JsonNode hit) {
    return new Warninglist(hit.path("id").asText(""), hit.path("name").asText(""));
  }
}
