package org.fnmisp.misp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The optional filters and bounds of an {@code events/restSearch} by value; a null (or empty) one is not sent, so
 * {@link #NONE} sends exactly the request fn_misp sent.
 *
 * @param type MISP's {@code type}
 * @param category {@code category}
 * @param tags {@code tags}: names, a leading {@code !} for NOT
 * @param last {@code last}: published within, e.g. {@code 30d}
 * @param toIds {@code to_ids}, sent as 1 or 0
 * @param limit {@code limit}: most events per page
 * @param page {@code page}, 1-based, with a limit
 */
public record SearchFilters(String type, String category, List<String> tags, String last, Boolean toIds,
    Integer limit, Integer page) {

  public static final SearchFilters NONE = new SearchFilters(null, null, List.of(), null, null, null, null);

  public SearchFilters {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The filters, after the value and before the flags, in the order PyMISP's search sends them. */
  void addFilters(ObjectNode body) {
    if (type != null) {
      body.put("type", type);
    }
    if (category != null) {
      body.put("category", category);
    }
    if (!tags.isEmpty()) {
      ArrayNode list = body.putArray("tags");
      tags.forEach(list::add);
    }
    if (last != null) {
      body.put("last", last);
    }
    if (toIds != null) {
      body.put("to_ids", toIds ? 1 : 0);
    }
  }

  /** The bounds, last. */
  void addBounds(ObjectNode body) {
    if (limit != null) {
      body.put("limit", limit);
    }
    if (page != null) {
      body.put("page", page);
    }
  }
}
